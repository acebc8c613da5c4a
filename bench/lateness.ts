// How late the reminders go out when BENCH_DUE (1,000) fall due in the same minute, real notices
// (PostgreSQL, SMTP) included, against bare Temporal firing as many timers that each run one no-op
// activity and then sleep again (as a partnership waits for its next deadline), in the same run.
// In BENCH_LATENESS_ROUNDS (3) rounds, each batch on a fresh dev server, that take turns at letting
// the product or bare go first; the ratio is the median of the rounds'. Each batch counts its
// workflow tasks that timed out, and the CPU a reminder took by process.
// The worker is the real entry point (worker/main.ts) compiled, in a process of its own and on a
// pre-built workflow bundle, as in production; bare's worker (bench/bare/worker.ts) runs the same
// way, with the same cache size and sticky queue timeout. It needs the machine's PostgreSQL
// (BENCH_PG_SERVER, default postgresql://postgres@127.0.0.1:5432/postgres), where it makes a
// database of its own and drops it again, and the Temporal binaries of `node scripts/setup.mjs --test`.
//
//   npm run bench:lateness                                                        (about 15 minutes)
//   BENCH_DUE=50 BENCH_LATENESS_ROUNDS=1 npm run bench:lateness                    (a quick try)
//
// Other knobs: BENCH_CONCURRENCY (50 starts at a time), BENCH_TEMPORAL_PORT (7433),
// BENCH_LEAD_SECONDS (at least 60 s, plus 50 ms a reminder, between starting a batch and its minute).
// Part 3 of `npm run bench:timers` (bench/timers.ts).
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { addDays } from '../domain/dates';
import { upcomingDeadlines } from '../domain/deadlines';
import type { PartnershipState } from '../domain/state';
import { defaultTiming, effectiveTiming, noticeInstant } from '../domain/timing';
import { currentRules } from '../domain/rules';
import { swedishDay, swedishOffset } from '../domain/swedish-time';
import { createDatabase, type Database } from '../platform/database';
import { TestSmtpServer } from '../test/support/smtp';
import { partnershipWorkflowId } from '../workflows/messages';
import { bareReminder } from './bare/workflows';
import { firstTimerEventId, startPartnerships, waitUntilAsleep } from './support/asleep';
import { onCleanup } from './support/cleanup';
import { cpuByProcess, cpuUsed, type CpuByProcess } from './support/cpu';
import { implementationState } from './support/partnership-states';
import { inPool } from './support/pool';
import { log, machine, runBench, sleep } from './support/run';
import { buildWorkers, buildWorkflowBundle, createBenchDatabase, startDevServer, WorkerChild, type DevServer, type Workers } from './support/services';
import { numberFromEnv, pgServer } from './support/settings';
import { median, percentile } from './support/statistics';

const settings = {
  due: numberFromEnv('BENCH_DUE', 1_000),
  concurrency: numberFromEnv('BENCH_CONCURRENCY', 50),
  temporalPort: numberFromEnv('BENCH_TEMPORAL_PORT', 7433),
  leadSeconds: numberFromEnv('BENCH_LEAD_SECONDS', 60),
  latenessRounds: numberFromEnv('BENCH_LATENESS_ROUNDS', 3),
  pgServer,
};


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
 * follow-up) is the first deadline of `dueDay`, a day in Sweden, at `noticeTime`, Sweden's time of
 * day. `quietDays` moves the term's start further back, with a follow-up recorded 120 days before,
 * when a follow-up meeting would fall the same day.
 */
function nudgeState(partnershipId: string, dueDay: string, noticeTime: string, quietDays: number): PartnershipState {
  const silentSince = addDays(dueDay, -defaultTiming.nudgeAfterSilentDays);
  const state = implementationState(partnershipId, addDays(silentSince, -quietDays));
  state.timingOverrides = { noticeTime };
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
  const first = upcomingDeadlines(state, timing, swedishDay(Date.now())).filter((d) => noticeInstant(d.dueOn, state.timingOverrides, currentRules) <= dueInstant);
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
  // The product's days are Sweden's: in Sweden's first hour of a day, UTC's day is still the one before.
  const dueDay = swedishDay(dueInstant);
  const noticeTime = new Date(dueInstant + swedishOffset(dueInstant)).toISOString().slice(11, 16);
  let quietDays = 0;
  while (nudgeProblem(nudgeState(randomUUID(), dueDay, noticeTime, quietDays), dueInstant)) {
    if (++quietDays > 40) throw new Error(`no state found with only the nudge due: ${nudgeProblem(nudgeState(randomUUID(), dueDay, noticeTime, 0), dueInstant)}`);
  }
  const states = Array.from({ length: n }, () => nudgeState(randomUUID(), dueDay, noticeTime, quietDays));
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
  await startPartnerships(
    client,
    taskQueue,
    states.map((state) => ({ partnershipId: state.partnershipId, carried: { state, sentDeadlines: [] } })),
    settings.concurrency,
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
  if (swedishDay(pastMinute) !== swedishDay(Date.now())) return false; // just after midnight in Sweden: nothing can be due earlier today
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
  const asleep = await waitUntilAsleep(client, workflowIds, timerEventId, Math.max(dueInstant - Date.now(), 10_000) + 60_000, worker, settings.concurrency).done;
  if (asleep.stoppedBy) throw new Error(`only ${asleep.asleep} of ${n} workflows asleep: ${asleep.stoppedBy}\n${worker.tail()}`);
  const asleepBeforeDue = (dueInstant - Date.now()) / 1000;
  log(`${n} reminder(s) due at ${new Date(dueInstant).toISOString().slice(11, 19)} UTC; all asleep ${asleepBeforeDue.toFixed(0)} s before`);
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
  const taskQueue = `bench-bare-${randomUUID()}`;
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
  const asleep = await waitUntilAsleep(client, ids, 5, Math.max(dueInstant - Date.now(), 10_000), worker, settings.concurrency).done;
  if (asleep.stoppedBy) throw new Error(`only ${asleep.asleep} of ${n} bare workflows asleep: ${asleep.stoppedBy}`);
  const asleepBeforeDue = (dueInstant - Date.now()) / 1000;
  log(`${n} bare timers due at ${new Date(dueInstant).toISOString().slice(11, 19)} UTC; all asleep ${asleepBeforeDue.toFixed(0)} s before`);
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

/** One round: the product's batch and bare's, in the round's order. */
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
  const stopSmtp = onCleanup('SMTP server', () => smtp.stop());
  const db = createDatabase(databaseUrl, { maxConnections: 5 });
  const stopDb = onCleanup('database client', () => db.$disconnect());

  const product = async (temporal: DevServer) => {
    const taskQueue = `bench-lateness-${randomUUID()}`;
    const worker = await new WorkerChild({ temporalAddress: temporal.address, taskQueue, databaseUrl, smtpUrl: smtp.url, bundlePath, script: workers.product }).running();
    const context = { client: temporal.env.client, db, taskQueue, worker };
    const warmedUp = await warmUp(context);
    log(`${warmedUp ? 'a warm-up reminder already due went out at once' : 'no warm-up (just after midnight UTC)'}`);
    const sentBefore = smtp.received;
    const batch = await reminderBatch(settings.due, context);
    log(`${settings.due} reminders: p50 ${batch.p50Ms} ms, p99 ${batch.p99Ms} ms, max ${batch.maxMs} ms`);
    if (smtp.received - sentBefore < settings.due) log(`note: the SMTP server took only ${smtp.received - sentBefore} messages`);
    await worker.stop();
    return batch;
  };
  const bare = async (temporal: DevServer) => {
    const figures = await bareBatch(settings.due, temporal.env.client, temporal.address, workers);
    log(`${settings.due} bare timers with a no-op activity: p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, max ${figures.maxMs} ms`);
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
    log(`round ${round + 1} of ${settings.latenessRounds}, ${round % 2 === 0 ? 'the product' : 'bare'} first`);
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
  // Only the SDK's warnings and errors, in this process.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const wallStart = Date.now();

  log('preparing: a database of its own (migrated), the workflow bundle and the workers compiled');
  const [databaseUrl, bundlePath] = await Promise.all([createBenchDatabase(settings.pgServer, 'iop_bench_lateness'), buildWorkflowBundle()]);
  const workers = buildWorkers();

  log(`lateness of ${settings.due} reminders due in the same minute, on dev servers at port ${settings.temporalPort}`);
  const lateness = await reminderLateness(databaseUrl, bundlePath, workers);

  const lines = ['', `bench:lateness — ${machine()}`];
  const asleep = (figures: BatchFigures) =>
    figures.allAsleepBeforeDueSeconds >= 0
      ? `all asleep ${figures.allAsleepBeforeDueSeconds} s before they fell due`
      : `WARNING: the last went to sleep ${-figures.allAsleepBeforeDueSeconds} s AFTER they fell due (raise BENCH_LEAD_SECONDS)`;
  lines.push('', `Lateness of reminders falling due in the same minute (Temporal dev server; done - due instant), ${lateness.rounds.length} round(s)`);
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
  lines.push('', `total ${Math.round((Date.now() - wallStart) / 1000)} s`, '');
  console.log(lines.join('\n'));
  console.log(JSON.stringify({ bench: 'lateness', settings, lateness }));
}

runBench(main);
