// Temporal admits a bounded number of Updates in flight per workflow (the server's
// history.maxInFlightUpdates, 10 by default) and refuses the next with RESOURCE_EXHAUSTED. A
// partnership takes its steps one at a time anyway, so this process sends at most a few of one
// partnership's steps at once, and the rest wait their turn, first come first served, within the
// caller's answer deadline.

/** Steps of one partnership in flight from this process at once: below the server's 10, leaving room for another API process. */
export const stepsInFlightPerPartnership = 5;

export class GateClosed extends Error {
  constructor() {
    super('The step waited for its turn past its deadline');
    this.name = 'GateClosed';
  }
}

interface Waiter {
  admit: () => void;
}

export class StepGate {
  private readonly lines = new Map<string, { running: number; waiting: Waiter[] }>();

  constructor(private readonly limit = stepsInFlightPerPartnership) {}

  /** Runs `work` once fewer than `limit` of the key's calls run; throws GateClosed if that is not before `deadline`. */
  async run<T>(key: string, deadline: number, work: () => Promise<T>): Promise<T> {
    const line = this.lines.get(key) ?? { running: 0, waiting: [] };
    this.lines.set(key, line);
    // A finishing call hands its place straight to the next in line, so nobody overtakes the line.
    if (line.running >= this.limit) await this.wait(line, deadline, key);
    else line.running += 1;
    try {
      return await work();
    } finally {
      const next = line.waiting.shift();
      if (next) next.admit();
      else if (--line.running === 0) this.lines.delete(key);
    }
  }

  private wait(line: { running: number; waiting: Waiter[] }, deadline: number, key: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        line.waiting.splice(line.waiting.indexOf(waiter), 1);
        if (line.running === 0 && line.waiting.length === 0) this.lines.delete(key);
        reject(new GateClosed());
      }, Math.max(0, deadline - Date.now()));
      line.waiting.push(waiter);
    });
  }
}
