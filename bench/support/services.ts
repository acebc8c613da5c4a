// What the benchmarks start of their own, and stop again: a database, a workflow bundle, a Temporal
// dev server and worker processes, each stopped again at cleanup (./cleanup.ts).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type BundleOptions } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import ts from 'typescript';
import { temporalCliPath } from '../../platform/temporal-binaries';
import { workflowBundlerOptions, workflowsPath } from '../../worker/workflow-bundle';
import { partnershipSearchAttributes } from '../../workflows/search-attributes';
import { onCleanup } from './cleanup';
import { sleep } from './run';

const repo = path.resolve(__dirname, '..', '..');

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
export async function buildWorkflowBundle(workflows: Pick<BundleOptions, 'workflowsPath' | 'webpackConfigHook' | 'preloadModules' | 'workflowInterceptorModules'> = { workflowsPath, ...workflowBundlerOptions() }): Promise<string> {
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
/** The compiled workers (buildWorkers): the product's and the bare baseline's; and the product's API. */
export type Workers = { product: string; bare: string; api: string };

export function buildWorkers(): Workers {
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
  return { product: path.join(dir, 'worker', 'main.js'), bare: path.join(bareDir, 'worker.js'), api: path.join(dir, 'api', 'main.js') };
}

/** A Temporal dev server (in memory) on the given port, or on a free one. */
export type DevServer = { env: TestWorkflowEnvironment; address: string; stop: () => Promise<void> };

export async function startDevServer(port?: number): Promise<DevServer> {
  const cli = temporalCliPath();
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: cli ? { type: 'existing-path', path: cli } : { type: 'cached-download' },
      ip: '127.0.0.1',
      ...(port ? { port } : {}),
      extraArgs: ['--log-level', 'error'],
      // Registered up front: bench/memory.ts's worker is the SDK's own, not createWorker, which would register them.
      searchAttributes: Object.values(partnershipSearchAttributes),
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

  /** Once it logs that it runs; an API process (bench/observability.ts) says so with '"api listening"'. */
  async running(timeoutMs = 60_000, ready = '"worker running"'): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes(ready)) {
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
