// The worker's resident memory with BENCH_PARTNERSHIPS (10,000) partnerships asleep on their next
// deadline, on a Temporal dev server, against the same worker process with none; measured at the
// cache's size and at BENCH_MEMORY_FIRST_STAGE (1,000) first, so that a worker that cannot hold them
// all (it runs out of heap) still gives a per-workflow figure. Beside it, bare Temporal workflows
// asleep in a worker of their own with the same cache; then the live heap a cached workflow adds
// after a full collection, product and bare, in the bench process (bench/support/cached-heap.ts):
// the resident figure also holds the SDK's core, in Rust, and the room V8 keeps above what is live.
// The worker is the real entry point (worker/main.ts) compiled, in a process of its own and on a
// pre-built workflow bundle, as in production; bare's worker runs the same way. It needs the
// machine's PostgreSQL (BENCH_PG_SERVER, default postgresql://postgres@127.0.0.1:5432/postgres),
// where it makes a database of its own and drops it again, and the Temporal binaries of
// `node scripts/setup.mjs --test`.
//
//   npm run bench:memory                                                          (about 10 minutes)
//   BENCH_PARTNERSHIPS=500 BENCH_HEAP_WARM_UP=20 BENCH_HEAP_MEASURED=50 npm run bench:memory (a quick try)
//
// Other knobs: BENCH_CONCURRENCY (50 starts at a time), BENCH_TEMPORAL_PORT (7433),
// BENCH_MEMORY_MINUTES (7: the time its workflows have to go to sleep), BENCH_HEAP_WARM_UP (100
// cached workflows before the heap is measured) and BENCH_HEAP_MEASURED (500 measured).
// Part 2 of `npm run bench:timers` (bench/timers.ts).
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { swedishDay } from '../domain/swedish-time';
import { upcomingDeadlines } from '../domain/deadlines';
import { defaultTiming, noticeInstant } from '../domain/timing';
import { currentRules } from '../domain/rules';
import { loadConfig } from '../platform/config';
import { partnershipWorkflowId } from '../workflows/messages';
import { bareSleeper } from './bare/workflows';
import { firstTimerEventId, startPartnerships, waitUntilAsleep } from './support/asleep';
import { heapPerCachedWorkflow, type CachedHeapFigures } from './support/cached-heap';
import { implementationState } from './support/partnership-states';
import { inPool } from './support/pool';
import { log, machine, runBench, sleep } from './support/run';
import { buildWorkers, buildWorkflowBundle, createBenchDatabase, startDevServer, WorkerChild, type DevServer, type Workers } from './support/services';
import { numberFromEnv, pgServer } from './support/settings';

const settings = {
  partnerships: numberFromEnv('BENCH_PARTNERSHIPS', 10_000),
  concurrency: numberFromEnv('BENCH_CONCURRENCY', 50),
  temporalPort: numberFromEnv('BENCH_TEMPORAL_PORT', 7433),
  memoryMinutes: numberFromEnv('BENCH_MEMORY_MINUTES', 7),
  memoryFirstStage: numberFromEnv('BENCH_MEMORY_FIRST_STAGE', 1_000),
  heapWarmUp: numberFromEnv('BENCH_HEAP_WARM_UP', 100),
  heapMeasured: numberFromEnv('BENCH_HEAP_MEASURED', 500),
  pgServer,
};
const dayMs = 86_400_000;

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
  const today = swedishDay(Date.now());
  const measure = async (what: string, workflowBundlePath: string, startAsleep: (count: number, taskQueue: string) => Promise<void>) => {
    const taskQueue = `bench-heap-${randomUUID()}`;
    const figures = await heapPerCachedWorkflow({
      connection,
      taskQueue,
      workflowBundle: { codePath: workflowBundlePath },
      warmUp: settings.heapWarmUp,
      measured: settings.heapMeasured,
      startAsleep: (count) => startAsleep(count, taskQueue),
    });
    log(`live heap a cached ${what} adds: ${figures.perWorkflowKb} KB`);
    return figures;
  };

  const product = await measure('partnership', bundlePath, async (count, taskQueue) => {
    const inputs = Array.from({ length: count }, () => randomUUID()).map((partnershipId) => ({ partnershipId, carried: { state: implementationState(partnershipId, today), sentDeadlines: [] } }));
    await startPartnerships(client, taskQueue, inputs, settings.concurrency);
    const workflowIds = inputs.map((input) => partnershipWorkflowId(input.partnershipId));
    const asleep = await waitUntilAsleep(client, workflowIds, await firstTimerEventId(client, workflowIds[0]!), 5 * 60_000, null, settings.concurrency).done;
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
  return waitUntilAsleep(client, ids, 5, 5 * 60_000, worker, settings.concurrency).done;
}

/** The baseline of a cached partnership's cost: bare workflows asleep on a timer, as many as the cache holds. */
async function bareWorkerMemory(temporal: { env: TestWorkflowEnvironment; address: string }, databaseUrl: string, bundlePath: string, workers: Workers, count: number): Promise<MemoryFigures['bare']> {
  const taskQueue = `bench-bare-memory-${randomUUID()}`;
  const worker = await new WorkerChild({ temporalAddress: temporal.address, taskQueue, databaseUrl, smtpUrl: 'smtp://127.0.0.1:1', bundlePath, script: workers.bare }).running();
  await sleep(15_000);
  const baseline = worker.memory();
  const asleep = await startBareSleepers(temporal.env.client, taskQueue, count, worker);
  await sleep(15_000);
  const resting = worker.memory();
  await worker.stop();
  if (asleep.stoppedBy) {
    log(`bare: only ${asleep.asleep} of ${count} asleep: ${asleep.stoppedBy}`);
    return null;
  }
  const figures = {
    baselineRssMb: +(baseline.rssKb / 1024).toFixed(1),
    asleep: count,
    restingRssMb: +(resting.rssKb / 1024).toFixed(1),
    perWorkflowKb: +((resting.rssKb - baseline.rssKb) / count).toFixed(1),
  };
  log(`bare: ${count} asleep: ${figures.restingRssMb} MB against ${figures.baselineRssMb} MB with none`);
  return figures;
}

async function workerMemory(databaseUrl: string, bundlePath: string, workers: Workers): Promise<MemoryFigures> {
  const temporal = await startDevServer(settings.temporalPort);
  const client = temporal.env.client;
  const taskQueue = `bench-memory-${randomUUID()}`;
  const worker = await new WorkerChild({ temporalAddress: temporal.address, taskQueue, databaseUrl, smtpUrl: 'smtp://127.0.0.1:1', bundlePath, script: workers.product }).running();
  const timeLimit = Date.now() + settings.memoryMinutes * 60_000;

  await sleep(15_000); // at rest: loaded, polling, nothing to do
  const baseline = worker.memory();
  log(`worker ${worker.pid} at rest with no workflows: ${(baseline.rssKb / 1024).toFixed(1)} MB`);

  const today = swedishDay(Date.now());
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
      const seconds = await startPartnerships(client, taskQueue, inputs.slice(from, size), settings.concurrency);
      startSeconds += seconds;
      log(`workflows ${from + 1}..${size} started in ${seconds.toFixed(1)} s`);
      const workflowIds = ids.slice(from, size).map(partnershipWorkflowId);
      timerEventId ||= await firstTimerEventId(client, workflowIds[0]!);
      const waiting = waitUntilAsleep(client, workflowIds, timerEventId, Math.max(timeLimit - Date.now(), 30_000), worker, settings.concurrency);
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
        log(`only ${asleepBefore} of ${size} asleep: ${outcome.stoppedBy}`);
        break;
      }
      log(`all ${size} asleep on their first timer, ${stage.seconds} s after the stage's first start; resting`);
      await sleep(15_000);
      if (worker.ended) {
        stage.incomplete = `the worker process ended while at rest (${worker.ended})`;
        break;
      }
      const resting = worker.memory();
      stage.restingRssMb = +(resting.rssKb / 1024).toFixed(1);
      stage.perWorkflowKb = +((resting.rssKb - baseline.rssKb) / size).toFixed(1);
      stage.ratioToBaseline = +(resting.rssKb / baseline.rssKb).toFixed(2);
      log(`at rest with ${size}: ${stage.restingRssMb} MB`);
    }
  } finally {
    clearInterval(sampler);
  }

  const peakKb = worker.ended ? Math.max(baseline.peakKb, ...samples.map(([, mb]) => mb * 1024)) : worker.memory().peakKb;
  const ended = worker.ended;
  const lastWords = ended ? (/.*(out of memory|error).*$/im.exec(worker.tail())?.[0] ?? worker.tail().slice(-500)).trim() : null;
  await worker.stop();
  if (ended) log(`the worker process ended (${ended}): ${lastWords}`);
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

async function main(): Promise<void> {
  // Only the SDK's warnings and errors, in this process.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const wallStart = Date.now();

  log('preparing: a database of its own (migrated), the workflow bundle and the workers compiled');
  const [databaseUrl, bundlePath] = await Promise.all([createBenchDatabase(settings.pgServer, 'iop_bench_memory'), buildWorkflowBundle()]);
  const workers = buildWorkers();

  log(`worker memory with ${settings.partnerships} partnerships asleep, on a dev server at port ${settings.temporalPort}`);
  const m = await workerMemory(databaseUrl, bundlePath, workers);

  const lines = ['', `bench:memory — ${machine()}`];
  const full = m.stages.find((stage) => stage.started === m.partnerships);
  lines.push('', `Worker memory with ${m.partnerships} partnerships asleep on a timer (Temporal dev server; worker/main.ts in a child process)`);
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
  lines.push('', `total ${Math.round((Date.now() - wallStart) / 1000)} s`, '');
  console.log(lines.join('\n'));
  console.log(JSON.stringify({ bench: 'memory', settings, memory: m }));
}

runBench(main);
