// History events and bytes per partnership-year: one partnership driven over the API from
// registration through its decisions, a five-year term of deadlines (follow-ups, evaluations,
// renegotiation notices) and a renegotiation into a second term, on Temporal's TIME-SKIPPING test
// server (five years cannot pass on the dev server); every run of its workflow is counted. Twice:
// with agreements of 14 × 18,000 characters, and the same life with 14 × 60 as the baseline.
// The worker runs in this process; the API, PostgreSQL and SMTP are real. It needs the machine's
// PostgreSQL (BENCH_PG_SERVER, default postgresql://postgres@127.0.0.1:5432/postgres), where it
// makes a database of its own and drops it again, and the Temporal binaries of
// `node scripts/setup.mjs --test`.
//
//   npm run bench:history                                                          (about 1 minute)
//
// Part 1 of `npm run bench:timers` (bench/timers.ts).
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createApiKey } from '../api/auth/api-keys';
import { createDatabase } from '../platform/database';
import { createLogger } from '../platform/logger';
import { createMailer } from '../platform/mailer';
import { temporalTestServerPath } from '../platform/temporal-binaries';
import { fullAgreement, PartnershipDriver } from '../test/support/lifecycle';
import { largestPayloadBytes as largestPayloadIn } from '../test/support/history-text';
import { TestSmtpServer } from '../test/support/smtp';
import { serveApp, type TestSystem } from '../test/support/system';
import { createWorker } from '../worker/create-worker';
import { finalFrom } from '../domain/calendar';
import { addDays, addMonths, isoDay } from '../domain/dates';
import { swedishDay } from '../domain/swedish-time';
import { followUpMeetings } from '../domain/deadlines';
import { defaultTiming } from '../domain/timing';
import { partnershipWorkflowId } from '../workflows/messages';
import { onCleanup } from './support/cleanup';
import { log, machine, runBench } from './support/run';
import { buildWorkflowBundle, createBenchDatabase } from './support/services';
import { pgServer } from './support/settings';

const dayMs = 86_400_000;

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
  const stopDb = onCleanup('database client', () => db.$disconnect());
  const smtp = await new TestSmtpServer({ parse: false }).start();
  const stopSmtp = onCleanup('SMTP server', () => smtp.stop());
  // The task queue's name is in most events: the name it had in bench/timers.ts, so that the bytes
  // compare with the figures measured there.
  const taskQueue = `bench-timers-history-${randomUUID()}`;
  const served = await serveApp({ db, temporal: env.client, taskQueue, logger: createLogger({ level: 'silent', name: 'bench-history' }), publicBaseUrl: 'http://127.0.0.1' });
  const stopServer = onCleanup('API', served.close);
  const system = {
    baseUrl: served.baseUrl,
    db,
    temporal: env.client,
    smtp,
    adminKey: (await createApiKey(db, { role: 'ADMINISTRATOR', label: 'bench history' })).key,
  } as unknown as TestSystem;

  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue,
    workflowBundlePath: bundlePath,
    dependencies: { db, mailer: createMailer(smtp.url), mailFrom: 'IOP bench <noreply@iop.test>', publicBaseUrl: 'http://127.0.0.1', temporal: env.client, logger: createLogger({ level: 'silent', name: 'bench-history' }) },
  });

  let driver: PartnershipDriver | undefined;
  let registeredAt = 0;
  let endedAt = 0;
  await worker.runUntil(async () => {
    const now = () => env.currentTimeMs();
    const today = async () => swedishDay(await now());
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

async function main(): Promise<void> {
  // Only the SDK's warnings and errors, in this process.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const wallStart = Date.now();

  log('preparing: a database of its own (migrated) and the workflow bundle');
  const [databaseUrl, bundlePath] = await Promise.all([createBenchDatabase(pgServer, 'iop_bench_history'), buildWorkflowBundle()]);

  log('one partnership through five years and into a second term, on the time-skipping test server');
  // The baseline: the same life with short texts (60 characters a heading). The figure: 14 × 18,000.
  const shortHistory = await historyPerPartnershipYear(databaseUrl, bundlePath, agreementOf(60));
  const history = await historyPerPartnershipYear(databaseUrl, bundlePath, agreementOf(18_000));

  console.log(
    [
      '',
      `bench:history — ${machine()}`,
      '',
      'History events per partnership-year (Temporal time-skipping test server: years pass in seconds; real DB and SMTP)',
      `   one partnership, registration to the start of its second term: ${history.years} years, ${history.apiSteps} API steps, ${history.emailsSent} e-mails`,
      `   runs of partnership-<id>: ${history.runs.map((r) => `${r.events} events (${r.firstDay}..${r.lastDay})`).join(' + ')}`,
      `   ${history.totalEvents} events / ${history.years} years = ${history.eventsPerYear} events per partnership-year`,
      `   agreements of 14 × 18,000 characters: ${history.totalBytes} bytes of history, ${history.bytesPerYear} bytes per partnership-year, largest payload ${history.largestPayloadBytes} bytes`,
      `   baseline, the same life with 14 × 60 characters: ${shortHistory.eventsPerYear} events and ${shortHistory.bytesPerYear} bytes per partnership-year, largest payload ${shortHistory.largestPayloadBytes} bytes`,
      `   long texts against short, bytes per year: ${(history.bytesPerYear / shortHistory.bytesPerYear).toFixed(2)} ×`,
      `   by type: ${Object.entries(history.eventsByType).map(([type, count]) => `${type} ${count}`).join(', ')}`,
      '',
      `total ${Math.round((Date.now() - wallStart) / 1000)} s`,
      '',
    ].join('\n'),
  );
  console.log(JSON.stringify({ bench: 'history', settings: { pgServer }, history, shortHistory }));
}

runBench(main);
