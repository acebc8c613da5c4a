// What seeing inside costs: the lifecycle's throughput (bench/lifecycle.ts's path, BENCH_N (40)
// partnerships, BENCH_CONCURRENCY (10) at a time) through two deployments side by side on one
// Temporal dev server and one PostgreSQL, in BENCH_ROUNDS (5) alternating rounds:
//   - observed: the API counts its requests (METRICS_ENABLED), the worker serves its metrics
//     (WORKER_METRICS_ADDRESS), and both make their spans (platform/tracing.ts) with the exporter
//     off, as a deployment with no collector runs;
//   - bare: METRICS_ENABLED=false, no WORKER_METRICS_ADDRESS, OTEL_SDK_DISABLED=true.
// Each deployment is the compiled API and worker, in processes of their own, as production runs
// them. The ratio is the median of the rounds' (observed / bare), and the budget 0.95.
//
//   npm run bench:observability
//
// It needs the machine's PostgreSQL (BENCH_PG_SERVER) and the Temporal CLI of `node scripts/setup.mjs --test`.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createApiKey } from '../api/auth/api-keys';
import { createDatabase } from '../platform/database';
import { freePort } from '../test/support/identity-provider';
import { TestSmtpServer } from '../test/support/smtp';
import type { TestSystem } from '../test/support/system';
import { lifecycle } from './support/partnership-path';
import { processCpuMs } from './support/cpu';
import { inPool } from './support/pool';
import { log, runBench } from './support/run';
import { buildWorkers, buildWorkflowBundle, createBenchDatabase, startDevServer, WorkerChild } from './support/services';
import { numberFromEnv, pgServer } from './support/settings';
import { median } from './support/statistics';

const n = numberFromEnv('BENCH_N', 40);
const concurrency = numberFromEnv('BENCH_CONCURRENCY', 10);
const roundCount = numberFromEnv('BENCH_ROUNDS', 5);

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  log('preparing: a database of its own (migrated), the compiled API and worker, the workflow bundle, a dev server, SMTP');
  const [databaseUrl, bundlePath] = await Promise.all([createBenchDatabase(pgServer, 'iop_bench_observability'), buildWorkflowBundle()]);
  const built = buildWorkers();
  const { address } = await startDevServer();
  const db = createDatabase(databaseUrl, { maxConnections: 4 });
  const smtp = await new TestSmtpServer({ parse: false }).start();
  const adminKey = (await createApiKey(db, { role: 'ADMINISTRATOR', label: 'bench observability' })).key;

  const deployments = {
    observed: async () => ({ api: { METRICS_ENABLED: 'true' }, worker: { WORKER_METRICS_ADDRESS: `127.0.0.1:${await freePort()}` } }),
    bare: async () => ({ api: { METRICS_ENABLED: 'false', OTEL_SDK_DISABLED: 'true' }, worker: { OTEL_SDK_DISABLED: 'true' } }),
  };
  // No OTEL_* of the caller's reaches either: the exporter stays off.
  for (const name of Object.keys(process.env)) if (name.startsWith('OTEL_')) delete process.env[name];
  const systems = new Map<string, TestSystem>();
  /** The deployment's own processes: the API and the worker, whose CPU is what the instruments cost. */
  const pids = new Map<string, number[]>();
  for (const [name, settingsOf] of Object.entries(deployments)) {
    const settings = await settingsOf();
    const taskQueue = `bench-observability-${name}-${randomUUID()}`;
    const common = { temporalAddress: address, taskQueue, databaseUrl, smtpUrl: smtp.url, bundlePath };
    const worker = await new WorkerChild({ ...common, script: built.product, env: settings.worker }).running();
    const port = await freePort();
    const api = { PORT: String(port), HOST: '127.0.0.1', PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, RATE_LIMIT_PER_MINUTE: '100000', LOG_LEVEL: 'info', ...settings.api };
    const apiChild = await new WorkerChild({ ...common, script: built.api, env: api }).running(60_000, '"api listening"');
    pids.set(name, [apiChild.pid, worker.pid]);
    systems.set(name, { baseUrl: `http://127.0.0.1:${port}`, db, smtp, adminKey } as unknown as TestSystem);
  }

  log('warming up: one partnership through each');
  for (const system of systems.values()) await lifecycle(system);

  const rates: Record<string, number>[] = [];
  const cpuPerStep: Record<string, number>[] = [];
  const cpuOf = (name: string) => pids.get(name)!.reduce((sum, pid) => sum + processCpuMs(pid), 0);
  for (let round = 0; round < roundCount; round++) {
    const order = round % 2 === 0 ? ['observed', 'bare'] : ['bare', 'observed'];
    const result: Record<string, number> = {};
    const cpu: Record<string, number> = {};
    for (const name of order) {
      log(`round ${round + 1} of ${roundCount}, ${name}: ${n} partnerships, ${concurrency} at a time`);
      let steps = 0;
      const started = Date.now();
      const cpuBefore = cpuOf(name);
      await inPool(Array.from({ length: n }, (_, i) => i), concurrency, async () => {
        const taken = await lifecycle(systems.get(name)!);
        steps += taken;
      });
      result[name] = steps / ((Date.now() - started) / 1000);
      cpu[name] = (cpuOf(name) - cpuBefore) / steps;
    }
    rates.push(result);
    cpuPerStep.push(cpu);
  }

  console.log('');
  console.log(`bench:observability — ${os.cpus().length} CPUs, Node.js ${process.version}; compiled API and worker in processes of their own; ${roundCount} rounds`);
  for (const [i, round] of rates.entries()) {
    const cpu = cpuPerStep[i]!;
    console.log(`  round ${i + 1}: observed ${round.observed!.toFixed(1)} steps/s, bare ${round.bare!.toFixed(1)} steps/s: ${(round.observed! / round.bare!).toFixed(3)} ×; CPU a step in the API and worker ${cpu.observed!.toFixed(2)} against ${cpu.bare!.toFixed(2)} ms`);
  }
  console.log(`  CPU a step, API and worker: observed ${median(cpuPerStep.map((c) => c.observed!)).toFixed(2)} ms, bare ${median(cpuPerStep.map((c) => c.bare!)).toFixed(2)} ms (medians): ${median(cpuPerStep.map((c) => c.observed! / c.bare!)).toFixed(3)} ×`);
  const ratio = median(rates.map((r) => r.observed! / r.bare!));
  console.log(`  observed against bare: ${ratio.toFixed(3)} × (median of the rounds; budget ≥ 0.95, metrics and tracing with the exporter off)`);
}

runBench(main);
