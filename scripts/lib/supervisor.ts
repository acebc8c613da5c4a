import { stopChild, stopLeftovers, type Child } from './processes';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Restart delays: 1 s, doubling to 30 s; a child that stayed up a minute starts again from 1 s. */
const firstDelayMs = 1_000;
const longestDelayMs = 30_000;
const stableAfterMs = 60_000;

/**
 * One service of `npm start`, kept running: a child that dies (killed, crashed, out of memory) is
 * started again with backoff, and the supervisor says so. What the child had started and left running
 * is stopped first: a server it held would keep the port and the data directory from its successor.
 * Only stop() ends it.
 */
export class Supervised {
  current: Child;
  private stopping = false;
  private failures = 0;

  constructor(
    readonly name: string,
    private readonly launch: () => Child,
  ) {
    this.current = launch();
    this.watch();
  }

  private watch(): void {
    const child = this.current;
    const startedAt = Date.now();
    void child.exited.then(async (code) => {
      if (this.stopping) return;
      if (Date.now() - startedAt > stableAfterMs) this.failures = 0;
      const delayMs = Math.min(firstDelayMs * 2 ** this.failures, longestDelayMs);
      this.failures += 1;
      const how = code === null ? `signal ${child.process.signalCode ?? 'unknown'}` : `code ${code}`;
      console.error(`${this.name} exited unexpectedly (${how}); starting it again in ${delayMs / 1000} s`);
      const left = await stopLeftovers(child);
      if (left.length > 0) console.error(`${this.name} left ${left.length} process(es) of its own running (pid ${left.join(', ')}); stopped them`);
      await sleep(delayMs);
      if (this.stopping) return;
      this.current = this.launch();
      console.error(`${this.name} started again (pid ${this.current.process.pid})`);
      this.watch();
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await stopChild(this.current);
  }
}
