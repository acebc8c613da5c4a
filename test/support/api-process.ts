import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from './identity-provider';
import { testRun } from './run-config';

const projectRoot = path.resolve(__dirname, '..', '..');

/**
 * The real API entry point (api/main.ts) as a process of its own, on a loopback port of its own: what
 * a deployment runs several of behind its load balancer. Settings not given are the configuration's
 * defaults, never the test process's own sign-in settings.
 */
export class ApiProcess {
  private static readonly alive = new Set<ApiProcess>();
  private readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly baseUrl: string;
  output = '';

  private constructor(port: number, env: { taskQueue: string; rateLimitPerMinute?: number; temporalAddress?: string; settings?: Record<string, string> }) {
    const run = testRun();
    this.baseUrl = `http://127.0.0.1:${port}`;
    const inherited = { ...process.env };
    for (const name of Object.keys(inherited)) if (/^(JWT_|OIDC_|SESSION_SECRET|CORS_|TRUST_PROXY|METRICS_TOKEN)/.test(name)) delete inherited[name];
    // One process, with tsx as a loader, so that signals reach the API itself.
    this.child = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
      cwd: projectRoot,
      env: {
        ...inherited,
        DATABASE_URL: run.databaseUrl,
        TEMPORAL_ADDRESS: env.temporalAddress ?? run.temporalAddress,
        TEMPORAL_TASK_QUEUE: env.taskQueue,
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_BASE_URL: this.baseUrl,
        ...(env.rateLimitPerMinute ? { RATE_LIMIT_PER_MINUTE: String(env.rateLimitPerMinute) } : {}),
        LOG_LEVEL: 'info',
        ...env.settings,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        ApiProcess.alive.delete(this);
        resolve({ code, signal });
      }),
    );
    ApiProcess.alive.add(this);
  }

  static async start(env: { taskQueue: string; rateLimitPerMinute?: number; temporalAddress?: string; settings?: Record<string, string> }): Promise<ApiProcess> {
    return new ApiProcess(await freePort(), env);
  }

  /** Kills whatever a failed test left running, so that no API outlives its test file. */
  static async killAll(): Promise<void> {
    const left = [...ApiProcess.alive];
    for (const api of left) api.child.kill('SIGKILL');
    await Promise.all(left.map((api) => api.exited));
  }

  /** Once it listens: read from its log, as a request would count against the address's rate limit. */
  async running(timeoutMs = 30_000): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes('"api listening"')) {
      if (this.child.exitCode !== null) throw new Error(`api exited early:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`api did not start:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return this;
  }

  /** SIGTERM, as an orchestrator stops it: it finishes what it answers and exits; SIGKILL if it hangs. */
  async stop(timeoutMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
