// Throughput of the lifecycle: BENCH_N (40) partnerships driven over the API, BENCH_CONCURRENCY
// (10) at a time, from registration through INITIATION, FORMULATION, LEGAL_REVIEW and every party's
// decision to IMPLEMENTATION; against bare workflows taking the same number of Updates, each
// running one no-op local activity, in the same run, on the same Temporal dev server.
//
//   npm run bench:lifecycle
//
// It needs the machine's PostgreSQL (BENCH_PG_SERVER, default postgresql://postgres@127.0.0.1:5432/postgres),
// where it makes a database of its own and drops it again, and the Temporal CLI of `node scripts/setup.mjs --test`.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { createApiKey } from '../api/auth/api-keys';
import { createDatabase } from '../platform/database';
import { createLogger } from '../platform/logger';
import { createMailer } from '../platform/mailer';
import { temporalCliPath } from '../platform/temporal-binaries';
import { PartnershipDriver, fullAgreement } from '../test/support/lifecycle';
import { TestSmtpServer } from '../test/support/smtp';
import { serveApp, type TestSystem } from '../test/support/system';
import { createWorker } from '../worker/create-worker';
import { bareWorkflow, takeStep } from './bare/workflows';

const n = Number(process.env.BENCH_N ?? 40);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 10);
const pgServer = process.env.BENCH_PG_SERVER ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

async function inPool<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: width }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
  }));
}

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
  const name = `iop_bench_lifecycle_${Date.now()}_${process.pid}`;
  const admin = new PgClient({ connectionString: pgServer });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(pgServer);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const cleanups: (() => Promise<unknown>)[] = [async () => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => admin.end())];
  try {
    const migrate = spawnSync(path.join(__dirname, '..', 'node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8' });
    if (migrate.status !== 0) throw new Error(migrate.stderr);
    const cli = temporalCliPath();
    const env = await TestWorkflowEnvironment.createLocal({
      server: { executable: cli ? { type: 'existing-path', path: cli } : { type: 'cached-download' }, ip: '127.0.0.1', extraArgs: ['--log-level', 'error'] },
    });
    cleanups.unshift(() => env.teardown());
    const db = createDatabase(databaseUrl, { maxConnections: 10 });
    cleanups.unshift(() => db.$disconnect());
    const smtp = await new TestSmtpServer().start();
    cleanups.unshift(() => smtp.stop());
    const taskQueue = `bench-lifecycle-${randomUUID()}`;
    const served = await serveApp({ db, temporal: env.client, taskQueue, logger: createLogger({ level: 'silent', name: 'bench-lifecycle' }), publicBaseUrl: 'http://127.0.0.1', hardening: { rateLimitPerMinute: 100_000 } });
    cleanups.unshift(() => served.close());
    const system = { baseUrl: served.baseUrl, db, temporal: env.client, smtp, adminKey: (await createApiKey(db, { role: 'ADMINISTRATOR', label: 'bench lifecycle' })).key } as unknown as TestSystem;

    // The product's worker bundles the workflows as `npm start` does (worker/workflow-bundle.ts).
    const worker = await createWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      dependencies: { db, mailer: createMailer(smtp.url), mailFrom: 'IOP bench <noreply@iop.test>', publicBaseUrl: 'http://127.0.0.1' },
    });
    const bareQueue = `bench-bare-${randomUUID()}`;
    const bare = await Worker.create({ connection: env.nativeConnection, taskQueue: bareQueue, workflowsPath: require.resolve('./bare/workflows'), activities: { noop: async () => undefined } });

    let productSteps = 0;
    let productSeconds = 0;
    let bareSeconds = 0;
    await Promise.all([worker.run(), bare.run(), (async () => {
      try {
        log(`warming up: one partnership, one bare workflow`);
        const perPartnership = await lifecycle(system);
        const warm = await env.client.workflow.start(bareWorkflow, { taskQueue: bareQueue, workflowId: `bare-${randomUUID()}`, args: [perPartnership] });
        for (let i = 0; i < perPartnership; i++) await warm.executeUpdate(takeStep);

        log(`product: ${n} partnerships over the API, ${concurrency} at a time, ${perPartnership} steps each`);
        let started = Date.now();
        await inPool(Array.from({ length: n }, (_, i) => i), concurrency, async () => {
          const taken = await lifecycle(system);
          productSteps += taken;
        });
        productSeconds = (Date.now() - started) / 1000;

        log(`bare: ${n} workflows, ${concurrency} at a time, ${perPartnership} Updates each with a no-op local activity`);
        started = Date.now();
        await inPool(Array.from({ length: n }, (_, i) => i), concurrency, async () => {
          const handle = await env.client.workflow.start(bareWorkflow, { taskQueue: bareQueue, workflowId: `bare-${randomUUID()}`, args: [perPartnership] });
          for (let i = 0; i < perPartnership; i++) await handle.executeUpdate(takeStep);
        });
        bareSeconds = (Date.now() - started) / 1000;
      } finally {
        worker.shutdown();
        bare.shutdown();
      }
    })()]);

    const product = productSteps / productSeconds;
    const bareRate = productSteps / bareSeconds;
    console.log('');
    console.log(`bench:lifecycle — ${os.cpus().length} CPUs, Node.js ${process.version}, Temporal dev server, PostgreSQL, SMTP`);
    console.log(`  product: ${productSteps} steps over the API in ${productSeconds.toFixed(1)} s = ${product.toFixed(1)} steps/s (registration and organisations not counted)`);
    console.log(`  bare:    ${productSteps} Updates with no-op local activities in ${bareSeconds.toFixed(1)} s = ${bareRate.toFixed(1)} Updates/s`);
    console.log(`  product against bare: ${(product / bareRate).toFixed(2)} ×`);
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error: unknown) => console.error(error));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
