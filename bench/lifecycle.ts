// Throughput of the lifecycle, in BENCH_ROUNDS (3) rounds: BENCH_N (40) partnerships driven over
// the API, BENCH_CONCURRENCY (10) at a time, from registration through INITIATION, FORMULATION, LEGAL_REVIEW and every party's
// decision to IMPLEMENTATION; against bare workflows taking the same number of Updates in the same
// run, on the same Temporal dev server: the issue's yardstick, each Update running one no-op
// activity, and a stricter one, each running one no-op local activity.
//
//   npm run bench:lifecycle
//
// It needs the machine's PostgreSQL (BENCH_PG_SERVER, default postgresql://postgres@127.0.0.1:5432/postgres),
// where it makes a database of its own and drops it again, and the Temporal CLI of `node scripts/setup.mjs --test`.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createApiKey } from '../api/auth/api-keys';
import { createDatabase } from '../platform/database';
import { createLogger } from '../platform/logger';
import { TestSmtpServer } from '../test/support/smtp';
import { partnershipWorkflowId } from '../workflows/messages';
import { serveApp, type TestSystem } from '../test/support/system';
import { bareLocalWorkflow, bareWorkflow, takeStep } from './bare/workflows';
import { onCleanup } from './support/cleanup';
import { cpuByProcess, cpuUsed, type CpuByProcess } from './support/cpu';
import { lifecycle } from './support/partnership-path';
import { inPool } from './support/pool';
import { log, runBench } from './support/run';
import { buildWorkers, buildWorkflowBundle, createBenchDatabase, startDevServer, WorkerChild } from './support/services';
import { numberFromEnv, pgServer } from './support/settings';
import { median } from './support/statistics';

const n = numberFromEnv('BENCH_N', 40);
const concurrency = numberFromEnv('BENCH_CONCURRENCY', 10);
const roundCount = numberFromEnv('BENCH_ROUNDS', 3);

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  log('preparing: a database of its own (migrated), the workflow bundle, a dev server, SMTP');
  const [databaseUrl, bundlePath] = await Promise.all([createBenchDatabase(pgServer, 'iop_bench_lifecycle'), buildWorkflowBundle()]);
  const workers = buildWorkers();
  const { env, address } = await startDevServer();
  const db = createDatabase(databaseUrl, { maxConnections: 10 });
  onCleanup('database client', () => db.$disconnect());
  const smtp = await new TestSmtpServer({ parse: false }).start();
  onCleanup('SMTP server', () => smtp.stop());

  // As production runs it: the API in this process, the worker (worker/main.ts, compiled) in its own.
  const taskQueue = `bench-lifecycle-${randomUUID()}`;
  const served = await serveApp({ db, temporal: env.client, taskQueue, logger: createLogger({ level: 'silent', name: 'bench-lifecycle' }), publicBaseUrl: 'http://127.0.0.1', hardening: { rateLimitPerMinute: 100_000 } });
  onCleanup('API', () => served.close());
  const worker = await new WorkerChild({ temporalAddress: address, taskQueue, databaseUrl, smtpUrl: smtp.url, bundlePath, script: workers.product }).running();
  const system = { baseUrl: served.baseUrl, db, temporal: env.client, smtp, adminKey: (await createApiKey(db, { role: 'ADMINISTRATOR', label: 'bench lifecycle' })).key } as unknown as TestSystem;

  const bareQueue = `bench-bare-${randomUUID()}`;
  // The baselines' worker runs as the product's does: compiled, in a process of its own.
  const bareWorker = await new WorkerChild({ temporalAddress: address, taskQueue: bareQueue, databaseUrl, smtpUrl: smtp.url, bundlePath, script: workers.bare }).running();

  // The issue's yardstick runs a no-op activity per Update; the stricter one a no-op local activity,
  // as the partnership's workflow records each step in a local activity.
  const baselines = [
    { name: 'bare', workflow: bareWorkflow, what: 'Updates, each running a no-op activity' },
    { name: 'bare, local', workflow: bareLocalWorkflow, what: 'Updates, each running a no-op local activity' },
  ] as const;
  const histories = new Map<string, string>();
  const names = ['product', ...baselines.map((b) => b.name)];
  // Per round and contender: its steps, seconds and CPU by process. Rounds rotate the order, so that
  // none is always first; the ratio is the median of the rounds', as the machine is shared and noisy.
  const rounds: Map<string, { steps: number; seconds: number; cpu: CpuByProcess }>[] = [];
  const bareRun = (workflow: (steps: number) => Promise<void>, steps: number) => async () => {
    const handle = await env.client.workflow.start(workflow, { taskQueue: bareQueue, workflowId: `bare-${randomUUID()}`, args: [steps] });
    for (let i = 0; i < steps; i++) await handle.executeUpdate(takeStep);
    return handle.workflowId;
  };
  log(`warming up: one partnership, one workflow of each baseline`);
  let warmId = '';
  const perPartnership = await lifecycle(system, (id) => (warmId = id));
  histories.set('product', await historyOf(env.client, partnershipWorkflowId(warmId)));
  for (const baseline of baselines) histories.set(baseline.name, await historyOf(env.client, await bareRun(baseline.workflow, perPartnership)()));

  const everyOne = (run: () => Promise<void>) => inPool(Array.from({ length: n }, (_, i) => i), concurrency, run);
  // workerPid: the worker whose CPU is the contender's (each runs in a process of its own).
  const contenders: { name: string; what: string; workerPid: number; run: () => Promise<number> }[] = [
    {
      name: 'product',
      workerPid: worker.pid,
      what: `partnerships over the API, ${perPartnership} steps each`,
      run: async () => {
        let steps = 0;
        await everyOne(async () => {
          // Read after the await: `steps += await …` would add to a stale total.
          const taken = await lifecycle(system);
          steps += taken;
        });
        return steps;
      },
    },
    ...baselines.map((baseline) => ({
      name: baseline.name,
      workerPid: bareWorker.pid,
      what: `workflows, ${perPartnership} ${baseline.what}`,
      run: async () => {
        await everyOne(async () => void (await bareRun(baseline.workflow, perPartnership)()));
        return n * perPartnership;
      },
    })),
  ];
  for (let round = 0; round < roundCount; round++) {
    const results = new Map<string, { steps: number; seconds: number; cpu: CpuByProcess }>();
    rounds.push(results);
    const shift = round % contenders.length;
    for (const contender of [...contenders.slice(shift), ...contenders.slice(0, shift)]) {
      log(`round ${round + 1} of ${roundCount}, ${contender.name}: ${n} ${contender.what}, ${concurrency} at a time`);
      const before = cpuByProcess(contender.workerPid);
      const started = Date.now();
      const steps = await contender.run();
      results.set(contender.name, { steps, seconds: (Date.now() - started) / 1000, cpu: cpuUsed(before, cpuByProcess(contender.workerPid)) });
    }
  }

  const rate = (round: (typeof rounds)[number], name: string) => round.get(name)!.steps / round.get(name)!.seconds;
  console.log('');
  console.log(`bench:lifecycle — ${os.cpus().length} CPUs, Node.js ${process.version}, Temporal dev server, PostgreSQL, SMTP; the worker in a process of its own; ${roundCount} rounds`);
  console.log(`  product: steps over the API (registration and organisations not counted, their time is); ${baselines.map((b) => `${b.name}: ${b.what}`).join('; ')}`);
  for (const [i, round] of rounds.entries()) {
    console.log(`  round ${i + 1}: ${names.map((name) => `${name} ${rate(round, name).toFixed(1)}/s`).join(', ')}; product against ${baselines.map((b) => `${b.name} ${(rate(round, 'product') / rate(round, b.name)).toFixed(2)} ×`).join(', ')}`);
  }
  for (const baseline of baselines) {
    console.log(`  product against ${baseline.name}: ${median(rounds.map((round) => rate(round, 'product') / rate(round, baseline.name))).toFixed(2)} × (median of the rounds)`);
  }
  for (const name of names) {
    const steps = rounds.reduce((sum, round) => sum + round.get(name)!.steps, 0);
    const per = (key: keyof CpuByProcess) => rounds.reduce((sum, round) => sum + round.get(name)!.cpu[key], 0) / steps;
    const total = per('bench') + per('worker') + per('temporal') + per('postgres');
    console.log(`  CPU a step, ${`${name}:`.padEnd(12)} ${total.toFixed(1)} ms: ${name === 'product' ? 'API and load' : 'load'} ${per('bench').toFixed(1)}, worker ${per('worker').toFixed(1)}, Temporal ${per('temporal').toFixed(1)}, PostgreSQL ${per('postgres').toFixed(1)}`);
  }
  for (const [name, history] of histories) console.log(`  history of one workflow, ${name}: ${history}`);
}

/** What one workflow's history holds: its events by type, its workflow tasks and its bytes. */
async function historyOf(client: Client, workflowId: string): Promise<string> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const byType = new Map<string, number>();
  for (const event of events) {
    const type = String(temporal.api.enums.v1.EventType[event.eventType ?? 0]).replace(/^EVENT_TYPE_/, '');
    byType.set(type, (byType.get(type) ?? 0) + 1);
  }
  const bytes = temporal.api.history.v1.History.encode(history).finish().length;
  return `${events.length} events, ${bytes} bytes; ${[...byType].map(([type, count]) => `${type} ${count}`).join(', ')}`;
}

runBench(main);
