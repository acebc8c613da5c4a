// A real entry point of the product (api/main.ts, worker/main.ts) as a process of its own, run with
// tsx as a loader in that one process, so that signals reach the program itself. What it writes is
// kept for the test to read; none outlives its test file (killAll).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const projectRoot = path.resolve(__dirname, '..', '..');
const alive = new Set<EntryProcess>();

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export class EntryProcess {
  private readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  output = '';

  /** `ready`: the log line's text that says it runs; `what`: its name in an error. */
  protected constructor(
    entry: string,
    env: NodeJS.ProcessEnv,
    private readonly ready: string,
    private readonly what: string,
  ) {
    this.child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        alive.delete(this);
        resolve({ code, signal });
      }),
    );
    alive.add(this);
  }

  /** Kills whatever of this kind a failed test left running. */
  static async killAll(this: { prototype: EntryProcess }): Promise<void> {
    const left = [...alive].filter((p) => Object.prototype.isPrototypeOf.call(this.prototype, p));
    for (const p of left) p.kill('SIGKILL');
    await Promise.all(left.map((p) => p.exited));
  }

  /** Once its log says it runs: read from the log, as a request would count against a rate limit. */
  async running(timeoutMs = 30_000): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes(this.ready)) {
      if (this.child.exitCode !== null) throw new Error(`${this.what} exited early:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`${this.what} did not start:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return this;
  }

  /** SIGTERM, as an orchestrator stops it: it finishes what it has and exits; SIGKILL if it hangs. */
  async stop(timeoutMs = 15_000): Promise<Exit> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** A worker's Temporal identity is `pid@host` (the SDK's default): a workflow's history names the worker that took each task. */
  get pid(): number {
    return this.child.pid!;
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
}
