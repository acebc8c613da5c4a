// What the benchmarks start of their own, and stop again: a database, a workflow bundle, a Temporal
// dev server and worker processes. Everything started is stopped again, newest first, also on Ctrl-C.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type BundleOptions } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import ts from 'typescript';
import { temporalCliPath } from '../../platform/temporal-binaries';
import { workflowBundlerOptions, workflowsPath } from '../../worker/workflow-bundle';

const repo = path.resolve(__dirname, '..', '..');

export const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const cleanups: { name: string; run: () => Promise<unknown> }[] = [];

/** Registers how to stop what was just started; answers a function that stops it now. */
export function onCleanup(name: string, run: () => Promise<unknown>): () => Promise<void> {
  const entry = { name, run };
  cleanups.push(entry);
  return async () => {
    const i = cleanups.indexOf(entry);
    if (i >= 0) cleanups.splice(i, 1);
    await run();
  };
}

export async function cleanUp(): Promise<void> {
  while (cleanups.length) {
    const { name, run } = cleanups.pop()!;
    await run().catch((error: unknown) => console.error(`cleanup of ${name} failed:`, error));
  }
}

/** The median of the rounds' figures (the upper one of an even count). */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Runs fn over items, at most `width` at a time. */
export async function inPool<T>(items: readonly T[], width: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await fn(items[index]!, index);
    }
  });
  await Promise.all(lanes);
}

/** A migrated database of the benchmark's own on the given server, dropped at cleanup. */
export async function createBenchDatabase(pgServer: string, prefix: string): Promise<string> {
  const name = `${prefix}_${Date.now()}_${process.pid}`;
  const admin = new PgClient({ connectionString: pgServer });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  onCleanup(`database ${name}`, async () => {
    const client = new PgClient({ connectionString: pgServer });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  });
  const url = new URL(pgServer);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const migrate = spawnSync(path.join(repo, 'node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], {
    cwd: repo,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  if (migrate.status !== 0) throw new Error(`prisma migrate deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);
  return databaseUrl;
}

/** The workflow bundle as production builds it (scripts/bundle-workflows.ts), in a file. */
export async function buildWorkflowBundle(workflows: Pick<BundleOptions, 'workflowsPath' | 'webpackConfigHook' | 'preloadModules'> = { workflowsPath, ...workflowBundlerOptions() }): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'iop-bench-'));
  onCleanup('bundle directory', async () => rmSync(dir, { recursive: true, force: true }));
  const { code } = await bundleWorkflowCode({
    ...workflows,
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
  });
  const file = path.join(dir, 'workflow-bundle.js');
  writeFileSync(file, code);
  return file;
}

/**
 * The workers' code compiled for node alone, as the production image runs it (`node
 * dist/worker/main.js`, no tsx): tsx turns on Node.js's source maps in every thread it loads into,
 * and with them each promise made in workflow code pays a compile and a scan for a source map
 * (the SDK captures a stack for every one). The bare baseline's worker is compiled the same way,
 * so that both run alike. In the repository (.data/), where node_modules is found.
 */
export function buildWorkers(): { product: string; bare: string } {
  const dir = path.join(repo, '.data', `bench-build-${process.pid}`);
  onCleanup('compiled workers', async () => rmSync(dir, { recursive: true, force: true }));
  const tsc = spawnSync(path.join(repo, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json', '--outDir', dir], { cwd: repo, encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed:\n${tsc.stdout}\n${tsc.stderr}`);
  // The bare worker imports nothing of the product's: each file alone is enough.
  const bareDir = path.join(dir, 'bench', 'bare');
  mkdirSync(bareDir, { recursive: true });
  for (const name of ['worker', 'workflows']) {
    const source = readFileSync(path.join(repo, 'bench', 'bare', `${name}.ts`), 'utf8');
    writeFileSync(path.join(bareDir, `${name}.js`), ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText);
  }
  return { product: path.join(dir, 'worker', 'main.js'), bare: path.join(bareDir, 'worker.js') };
}

/** A Temporal dev server (in memory) on the given port, or on a free one. */
export async function startDevServer(port?: number): Promise<{ env: TestWorkflowEnvironment; address: string; stop: () => Promise<void> }> {
  const cli = temporalCliPath();
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: cli ? { type: 'existing-path', path: cli } : { type: 'cached-download' },
      ip: '127.0.0.1',
      ...(port ? { port } : {}),
      extraArgs: ['--log-level', 'error'],
    },
  });
  const stop = onCleanup('Temporal dev server', () => env.teardown());
  return { env, address: env.address, stop };
}

/** A compiled worker (buildWorkers) in a process of its own, as production runs it, so that its CPU and memory are its own. */
export class WorkerChild {
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;
  private output = '';
  readonly stop: () => Promise<void>;

  /** `script`: the compiled worker/main.ts or bench/bare/worker.ts (buildWorkers); `env`: more of its environment. */
  constructor(options: { temporalAddress: string; taskQueue: string; databaseUrl: string; smtpUrl: string; bundlePath: string; script: string; env?: Record<string, string> }) {
    // BENCH_WORKER_CPU_PROFILE=<dir>: the worker writes a V8 CPU profile there when it stops.
    const profile = process.env.BENCH_WORKER_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_WORKER_CPU_PROFILE}`] : [];
    // BENCH_WORKER_NODE_FLAGS: Node.js flags for the worker alone (a V8 setting to try, say).
    const flags = (process.env.BENCH_WORKER_NODE_FLAGS ?? '').split(' ').filter(Boolean);
    this.child = spawn(process.execPath, [...flags, ...profile, options.script], {
      cwd: repo,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: options.databaseUrl,
        TEMPORAL_ADDRESS: options.temporalAddress,
        TEMPORAL_NAMESPACE: 'default',
        TEMPORAL_TASK_QUEUE: options.taskQueue,
        SMTP_URL: options.smtpUrl,
        WORKFLOW_BUNDLE_PATH: options.bundlePath,
        PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
        LOG_LEVEL: 'info',
        WORKER_HEALTH_FILE: '',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000));
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    this.stop = onCleanup(`worker process ${this.child.pid}`, async () => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return;
      this.child.kill('SIGTERM');
      const killer = setTimeout(() => this.child.kill('SIGKILL'), 40_000);
      await this.exited;
      clearTimeout(killer);
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** How the process ended, or null while it runs. */
  get ended(): string | null {
    const { exitCode, signalCode } = this.child;
    return exitCode !== null ? `exit code ${exitCode}` : signalCode !== null ? `signal ${signalCode}` : null;
  }

  tail(): string {
    return this.output.slice(-3_000);
  }

  async running(timeoutMs = 60_000): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes('"worker running"')) {
      if (this.child.exitCode !== null) throw new Error(`worker exited early:\n${this.tail()}`);
      if (Date.now() > deadline) throw new Error(`worker did not start:\n${this.tail()}`);
      await sleep(100);
    }
    return this;
  }

  /** VmRSS and VmHWM (the peak) of the worker process, in KiB. */
  memory(): { rssKb: number; peakKb: number } {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rssKb: field('VmRSS'), peakKb: field('VmHWM') };
  }
}

export type CpuByProcess = Record<'bench' | 'worker' | 'temporal' | 'postgres', number>;

/** CPU time (user + system, ms) used so far by each group of processes: this one, the worker, Temporal, PostgreSQL. */
export function cpuByProcess(workerPid: number): CpuByProcess {
  const ticksMs = 10; // USER_HZ is 100 on Linux
  const used = { bench: 0, worker: 0, temporal: 0, postgres: 0 };
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (Number(fields[11]) + Number(fields[12])) * ticksMs;
    const pid = Number(entry);
    if (pid === process.pid) used.bench += ms;
    else if (pid === workerPid) used.worker += ms;
    else if (comm === 'temporal') used.temporal += ms;
    // With its reaped children's time (the postmaster's): a backend that ends takes its own with it.
    else if (comm === 'postgres') used.postgres += ms + (Number(fields[13]) + Number(fields[14])) * ticksMs;
  }
  return used;
}

/** The CPU each group used between two readings of cpuByProcess, divided by `per` (steps, reminders). */
export function cpuUsed(before: CpuByProcess, after: CpuByProcess, per = 1): CpuByProcess {
  const used = (key: keyof CpuByProcess) => (after[key] - before[key]) / per;
  return { bench: used('bench'), worker: used('worker'), temporal: used('temporal'), postgres: used('postgres') };
}
