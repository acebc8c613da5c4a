// Throughput of the lifecycle: BENCH_N (40) partnerships driven over the API, BENCH_CONCURRENCY
// (10) at a time, from registration through INITIATION, FORMULATION, LEGAL_REVIEW and every party's
// decision to IMPLEMENTATION; against bare workflows taking the same number of Updates, each
// running one no-op local activity, in the same run, on the same Temporal dev server.
//
//   npm run bench:lifecycle
//
// It needs the machine's PostgreSQL (BENCH_PG_SERVER, default postgresql://postgres@127.0.0.1:5432/postgres),
// where it makes a database of its own and drops it again, and the Temporal CLI of `node scripts/setup.mjs --test`.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createApiKey } from '../api/auth/api-keys';
import { createDatabase } from '../platform/database';
import { createLogger } from '../platform/logger';
import { PartnershipDriver, fullAgreement } from '../test/support/lifecycle';
import { TestSmtpServer } from '../test/support/smtp';
import { serveApp, type TestSystem } from '../test/support/system';
import { bareWorkflow, takeStep } from './bare/workflows';
import { buildWorkflowBundle, cleanUp, cpuByProcess, createBenchDatabase, inPool, log, onCleanup, startDevServer, WorkerChild } from './support/services';

const n = Number(process.env.BENCH_N ?? 40);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 10);
const pgServer = process.env.BENCH_PG_SERVER ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** One partnership from registration to IMPLEMENTATION; answers how many steps (Updates) it took. */
async function lifecycle(system: TestSystem): Promise<number> {
  const driver = await PartnershipDriver.register(system);
  let steps = 0;
  const step = async (name: string, body: unknown = {}) => {
    steps += 1;
    return driver.step(name, body);
  };
  const parties = await driver.initiate();
  steps += 7; // describe-challenge, three add-party, add-learning-goal, choose-cooperation-form, complete-initiation
  await step('save-agreement-draft', { sections: fullAgreement });
  await step('submit-for-legal-review');
  await driver.passLegalReview();
  steps += 6;
  for (const [i, partyId] of parties.entries()) {
    const decided = await driver.decide(partyId, 1, 'YES', i < 2);
    if (decided.status !== 200) throw new Error(`record-decision: ${decided.status}`);
    steps += 1;
  }
  await step('start-implementation', { startDate: new Date().toISOString().slice(0, 10), beforeFinal: { reason: 'Mätning av genomströmningen.' } });
  return steps;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  log('preparing: a database of its own (migrated), the workflow bundle, a dev server, SMTP');
  const [databaseUrl, bundlePath] = await Promise.all([createBenchDatabase(pgServer, 'iop_bench_lifecycle'), buildWorkflowBundle()]);
  const { env, address } = await startDevServer();
  const db = createDatabase(databaseUrl, { maxConnections: 10 });
  onCleanup('database client', () => db.$disconnect());
  const smtp = await new TestSmtpServer().start();
  onCleanup('SMTP server', () => smtp.stop());

  // As production runs it: the API in this process, the worker (worker/main.ts) in its own.
  const taskQueue = `bench-lifecycle-${randomUUID()}`;
  const served = await serveApp({ db, temporal: env.client, taskQueue, logger: createLogger({ level: 'silent', name: 'bench-lifecycle' }), publicBaseUrl: 'http://127.0.0.1', hardening: { rateLimitPerMinute: 100_000 } });
  onCleanup('API', () => served.close());
  const worker = await new WorkerChild({ temporalAddress: address, taskQueue, databaseUrl, smtpUrl: smtp.url, bundlePath }).running();
  const system = { baseUrl: served.baseUrl, db, temporal: env.client, smtp, adminKey: (await createApiKey(db, { role: 'ADMINISTRATOR', label: 'bench lifecycle' })).key } as unknown as TestSystem;

  const bareQueue = `bench-bare-${randomUUID()}`;
  const bare = await Worker.create({ connection: env.nativeConnection, taskQueue: bareQueue, workflowsPath: require.resolve('./bare/workflows'), activities: { noop: async () => undefined } });

  let productSteps = 0;
  let productSeconds = 0;
  let bareSeconds = 0;
  // CPU per step, by process: robust where wall-clock throughput is not on a shared machine.
  const cpuPerStep = { product: '', bare: '' };
  const measureCpu = async (run: () => Promise<void>): Promise<string> => {
    const before = cpuByProcess(worker.pid);
    await run();
    const after = cpuByProcess(worker.pid);
    const per = (key: keyof typeof before) => (after[key] - before[key]) / productSteps;
    const total = (Object.keys(before) as (keyof typeof before)[]).reduce((sum, key) => sum + per(key), 0);
    return `${total.toFixed(1)} ms CPU a step: API and load ${per('bench').toFixed(1)}, worker ${per('worker').toFixed(1)}, Temporal ${per('temporal').toFixed(1)}, PostgreSQL ${per('postgres').toFixed(1)}`;
  };
  await bare.runUntil(async () => {
    log(`warming up: one partnership, one bare workflow`);
    const perPartnership = await lifecycle(system);
    const warm = await env.client.workflow.start(bareWorkflow, { taskQueue: bareQueue, workflowId: `bare-${randomUUID()}`, args: [perPartnership] });
    for (let i = 0; i < perPartnership; i++) await warm.executeUpdate(takeStep);

    log(`product: ${n} partnerships over the API, ${concurrency} at a time, ${perPartnership} steps each`);
    let started = Date.now();
    cpuPerStep.product = await measureCpu(() => inPool(Array.from({ length: n }, (_, i) => i), concurrency, async () => {
      // Read after the await: `productSteps += await …` would add to a stale total.
      const taken = await lifecycle(system);
      productSteps += taken;
    }));
    productSeconds = (Date.now() - started) / 1000;

    log(`bare: ${n} workflows, ${concurrency} at a time, ${perPartnership} Updates each with a no-op local activity`);
    started = Date.now();
    cpuPerStep.bare = await measureCpu(() => inPool(Array.from({ length: n }, (_, i) => i), concurrency, async () => {
      const handle = await env.client.workflow.start(bareWorkflow, { taskQueue: bareQueue, workflowId: `bare-${randomUUID()}`, args: [perPartnership] });
      for (let i = 0; i < perPartnership; i++) await handle.executeUpdate(takeStep);
    }));
    bareSeconds = (Date.now() - started) / 1000;
  });

  const product = productSteps / productSeconds;
  const bareRate = productSteps / bareSeconds;
  console.log('');
  console.log(`bench:lifecycle — ${os.cpus().length} CPUs, Node.js ${process.version}, Temporal dev server, PostgreSQL, SMTP; the worker in a process of its own`);
  console.log(`  product: ${productSteps} steps over the API in ${productSeconds.toFixed(1)} s = ${product.toFixed(1)} steps/s (registration and organisations not counted)`);
  console.log(`  bare:    ${productSteps} Updates with no-op local activities in ${bareSeconds.toFixed(1)} s = ${bareRate.toFixed(1)} Updates/s`);
  console.log(`  product against bare: ${(product / bareRate).toFixed(2)} ×`);
  console.log(`  product: ${cpuPerStep.product}`);
  console.log(`  bare:    ${cpuPerStep.bare} (the bare worker runs in the bench process)`);
}

process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));
main()
  .finally(cleanUp)
  .then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
