// The cost of keeping every partnership's deadlines as durable timers, in three benchmarks run one
// after the other, each in a process of its own and with its own figures and JSON line:
//   1. history events and bytes per partnership-year (bench/history.ts, about 1 minute);
//   2. the worker's memory with 10,000 partnerships asleep (bench/memory.ts, about 10 minutes);
//   3. how late reminders go out when 1,000 fall due in one minute (bench/lateness.ts, about 15).
//
//   npm run bench:timers                                                           (about 30 minutes)
//   BENCH_PARTNERSHIPS=500 BENCH_DUE=50 BENCH_LATENESS_ROUNDS=1 BENCH_PARTS=2,3 npm run bench:timers (a quick try)
//
// BENCH_PARTS (1,2,3) picks the benchmarks, by number or by name (history, memory, lateness); every
// other setting goes through to them (see each file's header). Each makes its own database and
// workflow bundle, where the combined file made them once.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const benchmarks = ['history', 'memory', 'lateness'];
const tsx = path.resolve(__dirname, '..', 'node_modules', '.bin', 'tsx');

function part(name: string): string {
  const benchmark = benchmarks[Number(name) - 1] ?? name;
  if (!benchmarks.includes(benchmark)) throw new Error(`BENCH_PARTS: no benchmark ${name}; there are ${benchmarks.map((b, i) => `${i + 1} (${b})`).join(', ')}`);
  return benchmark;
}

let running: ChildProcess | undefined;

/** Runs one benchmark to its end; answers its exit code. */
function run(benchmark: string): Promise<number> {
  const child = (running = spawn(tsx, [path.join(__dirname, `${benchmark}.ts`)], { stdio: 'inherit' }));
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

async function main(): Promise<void> {
  const parts = (process.env.BENCH_PARTS ?? '1,2,3').split(',').map((p) => part(p.trim()));
  // Ctrl-C reaches the running benchmark too (the terminal signals the whole group); a SIGTERM is
  // passed on. Either way it cleans up and ends, and then so does this, running no more.
  let stopped = false;
  process.on('SIGINT', () => (stopped = true));
  process.on('SIGTERM', () => {
    stopped = true;
    running?.kill('SIGTERM');
  });
  for (const benchmark of parts) {
    const code = await run(benchmark);
    if (code !== 0 || stopped) process.exit(code || 130);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
