import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { testRun } from './run-config';

const projectRoot = path.resolve(__dirname, '..', '..');

/** The real worker entry point (worker/main.ts) as a process of its own, to be killed and restarted. */
export class WorkerProcess {
  private static readonly alive = new Set<WorkerProcess>();
  private readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output = '';

  constructor(env: { taskQueue: string; smtpUrl: string; temporalAddress?: string; metricsAddress?: string; webhookAllowPrivateUrls?: boolean; settings?: Record<string, string> }) {
    const run = testRun();
    // One process, with tsx as a loader, so that signals reach the worker itself.
    this.child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        DATABASE_URL: run.databaseUrl,
        TEMPORAL_ADDRESS: env.temporalAddress ?? run.temporalAddress,
        ...(env.metricsAddress ? { WORKER_METRICS_ADDRESS: env.metricsAddress } : {}),
        ...(env.webhookAllowPrivateUrls ? { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' } : {}),
        TEMPORAL_TASK_QUEUE: env.taskQueue,
        SMTP_URL: env.smtpUrl,
        WORKFLOW_BUNDLE_PATH: run.workflowBundlePath,
        LOG_LEVEL: 'info',
        ...env.settings,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        WorkerProcess.alive.delete(this);
        resolve({ code, signal });
      }),
    );
    WorkerProcess.alive.add(this);
  }

  /** Kills whatever a failed test left running, so that no worker outlives its test file. */
  static async killAll(): Promise<void> {
    const left = [...WorkerProcess.alive];
    for (const worker of left) worker.kill('SIGKILL');
    await Promise.all(left.map((worker) => worker.exited));
  }

  async running(timeoutMs = 30_000): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes('"worker running"')) {
      if (this.child.exitCode !== null) throw new Error(`worker exited early:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`worker did not start:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return this;
  }

  /** Its Temporal identity is `pid@host` (the SDK's default): a workflow's history names the worker that took each task. */
  get pid(): number {
    return this.child.pid!;
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
}
