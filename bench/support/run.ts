// A benchmark as a process: how it reports progress and the machine, and how it ends, cleaning up
// what it started whether it finished, failed or was stopped.
import os from 'node:os';
import { cleanUp } from './cleanup';

export const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The machine the figures were measured on, for the report's first line. */
export const machine = () => `${os.cpus().length} CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node.js ${process.version}`;

/** Runs a benchmark's main, then cleans up and exits: 0 when it finished, 1 when it failed, 130/143 when stopped. */
export function runBench(main: () => Promise<void>): void {
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));
  process.once('SIGTERM', () => void cleanUp().then(() => process.exit(143)));
  main().then(
    async () => {
      await cleanUp();
      process.exit(0);
    },
    async (error: unknown) => {
      console.error(error);
      await cleanUp();
      process.exit(1);
    },
  );
}
