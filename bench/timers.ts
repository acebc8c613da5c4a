// The cost of keeping every partnership's deadlines as durable timers, in three figures:
//   1. history events per partnership-year: one partnership driven over the API from registration
//      through its decisions, a five-year term of deadlines (follow-ups, evaluations, renegotiation
//      notices) and a renegotiation into a second term, on Temporal's TIME-SKIPPING test server
//      (five years cannot pass on the dev server); every run of its workflow is counted;
//   2. the worker's resident memory with BENCH_PARTNERSHIPS (10,000) partnerships asleep on their
//      next deadline, on a Temporal dev server, against the same worker process with none; measured
//      at 1,000 first, so that a worker that cannot hold them all (it runs out of heap) still gives
//      a per-workflow figure;
//   3. how late the reminders go out when BENCH_DUE (1,000) fall due in the same minute, real
//      notices (PostgreSQL, SMTP) included, against bare Temporal firing as many timers that each
//      run one no-op activity and then sleep again (as a partnership does), on the same dev server
//      in the same run, in BENCH_LATENESS_ROUNDS (3) rounds that take turns at going first; the
//      ratio is the median of the rounds'.
// The worker of 2 and 3 is the real entry point (worker/main.ts) compiled, in a process of its own
// and on a pre-built workflow bundle, as in production; bare's worker runs the same way. It needs the machine's PostgreSQL (BENCH_PG_SERVER,
// default postgresql://postgres@127.0.0.1:5432/postgres), where it makes a database of its own and
// drops it again, and the Temporal binaries of `node scripts/setup.mjs --test`.
//
//   npm run bench:timers                                                           (about 30 minutes)
//   BENCH_PARTNERSHIPS=500 BENCH_DUE=50 BENCH_LATENESS_ROUNDS=1 BENCH_PARTS=2,3 npm run bench:timers (a quick try)
//
// Other knobs: BENCH_CONCURRENCY (50 starts at a time), BENCH_TEMPORAL_PORT (7433),
// BENCH_LEAD_SECONDS (at least 60 s, plus 50 ms a reminder, between starting a batch and its minute),
// BENCH_MEMORY_FIRST_STAGE (1,000 asleep are measured first), BENCH_MEMORY_MINUTES (7: the time
// part 2 gives its workflows to go to sleep).
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createApiKey } from '../api/auth/api-keys';
import { createApp } from '../api/app';
import { createDatabase, type Database } from '../platform/database';
import { createLogger } from '../platform/logger';
import { createMailer } from '../platform/mailer';
import { temporalTestServerPath } from '../platform/temporal-binaries';
import { fullAgreement, PartnershipDriver } from '../test/support/lifecycle';
import { largestPayloadBytes as largestPayloadIn } from '../test/support/history-text';
import { TestSmtpServer } from '../test/support/smtp';
import type { TestSystem } from '../test/support/system';
import { createWorker } from '../worker/create-worker';
import { finalFrom } from '../domain/calendar';
import { addDays, addMonths, addYears, isoDay } from '../domain/dates';
import { followUpMeetings, upcomingDeadlines } from '../domain/deadlines';
import { initialState, type PartnershipState } from '../domain/state';
import { defaultTiming, effectiveTiming, noticeInstant } from '../domain/timing';
import { currentRules } from '../domain/rules';
import { partnershipWorkflowId, partnershipWorkflowType, type PartnershipWorkflowInput } from '../workflows/messages';
import { loadConfig } from '../platform/config';
import { bareReminder, bareSleeper } from './bare/workflows';
import { heapPerCachedWorkflow, type CachedHeapFigures } from './support/cached-heap';
import { buildWorkers, buildWorkflowBundle, cleanUp, cpuByProcess, cpuUsed, createBenchDatabase, inPool, log, median, onCleanup, sleep, startDevServer, WorkerChild, type CpuByProcess } from './support/services';

/** The compiled workers (buildWorkers): the product's and the bare baseline's. */
type Workers = ReturnType<typeof buildWorkers>;

type DevServer = Awaited<ReturnType<typeof startDevServer>>;

const numberFromEnv = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const settings = {
  partnerships: numberFromEnv('BENCH_PARTNERSHIPS', 10_000),
  due: numberFromEnv('BENCH_DUE', 1_000),
  concurrency: numberFromEnv('BENCH_CONCURRENCY', 50),
  temporalPort: numberFromEnv('BENCH_TEMPORAL_PORT', 7433),
  leadSeconds: numberFromEnv('BENCH_LEAD_SECONDS', 60),
  memoryMinutes: numberFromEnv('BENCH_MEMORY_MINUTES', 7),
  memoryFirstStage: numberFromEnv('BENCH_MEMORY_FIRST_STAGE', 1_000),
  latenessRounds: numberFromEnv('BENCH_LATENESS_ROUNDS', 3),
  heapWarmUp: numberFromEnv('BENCH_HEAP_WARM_UP', 100),
  heapMeasured: numberFromEnv('BENCH_HEAP_MEASURED', 500),
  parts: new Set((process.env.BENCH_PARTS ?? '1,2,3').split(',').map((p) => p.trim())),
  pgServer: process.env.BENCH_PG_SERVER ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
};
const dayMs = 86_400_000;

function percentile(sorted: number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

// ---------------------------------------------------------------------------------------------
// Services of the benchmark's own: a database, a workflow bundle, a dev server, worker processes.

/** The event id of the first TimerStarted of a workflow: once there, its first workflow task is done. */
async function firstTimerEventId(client: Client, workflowId: string, timeoutMs = 120_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const timer = history.events?.find((e) => e.timerStartedEventAttributes);
    if (timer) return Number(timer.eventId);
    if (Date.now() > deadline) throw new Error(`${workflowId} started no timer in ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

/**
 * Waits until every workflow's history holds its first timer, i.e. its first workflow task ran.
 * `done` tells how many did; fewer than all when the worker died or the time ran out.
 */
function waitUntilAsleep(
  client: Client,
  workflowIds: string[],
  timerEventId: number,
  timeoutMs: number,
  worker: WorkerChild | null,
): { progress: { asleep: number }; done: Promise<{ asleep: number; stoppedBy: string | null }> } {
  const deadline = Date.now() + timeoutMs;
  const progress = { asleep: 0 };
  let stoppedBy: string | null = null;
  const done = inPool(workflowIds, settings.concurrency, async (workflowId) => {
    while (!stoppedBy) {
      const { historyLength } = await client.workflow.getHandle(workflowId).describe();
      if (historyLength >= timerEventId) {
        progress.asleep += 1;
        return;
      }
      if (worker?.ended) stoppedBy = `the worker process ended (${worker!.ended})`;
      else if (Date.now() > deadline) stoppedBy = `time ran out after ${Math.round(timeoutMs / 1000)} s`;
      else await sleep(500);
    }
  }).then(() => ({ asleep: progress.asleep, stoppedBy }));
  return { progress, done };
}

async function startWorkflows(client: Client, taskQueue: string, inputs: PartnershipWorkflowInput[]): Promise<number> {
  const started = Date.now();
  await inPool(inputs, settings.concurrency, async (input) => {
    await client.workflow.start(partnershipWorkflowType, {
      workflowId: partnershipWorkflowId(input.partnershipId),
      taskQueue,
      args: [input],
    });
  });
  return (Date.now() - started) / 1000;
}

const twoParties = (): PartnershipState['parties'] => [
  { partyId: randomUUID(), organisationId: randomUUID(), kind: 'PUBLIC', joinedInTerm: 1, joinedOn: null, contactIds: [], contributions: [], leftOn: null, leaveReason: null },
  { partyId: randomUUID(), organisationId: randomUUID(), kind: 'IDEBUREN', joinedInTerm: 1, joinedOn: null, contactIds: [], contributions: [], leftOn: null, leaveReason: null },
];

/** A partnership in IMPLEMENTATION whose term starts on `startDate` and runs five years. */
function implementationState(partnershipId: string, startDate: string): PartnershipState {
  return {
    ...initialState(partnershipId),
    phase: 'IMPLEMENTATION',
    phaseEnteredOn: startDate,
    revision: 1,
    parties: twoParties(),
    submittedVersion: 1,
    versionInForce: 1,
    implementation: { startDate, beforeFinal: null },
    terms: [{ term: 1, startDate, endDate: addYears(startDate, 5) }],
  };
}

// ---------------------------------------------------------------------------------------------
// 1. History events per partnership-year, on the time-skipping test server.

interface HistoryFigures {
  years: number;
  runs: { runId: string; events: number; firstDay: string; lastDay: string }[];
  totalEvents: number;
  eventsPerYear: number;
  /** Every run's history as Temporal stores it (protobuf), and its largest single payload. */
  totalBytes: number;
  bytesPerYear: number;
  largestPayloadBytes: number;
  eventsByType: Record<string, number>;
  apiSteps: number;
  emailsSent: number;
  wallSeconds: number;
}

async function historyPerPartnershipYear(databaseUrl: string, bundlePath: string, agreement: Record<string, string>): Promise<HistoryFigures> {
  const wallStart = Date.now();
  const testServer = temporalTestServerPath();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: testServer ? { type: 'existing-path', path: testServer } : { type: 'cached-download' } },
  });
  const stopEnv = onCleanup('time-skipping test server', () => env.teardown());
  const db = createDatabase(databaseUrl, { maxConnections: 5 });
  const stopDb = onCleanup('part 1 database client', () => db.$disconnect());
  const smtp = await new TestSmtpServer({ parse: false }).start();
  const stopSmtp = onCleanup('part 1 SMTP server', () => smtp.stop());
  const taskQueue = `bench-timers-history-${randomUUID()}`;
  const { app } = createApp({ db, temporal: env.client, taskQueue, logger: createLogger({ level: 'silent', name: 'bench-timers' }), publicBaseUrl: 'http://127.0.0.1' });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const stopServer = onCleanup('part 1 API', async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const system = {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    db,
    temporal: env.client,
    smtp,
    adminKey: (await createApiKey(db, { role: 'ADMINISTRATOR', label: 'bench timers' })).key,
  } as unknown as TestSystem;

  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue,
    workflowBundlePath: bundlePath,
    dependencies: { db, mailer: createMailer(smtp.url), mailFrom: 'IOP bench <noreply@iop.test>', publicBaseUrl: 'http://127.0.0.1' },
  });

  let driver: PartnershipDriver | undefined;
  let registeredAt = 0;
  let endedAt = 0;
  await worker.runUntil(async () => {
    const now = () => env.currentTimeMs();
    const today = async () => isoDay(await now());
    /** Lets time pass on the test server to noon (UTC) of `date`: that day's notices are out by then. */
    const passUntilNoon = async (date: string) => {
      const wait = Date.parse(`${date}T12:00:00Z`) - (await now());
      if (wait > 0) await env.sleep(wait);
    };
    const step = (name: string, body: unknown = {}) => driver!.step(name, body);

    registeredAt = await now();
    driver = await PartnershipDriver.register(system);
    const parties = await driver.initiate();
    await step('save-agreement-draft', { sections: agreement });
    await step('submit-for-legal-review');
    await driver.passLegalReview();
    const day0 = await today();
    for (const [i, partyId] of parties.entries()) {
      const decided = await driver.decide(partyId, 1, 'YES', i < 2, day0);
      if (decided.status !== 200) throw new Error(`record-decision: ${decided.status} ${JSON.stringify(decided.body)}`);
    }
    // The public decisions become final once their three-week appeal window has passed, moved past
    // a weekend or holiday (domain/calendar.ts).
    await passUntilNoon(finalFrom(day0));
    const started = await step('start-implementation', { startDate: await today() });
    const { startDate, endDate } = started.terms[0] as { startDate: string; endDate: string };

    // A typical term: every follow-up meeting held and recorded on its day; the system enters
    // EVALUATION 15 months before the end; the evaluation is recorded a month later and the
    // renegotiation starts a month after that; the parties agree to continue after the last
    // (three-month) renegotiation notice, and the new term starts the day after this one ends.
    const finalEvaluation = addMonths(endDate, -defaultTiming.finalEvaluationMonthsBeforeEnd);
    const evaluationRecorded = addDays(finalEvaluation, 30);
    const renegotiationStarts = addDays(finalEvaluation, 60);
    const agreedToContinue = addDays(addMonths(endDate, -3), 7);
    const plan: { date: string; act: () => Promise<unknown> }[] = [
      ...followUpMeetings(startDate, endDate, defaultTiming)
        .filter((meeting) => meeting < renegotiationStarts)
        .map((meeting) => ({
          date: meeting,
          act: () =>
            step('record-follow-up', {
              date: meeting,
              participantPartyIds: parties,
              summary: 'Samråd: vad som gjorts sedan sist, hur många som nåtts.',
              keyFigures: [{ name: 'Deltagare', value: 40, unit: 'personer' }],
            }),
        })),
      {
        date: evaluationRecorded,
        act: async () => {
          const state = await driver!.state();
          return step('record-evaluation', {
            recordedOn: evaluationRecorded,
            learningGoalAssessments: state.learningGoals.map((g: { learningGoalId: string }) => ({ learningGoalId: g.learningGoalId, assessment: 'Delvis nått.' })),
            conflictsToPrevent: 'Otydlig rollfördelning.',
          });
        },
      },
      { date: renegotiationStarts, act: () => step('start-renegotiation') },
      {
        date: agreedToContinue,
        act: async () => {
          await step('record-renegotiation-outcome', {
            outcome: 'CONTINUE',
            consents: parties.map((partyId) => ({ partyId, decision: 'YES' })),
            note: 'Alla parter vill fortsätta.',
          });
          await step('start-new-term', { startDate: addDays(endDate, 1) });
          // The new term's agreement: a version of its own, as long as the first.
          return step('save-agreement-draft', { sections: agreement });
        },
      },
    ].sort((a, b) => a.date.localeCompare(b.date));
    for (const { date, act } of plan) {
      await passUntilNoon(date);
      await act();
    }
    // To the first day of the second term: the first term's five years have passed in full.
    await passUntilNoon(addDays(endDate, 1));
    endedAt = await now();
  });

  // Every run of the workflow, newest first, following continuedExecutionRunId backwards.
  const workflowId = partnershipWorkflowId(driver!.id);
  const runs: HistoryFigures['runs'] = [];
  const eventsByType: Record<string, number> = {};
  let totalBytes = 0;
  let largestPayloadBytes = 0;
  let runId: string | undefined = (await env.client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    const history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>> = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events = history.events ?? [];
    totalBytes += temporal.api.history.v1.History.encode(history).finish().length;
    largestPayloadBytes = Math.max(largestPayloadBytes, largestPayloadIn(history));
    for (const event of events) {
      const type = Object.keys(event).find((key) => key.endsWith('EventAttributes') && event[key as keyof typeof event]);
      const name = type ? type.replace(/EventAttributes$/, '') : 'unknown';
      eventsByType[name] = (eventsByType[name] ?? 0) + 1;
    }
    const day = (i: number) => isoDay(Number(events[i]?.eventTime?.seconds ?? 0) * 1000);
    runs.unshift({ runId, events: events.length, firstDay: day(0), lastDay: day(events.length - 1) });
    runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
  }
  const emailsSent = await db.outboundEmail.count({ where: { partnershipId: driver!.id, status: 'SENT' } });

  await stopServer();
  await stopSmtp();
  await stopDb();
  await stopEnv();

  const years = (endedAt - registeredAt) / (365.25 * dayMs);
  const totalEvents = runs.reduce((sum, run) => sum + run.events, 0);
  return {
    years: +years.toFixed(2),
    runs,
    totalEvents,
    eventsPerYear: Math.round(totalEvents / years),
    totalBytes,
    bytesPerYear: Math.round(totalBytes / years),
    largestPayloadBytes,
    eventsByType: Object.fromEntries(Object.entries(eventsByType).sort((a, b) => b[1] - a[1])),
    apiSteps: eventsByType.workflowExecutionUpdateAccepted ?? 0,
    emailsSent,
    wallSeconds: Math.round((Date.now() - wallStart) / 1000),
  };
}

/** An agreement of 14 headings, each `length` characters long. */
const agreementOf = (length: number) => Object.fromEntries(Object.keys(fullAgreement).map((h) => [h, `${h}: `.padEnd(length, 'Avtalstext. ')]));

// ---------------------------------------------------------------------------------------------
// 2. The worker's memory with N partnerships asleep on their timers.

interface MemoryStage {
  /** Workflows started so far, and how many of them had their first workflow task. */
  started: number;
  asleep: number;
  /** Why not all went to sleep, if not all did: the worker died, or the time ran out. */
  incomplete: string | null;
  /** From the first start of the stage until the last of its workflows was asleep. */
  seconds: number;
  restingRssMb: number | null;
  perWorkflowKb: number | null;
  ratioToBaseline: number | null;
}

interface MemoryFigures {
  partnerships: number;
  baselineRssMb: number;
  stages: MemoryStage[];
  peakRssMb: number;
  maxCachedWorkflows: number;
  maxCachedWorkflowsNote: string;
  /** RSS against the number asleep, sampled every 5 s while they went to sleep: [asleep, MB]. */
  rssByAsleep: [number, number][];
  startsPerSecond: number;
  workerEnded: string | null;
  workerLastWords: string | null;
  nextDeadline: string;
  /** Bare Temporal (bench/bare/worker.ts, same cache size) with as many asleep as the cache holds. */
  bare: { baselineRssMb: number; asleep: number; restingRssMb: number; perWorkflowKb: number } | null;
  /** The live heap a cached workflow adds, the product's and bare's (bench/support/cached-heap.ts). */
  heap: { product: CachedHeapFigures; bare: CachedHeapFigures };
}

/** Live heap per cached workflow, the product's beside bare's, on the given dev server. */
async function cachedHeap(temporal: DevServer, bundlePath: string): Promise<MemoryFigures['heap']> {
  const { client, nativeConnection: connection } = temporal.env;
  const today = isoDay(Date.now());
  const measure = async (what: string, workflowBundlePath: string, startAsleep: (count: number, taskQueue: string) => Promise<void>) => {
    const taskQueue = `bench-timers-heap-${randomUUID()}`;
    const figures = await heapPerCachedWorkflow({
      connection,
      taskQueue,
      workflowBundle: { codePath: workflowBundlePath },
      warmUp: settings.heapWarmUp,
      measured: settings.heapMeasured,
      startAsleep: (count) => startAsleep(count, taskQueue),
    });
    log(`part 2: live heap a cached ${what} adds: ${figures.perWorkflowKb} KB`);
    return figures;
  };

  const product = await measure('partnership', bundlePath, async (count, taskQueue) => {
    const inputs = Array.from({ length: count }, () => randomUUID()).map((partnershipId) => ({ partnershipId, carried: { state: implementationState(partnershipId, today), sentDeadlines: [] } }));
    await startWorkflows(client, taskQueue, inputs);
    const workflowIds = inputs.map((input) => partnershipWorkflowId(input.partnershipId));
    const asleep = await waitUntilAsleep(client, workflowIds, await firstTimerEventId(client, workflowIds[0]!), 5 * 60_000, null).done;
    if (asleep.stoppedBy) throw new Error(`heap: only ${asleep.asleep} of ${count} partnerships asleep: ${asleep.stoppedBy}`);
  });
  const bareBundlePath = await buildWorkflowBundle({ workflowsPath: require.resolve('./bare/workflows') });
  const bare = await measure('bare workflow', bareBundlePath, async (count, taskQueue) => {
    const asleep = await startBareSleepers(client, taskQueue, count, null);
    if (asleep.stoppedBy) throw new Error(`heap: only ${asleep.asleep} of ${count} bare workflows asleep: ${asleep.stoppedBy}`);
  });
  return { product, bare };
}

/** Starts `count` bare workflows (bench/bare/workflows.ts) that sleep on one timer; resolves once all are asleep, or the worker died, or 5 minutes passed. */
async function startBareSleepers(client: Client, taskQueue: string, count: number, worker: WorkerChild | null): Promise<{ asleep: number; stoppedBy: string | null }> {
  const ids = Array.from({ length: count }, () => `bare-sleeper-${randomUUID()}`);
  await inPool(ids, settings.concurrency, async (workflowId) => {
    await client.workflow.start(bareSleeper, { taskQueue, workflowId });
  });
  // WorkflowExecutionStarted, three workflow task events, TimerStarted.
  return waitUntilAsleep(client, ids, 5, 5 * 60_000, worker).done;
}

/** The baseline of a cached partnership's cost: bare workflows asleep on a timer, as many as the cache holds. */
async function bareWorkerMemory(temporal: { env: TestWorkflowEnvironment; address: string }, databaseUrl: string, bundlePath: string, workers: Workers, count: number): Promise<MemoryFigures['bare']> {
  const taskQueue = `bench-timers-bare-memory-${randomUUID()}`;
  const worker = await new WorkerChild({ temporalAddress: temporal.address, taskQueue, databaseUrl, smtpUrl: 'smtp://127.0.0.1:1', bundlePath, script: workers.bare }).running();
  await sleep(15_000);
  const baseline = worker.memory();
  const asleep = await startBareSleepers(temporal.env.client, taskQueue, count, worker);
  await sleep(15_000);
  const resting = worker.memory();
  await worker.stop();
  if (asleep.stoppedBy) {
    log(`part 2: bare: only ${asleep.asleep} of ${count} asleep: ${asleep.stoppedBy}`);
    return null;
  }
  const figures = {
    baselineRssMb: +(baseline.rssKb / 1024).toFixed(1),
    asleep: count,
    restingRssMb: +(resting.rssKb / 1024).toFixed(1),
    perWorkflowKb: +((resting.rssKb - baseline.rssKb) / count).toFixed(1),
  };
  log(`part 2: bare: ${count} asleep: ${figures.restingRssMb} MB against ${figures.baselineRssMb} MB with none`);
  return figures;
}

async function workerMemory(databaseUrl: string, bundlePath: string, workers: Workers): Promise<MemoryFigures> {
  const temporal = await startDevServer(settings.temporalPort);
  const client = temporal.env.client;
  const taskQueue = `bench-timers-memory-${randomUUID()}`;
  const worker = await new WorkerChild({ temporalAddress: temporal.address, taskQueue, databaseUrl, smtpUrl: 'smtp://127.0.0.1:1', bundlePath, script: workers.product }).running();
  const timeLimit = Date.now() + settings.memoryMinutes * 60_000;

  await sleep(15_000); // at rest: loaded, polling, nothing to do
  const baseline = worker.memory();
  log(`part 2: worker ${worker.pid} at rest with no workflows: ${(baseline.rssKb / 1024).toFixed(1)} MB`);

  const today = isoDay(Date.now());
  const ids = Array.from({ length: settings.partnerships }, () => randomUUID());
  const inputs = ids.map((partnershipId) => ({ partnershipId, carried: { state: implementationState(partnershipId, today), sentDeadlines: [] } }));
  const next = upcomingDeadlines(inputs[0]!.carried.state, defaultTiming, today)[0]!;
  const nextInMs = noticeInstant(next.dueOn, undefined, currentRules) - Date.now();
  if (nextInMs < dayMs) throw new Error(`the first deadline is too close for a sleeping workflow: ${JSON.stringify(next)}`);

  // The worker's RSS while the workflows go to sleep, against how many are asleep.
  const samples: [number, number][] = [];
  let asleepBefore = 0;
  let progress = { asleep: 0 };
  const sampler = setInterval(() => {
    if (!worker.ended) samples.push([asleepBefore + progress.asleep, Math.round(worker.memory().rssKb / 1024)]);
  }, 5_000);

  // In stages (as many as the cache holds, 1,000, then all), so that a worker that cannot hold them
  // all still yields a figure, and the first gives a cached partnership's cost.
  const cacheSize = loadConfig({ ...process.env, DATABASE_URL: 'postgresql://unused' }).WORKER_MAX_CACHED_WORKFLOWS;
  const stageSizes = [...new Set([cacheSize, settings.memoryFirstStage, ids.length].map((size) => Math.min(size, ids.length)))].sort((a, b) => a - b);
  const stages: MemoryStage[] = [];
  let startSeconds = 0;
  let timerEventId = 0;
  try {
    for (const size of stageSizes) {
      const from = asleepBefore;
      const stageStart = Date.now();
      const seconds = await startWorkflows(client, taskQueue, inputs.slice(from, size));
      startSeconds += seconds;
      log(`part 2: workflows ${from + 1}..${size} started in ${seconds.toFixed(1)} s`);
      const workflowIds = ids.slice(from, size).map(partnershipWorkflowId);
      timerEventId ||= await firstTimerEventId(client, workflowIds[0]!);
      const waiting = waitUntilAsleep(client, workflowIds, timerEventId, Math.max(timeLimit - Date.now(), 30_000), worker);
      progress = waiting.progress;
      const outcome = await waiting.done;
      asleepBefore += outcome.asleep;
      progress = { asleep: 0 };
      const stage: MemoryStage = {
        started: size,
        asleep: asleepBefore,
        incomplete: outcome.stoppedBy,
        seconds: +((Date.now() - stageStart) / 1000).toFixed(1),
        restingRssMb: null,
        perWorkflowKb: null,
        ratioToBaseline: null,
      };
      stages.push(stage);
      if (outcome.stoppedBy) {
        log(`part 2: only ${asleepBefore} of ${size} asleep: ${outcome.stoppedBy}`);
        break;
      }
      log(`part 2: all ${size} asleep on their first timer, ${stage.seconds} s after the stage's first start; resting`);
      await sleep(15_000);
      if (worker.ended) {
        stage.incomplete = `the worker process ended while at rest (${worker.ended})`;
        break;
      }
      const resting = worker.memory();
      stage.restingRssMb = +(resting.rssKb / 1024).toFixed(1);
      stage.perWorkflowKb = +((resting.rssKb - baseline.rssKb) / size).toFixed(1);
      stage.ratioToBaseline = +(resting.rssKb / baseline.rssKb).toFixed(2);
      log(`part 2: at rest with ${size}: ${stage.restingRssMb} MB`);
    }
  } finally {
    clearInterval(sampler);
  }

  const peakKb = worker.ended ? Math.max(baseline.peakKb, ...samples.map(([, mb]) => mb * 1024)) : worker.memory().peakKb;
  const ended = worker.ended;
  const lastWords = ended ? (/.*(out of memory|error).*$/im.exec(worker.tail())?.[0] ?? worker.tail().slice(-500)).trim() : null;
  await worker.stop();
  if (ended) log(`part 2: the worker process ended (${ended}): ${lastWords}`);
  const bare = await bareWorkerMemory(temporal, databaseUrl, bundlePath, workers, Math.min(cacheSize, ids.length));
  const heap = await cachedHeap(temporal, bundlePath);
  await temporal.stop();

  return {
    partnerships: ids.length,
    baselineRssMb: +(baseline.rssKb / 1024).toFixed(1),
    stages,
    peakRssMb: +(peakKb / 1024).toFixed(1),
    maxCachedWorkflows: loadConfig({ ...process.env, DATABASE_URL: 'postgresql://unused' }).WORKER_MAX_CACHED_WORKFLOWS,
    maxCachedWorkflowsNote: 'WORKER_MAX_CACHED_WORKFLOWS, as the worker read it',
    rssByAsleep: samples,
    startsPerSecond: Math.round(ids.length / startSeconds),
    workerEnded: ended,
    workerLastWords: lastWords,
    nextDeadline: `${next.kind} in ${(nextInMs / dayMs).toFixed(1)} days`,
    bare,
    heap,
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Lateness of reminders that fall due in the same minute.

interface BatchFigures {
  reminders: number;
  dueAt: string;
  allAsleepBeforeDueSeconds: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  minMs: number;
  /** Each leg of the lateness, p50 and p99 over the batch: due -> TimerFired -> the reminder done. */
  breakdownMs: Record<'timerFired' | 'done', { p50: number; p99: number }>;
  /** CPU per reminder (ms) by process, from just before they fall due to all done. */
  cpuPerReminderMs: CpuByProcess;
  /**
   * Workflow tasks that timed out, by kind, over the batch's histories. A task left more than the
   * worker's stickyQueueScheduleToStartTimeout (10 s) on its sticky queue times out as
   * SCHEDULE_TO_START and goes to the normal queue, where it is replayed from the whole history.
   */
  taskTimeouts: Record<string, number>;
}

/**
 * A partnership whose silence nudge (nudgeAfterSilentDays after the term's start, or after the last
 * follow-up) is the first deadline of `dueDay`, at `noticeTimeUtc`. `quietDays` moves the term's start
 * further back, with a follow-up recorded 120 days before, when a follow-up meeting would fall the same day.
 */
function nudgeState(partnershipId: string, dueDay: string, noticeTimeUtc: string, quietDays: number): PartnershipState {
  const silentSince = addDays(dueDay, -defaultTiming.nudgeAfterSilentDays);
  const state = implementationState(partnershipId, addDays(silentSince, -quietDays));
  state.timingOverrides = { noticeTimeUtc };
  if (quietDays > 0) {
    state.followUps = [
      { followUpId: randomUUID(), term: 1, date: silentSince, participantPartyIds: state.parties.map((p) => p.partyId), summary: 'Samråd.', keyFigures: [] },
    ];
  }
  return state;
}

/** Why this state would not send exactly one notice, the nudge, at `dueInstant`; null when it would. */
function nudgeProblem(state: PartnershipState, dueInstant: number): string | null {
  const timing = effectiveTiming(state.timingOverrides);
  // Anything due at or before the nudge's instant would be sent first (or at once, if already past).
  const first = upcomingDeadlines(state, timing, isoDay(Date.now())).filter((d) => noticeInstant(d.dueOn, state.timingOverrides, currentRules) <= dueInstant);
  if (first.length !== 1) return `${first.length} deadlines due by then: ${first.map((d) => d.key).join(', ')}`;
  if (first[0]!.kind !== 'SILENCE_NUDGE' || noticeInstant(first[0]!.dueOn, state.timingOverrides, currentRules) !== dueInstant) return `first is ${JSON.stringify(first[0])}`;
  return null;
}

interface BatchContext {
  client: Client;
  db: Database;
  taskQueue: string;
  worker: WorkerChild;
}

/** The next whole minute at least the lead time ahead, with time for a large batch to go to sleep first. */
function dueMinute(n: number): number {
  const leadMs = (settings.leadSeconds + n * 0.05) * 1000;
  return Math.ceil((Date.now() + leadMs) / 60_000) * 60_000;
}

/** Creates the rows the notice reads (the partnership, its parties and its term) and starts the workflows; returns the ids. */
async function startDueBatch(n: number, context: BatchContext, dueInstant: number): Promise<string[]> {
  const { client, db, taskQueue } = context;
  const dueIso = new Date(dueInstant).toISOString();
  const [dueDay, noticeTimeUtc] = [dueIso.slice(0, 10), dueIso.slice(11, 16)];
  let quietDays = 0;
  while (nudgeProblem(nudgeState(randomUUID(), dueDay, noticeTimeUtc, quietDays), dueInstant)) {
    if (++quietDays > 40) throw new Error(`no state found with only the nudge due: ${nudgeProblem(nudgeState(randomUUID(), dueDay, noticeTimeUtc, 0), dueInstant)}`);
  }
  const states = Array.from({ length: n }, () => nudgeState(randomUUID(), dueDay, noticeTimeUtc, quietDays));
  const problem = nudgeProblem(states[0]!, dueInstant);
  if (problem) throw new Error(problem);
  await db.partnership.createMany({
    data: states.map((state, i) => ({
      id: state.partnershipId,
      title: `Benchmark partnership ${i + 1}`,
      coordinatorName: 'Anna Andersson',
      coordinatorEmail: `coordinator-${i + 1}@bench.example`,
      phase: state.phase,
      term: state.term,
      revision: state.revision,
    })),
  });
  await db.party.createMany({
    data: states.flatMap((state) => state.parties.map((p) => ({ partnershipId: state.partnershipId, partyId: p.partyId, organisationId: p.organisationId, kind: p.kind, joinedInTerm: p.joinedInTerm }))),
  });
  await db.partnershipTerm.createMany({ data: states.flatMap((state) => state.terms.map((term) => ({ partnershipId: state.partnershipId, ...term }))) });
  await startWorkflows(
    client,
    taskQueue,
    states.map((state) => ({ partnershipId: state.partnershipId, carried: { state, sentDeadlines: [] } })),
  );
  return states.map((state) => state.partnershipId);
}

async function waitUntilSent(ids: string[], context: BatchContext, timeout: number, pollMs: () => number): Promise<void> {
  for (;;) {
    // One plain statement, seldom: the poll shares the machine with what it measures (the lateness is read from sentAt).
    const { rows } = await context.db.pool.query<{ sent: number }>(`SELECT count(*)::int AS sent FROM "OutboundEmail" WHERE "partnershipId" = ANY($1::uuid[]) AND kind = 'SILENCE_NUDGE' AND status = 'SENT'`, [ids]);
    const sent = rows[0]!.sent;
    if (sent >= ids.length) return;
    if (Date.now() > timeout) throw new Error(`only ${sent} of ${ids.length} reminders sent in time:\n${context.worker.tail()}`);
    await sleep(pollMs());
  }
}

/**
 * One reminder already due (its minute has passed today), so it goes out at once: the worker's first
 * activity opens its database pool and loads its code before anything is timed.
 */
async function warmUp(context: BatchContext): Promise<boolean> {
  const pastMinute = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
  if (isoDay(pastMinute) !== isoDay(Date.now())) return false; // just after midnight: nothing can be due earlier today
  const ids = await startDueBatch(1, context, pastMinute);
  await waitUntilSent(ids, context, Date.now() + 120_000, () => 200);
  return true;
}

/** Lateness figures of a batch, from when each reminder was done and when its timer fired (its history). */
async function batchFigures(client: Client, dueInstant: number, asleepBeforeDue: number, doneAt: Map<string, number>, cpuPerReminderMs: CpuByProcess): Promise<BatchFigures> {
  const lateness = [...doneAt.values()].map((at) => at - dueInstant).sort((a, b) => a - b);
  const legs: Record<keyof BatchFigures['breakdownMs'], number[]> = { timerFired: [], done: [] };
  const taskTimeouts: Record<string, number> = {};
  const at = (event: { eventTime?: { seconds?: unknown; nanos?: number | null } | null } | undefined) =>
    event?.eventTime ? Number(event.eventTime.seconds) * 1000 + Math.floor((event.eventTime.nanos ?? 0) / 1e6) : NaN;
  await inPool([...doneAt], settings.concurrency, async ([workflowId, done]) => {
    const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
    const fired = at(events.find((e) => e.timerFiredEventAttributes));
    legs.timerFired.push(fired - dueInstant);
    legs.done.push(done - fired);
    for (const event of events) {
      const timedOut = event.workflowTaskTimedOutEventAttributes;
      if (!timedOut) continue;
      const kind = temporal.api.enums.v1.TimeoutType[timedOut.timeoutType ?? 0] ?? String(timedOut.timeoutType);
      taskTimeouts[kind] = (taskTimeouts[kind] ?? 0) + 1;
    }
  });
  const summary = (values: number[]) => {
    const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
    return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
  };
  return {
    reminders: doneAt.size,
    dueAt: new Date(dueInstant).toISOString(),
    allAsleepBeforeDueSeconds: +asleepBeforeDue.toFixed(1),
    p50Ms: percentile(lateness, 0.5),
    p99Ms: percentile(lateness, 0.99),
    maxMs: lateness.at(-1)!,
    minMs: lateness[0]!,
    breakdownMs: { timerFired: summary(legs.timerFired), done: summary(legs.done) },
    cpuPerReminderMs,
    taskTimeouts,
  };
}

/** The product: n partnerships whose silence nudge falls due in the same minute; done is the e-mail's sentAt. */
async function reminderBatch(n: number, context: BatchContext): Promise<BatchFigures> {
  const { client, db, worker } = context;
  const dueInstant = dueMinute(n);
  const ids = await startDueBatch(n, context, dueInstant);
  const workflowIds = ids.map(partnershipWorkflowId);
  const timerEventId = await firstTimerEventId(client, workflowIds[0]!, Math.max(dueInstant - Date.now(), 10_000));
  const asleep = await waitUntilAsleep(client, workflowIds, timerEventId, Math.max(dueInstant - Date.now(), 10_000) + 60_000, worker).done;
  if (asleep.stoppedBy) throw new Error(`only ${asleep.asleep} of ${n} workflows asleep: ${asleep.stoppedBy}\n${worker.tail()}`);
  const asleepBeforeDue = (dueInstant - Date.now()) / 1000;
  log(`part 3: ${n} reminder(s) due at ${new Date(dueInstant).toISOString().slice(11, 19)} UTC; all asleep ${asleepBeforeDue.toFixed(0)} s before`);
  await sleep(Math.max(dueInstant - Date.now() - 500, 0));
  const cpuBefore = cpuByProcess(worker.pid);
  await waitUntilSent(ids, context, dueInstant + 10 * 60_000, () => 1_000);
  const cpu = cpuUsed(cpuBefore, cpuByProcess(worker.pid), n);
  const emails = await db.outboundEmail.findMany({ where: { partnershipId: { in: ids }, kind: 'SILENCE_NUDGE' }, select: { partnershipId: true, sentAt: true } });
  return batchFigures(client, dueInstant, asleepBeforeDue, new Map(emails.map((e) => [partnershipWorkflowId(e.partnershipId), e.sentAt!.getTime()])), cpu);
}

/**
 * The baseline: n bare workflows (bench/bare/workflows.ts) whose timer fires in the same minute,
 * each then running one no-op activity and going back to sleep, on the bare worker
 * (bench/bare/worker.ts) in a process of its own, which writes when each was done once all are.
 */
async function bareBatch(n: number, client: Client, temporalAddress: string, workers: Workers): Promise<BatchFigures> {
  const taskQueue = `bench-timers-bare-${randomUUID()}`;
  const doneFile = path.join(os.tmpdir(), `iop-bench-bare-done-${process.pid}-${randomUUID()}.json`);
  onCleanup('bare reminders file', async () => rmSync(doneFile, { force: true }));
  // The product worker's cache (WORKER_MAX_CACHED_WORKFLOWS, read by both): past it, both replay an evicted workflow's history when its timer fires.
  const worker = await new WorkerChild({
    temporalAddress,
    taskQueue,
    databaseUrl: 'postgresql://unused',
    smtpUrl: 'smtp://127.0.0.1:1',
    bundlePath: '',
    script: workers.bare,
    env: { BARE_REMINDERS: String(n), BARE_DONE_FILE: doneFile },
  }).running();
  const dueInstant = dueMinute(n);
  const ids = Array.from({ length: n }, () => `bare-reminder-${randomUUID()}`);
  await inPool(ids, settings.concurrency, async (workflowId) => {
    await client.workflow.start(bareReminder, { taskQueue, workflowId, args: [workflowId, dueInstant] });
  });
  // WorkflowExecutionStarted, three workflow task events, TimerStarted.
  const asleep = await waitUntilAsleep(client, ids, 5, Math.max(dueInstant - Date.now(), 10_000), worker).done;
  if (asleep.stoppedBy) throw new Error(`only ${asleep.asleep} of ${n} bare workflows asleep: ${asleep.stoppedBy}`);
  const asleepBeforeDue = (dueInstant - Date.now()) / 1000;
  log(`part 3: ${n} bare timers due at ${new Date(dueInstant).toISOString().slice(11, 19)} UTC; all asleep ${asleepBeforeDue.toFixed(0)} s before`);
  await sleep(Math.max(dueInstant - Date.now() - 500, 0));
  const cpuBefore = cpuByProcess(worker.pid);
  while (!existsSync(doneFile)) {
    if (Date.now() > dueInstant + 10 * 60_000) throw new Error(`the bare reminders were not all done in time:\n${worker.tail()}`);
    await sleep(1_000);
  }
  const cpu = cpuUsed(cpuBefore, cpuByProcess(worker.pid), n);
  await worker.stop();
  const doneAt = JSON.parse(readFileSync(doneFile, 'utf8')) as Record<string, number>;
  return batchFigures(client, dueInstant, asleepBeforeDue, new Map(Object.entries(doneAt)), cpu);
}

/** One round of part 3: the product's batch and bare's, in the round's order. */
interface LatenessRound {
  batch: BatchFigures;
  bare: BatchFigures;
  p50OverBare: number;
  p99OverBare: number;
}

interface LatenessFigures {
  rounds: LatenessRound[];
  /** The medians of the rounds' ratios. */
  p50OverBare: number;
  p99OverBare: number;
}

/**
 * Rounds of a product batch and a bare one, in turn first, each worker in a process of its own and
 * alone while it works; the ratio is the median of the rounds', as the machine is shared and noisy
 * (one pair of runs gave from 1.5 to 2 times).
 */
async function reminderLateness(databaseUrl: string, bundlePath: string, workers: Workers): Promise<LatenessFigures> {
  const smtp = await new TestSmtpServer({ parse: false }).start();
  const stopSmtp = onCleanup('part 3 SMTP server', () => smtp.stop());
  const db = createDatabase(databaseUrl, { maxConnections: 5 });
  const stopDb = onCleanup('part 3 database client', () => db.$disconnect());

  const product = async (temporal: DevServer) => {
    const taskQueue = `bench-timers-lateness-${randomUUID()}`;
    const worker = await new WorkerChild({ temporalAddress: temporal.address, taskQueue, databaseUrl, smtpUrl: smtp.url, bundlePath, script: workers.product }).running();
    const context = { client: temporal.env.client, db, taskQueue, worker };
    const warmedUp = await warmUp(context);
    log(`part 3: ${warmedUp ? 'a warm-up reminder already due went out at once' : 'no warm-up (just after midnight UTC)'}`);
    const sentBefore = smtp.received;
    const batch = await reminderBatch(settings.due, context);
    log(`part 3: ${settings.due} reminders: p50 ${batch.p50Ms} ms, p99 ${batch.p99Ms} ms, max ${batch.maxMs} ms`);
    if (smtp.received - sentBefore < settings.due) log(`part 3: note: the SMTP server took only ${smtp.received - sentBefore} messages`);
    await worker.stop();
    return batch;
  };
  const bare = async (temporal: DevServer) => {
    const figures = await bareBatch(settings.due, temporal.env.client, temporal.address, workers);
    log(`part 3: ${settings.due} bare timers with a no-op activity: p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, max ${figures.maxMs} ms`);
    return figures;
  };

  // Each batch on a dev server of its own: one that held the batches before it grew slower (on one
  // kept for all rounds, the CPU a bare reminder took in Temporal went from 11 to 26 ms; on one a
  // round, bare after the product took 22.7 s at p99, and 8.7 s first on a fresh one).
  const onFreshServer = async (run: (temporal: DevServer) => Promise<BatchFigures>) => {
    const temporal = await startDevServer(settings.temporalPort);
    const figures = await run(temporal);
    await temporal.stop();
    return figures;
  };
  const rounds: LatenessRound[] = [];
  for (let round = 0; round < settings.latenessRounds; round++) {
    log(`part 3: round ${round + 1} of ${settings.latenessRounds}, ${round % 2 === 0 ? 'the product' : 'bare'} first`);
    let batch: BatchFigures;
    let bareFigures: BatchFigures;
    if (round % 2 === 0) {
      batch = await onFreshServer(product);
      bareFigures = await onFreshServer(bare);
    } else {
      bareFigures = await onFreshServer(bare);
      batch = await onFreshServer(product);
    }
    rounds.push({ batch, bare: bareFigures, p50OverBare: +(batch.p50Ms / Math.max(bareFigures.p50Ms, 1)).toFixed(2), p99OverBare: +(batch.p99Ms / Math.max(bareFigures.p99Ms, 1)).toFixed(2) });
  }

  await stopDb();
  await stopSmtp();
  return { rounds, p50OverBare: median(rounds.map((r) => r.p50OverBare)), p99OverBare: median(rounds.map((r) => r.p99OverBare)) };
}

// ---------------------------------------------------------------------------------------------

function legsText({ breakdownMs: b }: BatchFigures): string {
  const leg = ({ p50, p99 }: { p50: number; p99: number }) => (p50 === p99 ? `${p50}` : `${p50}/${p99}`);
  return [`due->timer fired ${leg(b.timerFired)}`, `->done ${leg(b.done)} ms`].join(' ');
}

function timeoutsText({ taskTimeouts }: BatchFigures): string {
  const kinds = Object.entries(taskTimeouts);
  return kinds.length ? kinds.map(([kind, count]) => `${count} ${kind.replace(/^TIMEOUT_TYPE_/, '')}`).join(', ') : 'none';
}

function cpuText({ cpuPerReminderMs: c }: BatchFigures, workerIn: string): string {
  const ms = (value: number) => value.toFixed(1);
  return `${ms(c.bench + c.worker + c.temporal + c.postgres)} ms: bench process ${ms(c.bench)} (${workerIn}), worker ${ms(c.worker)}, Temporal ${ms(c.temporal)}, PostgreSQL ${ms(c.postgres)}`;
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void cleanUp().then(() => process.exit(130)));
  process.on('SIGTERM', () => void cleanUp().then(() => process.exit(143)));
  // Only the SDK's warnings and errors, in this process.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const wallStart = Date.now();

  log('preparing: a database of its own (migrated), the workflow bundle and the workers compiled');
  const [databaseUrl, bundlePath] = await Promise.all([createBenchDatabase(settings.pgServer, 'iop_bench_timers'), buildWorkflowBundle()]);
  const workers = settings.parts.has('2') || settings.parts.has('3') ? buildWorkers() : { product: '', bare: '' };

  let history: HistoryFigures | undefined;
  let shortHistory: HistoryFigures | undefined;
  let memory: MemoryFigures | undefined;
  let lateness: Awaited<ReturnType<typeof reminderLateness>> | undefined;
  if (settings.parts.has('1')) {
    log('part 1: one partnership through five years and into a second term, on the time-skipping test server');
    // The baseline: the same life with short texts (60 characters a heading). The figure: 14 × 18,000.
    shortHistory = await historyPerPartnershipYear(databaseUrl, bundlePath, agreementOf(60));
    history = await historyPerPartnershipYear(databaseUrl, bundlePath, agreementOf(18_000));
  }
  if (settings.parts.has('2')) {
    log(`part 2: worker memory with ${settings.partnerships} partnerships asleep, on a dev server at port ${settings.temporalPort}`);
    memory = await workerMemory(databaseUrl, bundlePath, workers);
  }
  if (settings.parts.has('3')) {
    log(`part 3: lateness of ${settings.due} reminders due in the same minute, on dev servers at port ${settings.temporalPort}`);
    lateness = await reminderLateness(databaseUrl, bundlePath, workers);
  }
  await cleanUp();

  const lines = ['', `bench:timers — ${os.cpus().length} CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node.js ${process.version}`];
  if (history) {
    lines.push(
      '',
      '1. History events per partnership-year (Temporal time-skipping test server: years pass in seconds; real DB and SMTP)',
      `   one partnership, registration to the start of its second term: ${history.years} years, ${history.apiSteps} API steps, ${history.emailsSent} e-mails`,
      `   runs of partnership-<id>: ${history.runs.map((r) => `${r.events} events (${r.firstDay}..${r.lastDay})`).join(' + ')}`,
      `   ${history.totalEvents} events / ${history.years} years = ${history.eventsPerYear} events per partnership-year`,
      `   agreements of 14 × 18,000 characters: ${history.totalBytes} bytes of history, ${history.bytesPerYear} bytes per partnership-year, largest payload ${history.largestPayloadBytes} bytes`,
      `   baseline, the same life with 14 × 60 characters: ${shortHistory!.eventsPerYear} events and ${shortHistory!.bytesPerYear} bytes per partnership-year, largest payload ${shortHistory!.largestPayloadBytes} bytes`,
      `   long texts against short, bytes per year: ${(history.bytesPerYear / shortHistory!.bytesPerYear).toFixed(2)} ×`,
      `   by type: ${Object.entries(history.eventsByType).map(([type, count]) => `${type} ${count}`).join(', ')}`,
    );
  }
  if (memory) {
    const m = memory;
    const full = m.stages.find((stage) => stage.started === m.partnerships);
    lines.push('', `2. Worker memory with ${m.partnerships} partnerships asleep on a timer (Temporal dev server; worker/main.ts in a child process)`);
    lines.push(`   RSS with no workflows (baseline): ${m.baselineRssMb} MB`);
    for (const stage of m.stages) {
      lines.push(
        stage.restingRssMb !== null
          ? `   at rest with ${stage.started} asleep: ${stage.restingRssMb} MB = ${stage.perWorkflowKb} KB per workflow, ${stage.ratioToBaseline}x the baseline (all asleep in ${stage.seconds} s)`
          : `   with ${stage.started} started: NO FIGURE, ${stage.asleep} asleep when ${stage.incomplete}`,
      );
    }
    if (!full?.restingRssMb) lines.push(`   => no resting figure with ${m.partnerships}; peak RSS ${m.peakRssMb} MB`);
    if (m.workerEnded) lines.push(`   the worker process ended (${m.workerEnded}): ${m.workerLastWords}`);
    lines.push(`   maxCachedWorkflows: ${m.maxCachedWorkflows} (${m.maxCachedWorkflowsNote})`);
    const cached = m.stages.find((stage) => stage.started === m.bare?.asleep);
    if (m.bare) {
      lines.push(`   bare Temporal (bench/bare/worker.ts, same cache), ${m.bare.asleep} asleep on a timer: ${m.bare.restingRssMb} MB against ${m.bare.baselineRssMb} MB with none = ${m.bare.perWorkflowKb} KB per cached workflow`);
      if (cached?.perWorkflowKb) lines.push(`   a cached partnership against a cached bare workflow: ${cached.perWorkflowKb} KB against ${m.bare.perWorkflowKb} KB = ${(cached.perWorkflowKb / m.bare.perWorkflowKb).toFixed(2)} ×`);
    }
    const { product: hp, bare: hb } = m.heap;
    lines.push(
      `   live heap a cached workflow adds, after a full collection (in the bench process, debugMode; ${hp.measured} measured after ${hp.warmUp} to warm up):`,
      `     partnership ${hp.perWorkflowKb} KB (heap ${hp.heapMb[0]} -> ${hp.heapMb[1]} MB) against bare ${hb.perWorkflowKb} KB (heap ${hb.heapMb[0]} -> ${hb.heapMb[1]} MB) = ${(hp.perWorkflowKb / hb.perWorkflowKb).toFixed(2)} ×`,
    );
    const every = Math.max(1, Math.ceil(m.rssByAsleep.length / 16));
    lines.push(`   RSS while going to sleep, asleep:MB every ${every * 5} s: ${m.rssByAsleep.filter((_, i) => i % every === 0).map(([n, mb]) => `${n}:${mb}`).join(' ')}`);
    lines.push(`   started at ${m.startsPerSecond}/s, ${settings.concurrency} at a time; next deadline of each: ${m.nextDeadline}`);
  }
  if (lateness) {
    const asleep = (figures: BatchFigures) =>
      figures.allAsleepBeforeDueSeconds >= 0
        ? `all asleep ${figures.allAsleepBeforeDueSeconds} s before they fell due`
        : `WARNING: the last went to sleep ${-figures.allAsleepBeforeDueSeconds} s AFTER they fell due (raise BENCH_LEAD_SECONDS)`;
    lines.push('', `3. Lateness of reminders falling due in the same minute (Temporal dev server; done - due instant), ${lateness.rounds.length} round(s)`);
    for (const [i, { batch, bare, p50OverBare, p99OverBare }] of lateness.rounds.entries()) {
      lines.push(
        `   round ${i + 1}, ${i % 2 === 0 ? 'the product' : 'bare'} first:`,
        `   product, ${batch.reminders} nudges (worker/main.ts compiled; the notice reads PostgreSQL and sends by SMTP; done = the e-mail's sentAt):`,
        `     p50 ${batch.p50Ms} ms, p99 ${batch.p99Ms} ms, max ${batch.maxMs} ms (min ${batch.minMs} ms); ${asleep(batch)}`,
        `     legs, p50/p99: ${legsText(batch)}; workflow tasks timed out: ${timeoutsText(batch)}`,
        `     CPU a reminder, from due to all done: ${cpuText(batch, 'SMTP server')}`,
        `   bare Temporal, ${bare.reminders} timers each running one no-op activity, then asleep again (bench/bare/worker.ts compiled, same dev server, same run):`,
        `     p50 ${bare.p50Ms} ms, p99 ${bare.p99Ms} ms, max ${bare.maxMs} ms (min ${bare.minMs} ms); ${asleep(bare)}`,
        `     legs, p50/p99: ${legsText(bare)}; workflow tasks timed out: ${timeoutsText(bare)}`,
        `     CPU a reminder, from due to all done: ${cpuText(bare, 'nothing of bare')}`,
        `   product against bare: p50 ${p50OverBare} ×, p99 ${p99OverBare} ×`,
      );
    }
    lines.push(`   median of the rounds, product against bare: p50 ${lateness.p50OverBare} ×, p99 ${lateness.p99OverBare} ×`);
  }
  lines.push('', `total ${Math.round((Date.now() - wallStart) / 1000)} s`, '');
  console.log(lines.join('\n'));
  console.log(JSON.stringify({ bench: 'timers', settings: { ...settings, parts: [...settings.parts] }, history, shortHistory, memory, lateness }));
}

main().catch(async (error: unknown) => {
  console.error(error);
  await cleanUp();
  process.exit(1);
});
