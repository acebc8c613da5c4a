// Time from `npm start` to ready, cold (a fresh clone: packages, Temporal binaries, Prisma client,
// migrations, first workflow bundle) and warm (the same clone again), and the resident memory of
// the whole process tree at rest. The baseline, timed in the same run, is a bare Node.js start, so
// that the ratios stay comparable on a shared, noisy machine.
//
//   npm run bench:startup            (clones the committed HEAD of this repository)
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processTree } from '../test/support/process-tree';

const repo = path.resolve(__dirname, '..');
// Ports of its own, so that the benchmark runs beside a developer's `npm start`.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: '3100',
  EMBEDDED_POSTGRES_PORT: '54339',
  EMBEDDED_TEMPORAL_PORT: '7333',
  EMBEDDED_TEMPORAL_UI_PORT: '8333',
  EMBEDDED_SMTP_PORT: '1125',
  EMBEDDED_INBOX_PORT: '1180',
};
for (const key of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL', 'PUBLIC_BASE_URL']) delete env[key];

function timeStart(dir: string): Promise<{ seconds: number; child: ChildProcess }> {
  const started = process.hrtime.bigint();
  const child = spawn('npm', ['start'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after 15 minutes:\n${output.slice(-3000)}`)), 15 * 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('IOP Lifecycle is running')) {
        clearTimeout(timer);
        resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, child });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output.slice(-3000)}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  child.removeAllListeners('exit');
  // npm exits before the supervisor has stopped its children: wait for every process of the tree.
  const pids = processTree(child.pid!).map((p) => p.pid);
  process.kill(-child.pid!, 'SIGTERM');
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 300 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 200));
}

function baselineSeconds(): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < 5; i++) execFileSync(process.execPath, ['-e', '0']);
  return Number(process.hrtime.bigint() - started) / 1e9 / 5;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'iop-bench-'));
  // As root, the embedded PostgreSQL runs as the `postgres` user, which must reach its data directory.
  chmodSync(dir, 0o755);
  try {
    execFileSync('git', ['clone', '--quiet', repo, dir]);
    const baseline = baselineSeconds();

    const cold = await timeStart(dir);
    await stop(cold.child);
    const warm = await timeStart(dir);
    await new Promise((r) => setTimeout(r, 15_000)); // at rest: bundles built, pools settled
    const tree = processTree(warm.child.pid!);
    await stop(warm.child);

    const rssMb = tree.reduce((sum, p) => sum + p.rssKb, 0) / 1024;
    const byPart = (pattern: RegExp) => tree.filter((p) => pattern.test(p.command)).reduce((s, p) => s + p.rssKb, 0) / 1024;
    const report = {
      baselineNodeStartSeconds: +baseline.toFixed(3),
      coldStartSeconds: +cold.seconds.toFixed(1),
      warmStartSeconds: +warm.seconds.toFixed(1),
      coldOverBaseline: Math.round(cold.seconds / baseline),
      warmOverBaseline: Math.round(warm.seconds / baseline),
      warmOverCold: +(warm.seconds / cold.seconds).toFixed(2),
      restingRssMb: Math.round(rssMb),
      restingRssMbByPart: {
        api: Math.round(byPart(/api\/main\.ts/)),
        worker: Math.round(byPart(/worker\/main\.ts/)),
        temporal: Math.round(byPart(/temporal server start-dev/)),
        // The wrapper script, the server (native/bin/postgres) and its backends ("postgres: …").
        postgres: Math.round(byPart(/embedded-postgres\.ts|native\/bin\/postgres|^postgres: /)),
        inbox: Math.round(byPart(/maildev/)),
        supervisor: Math.round(byPart(/start\.ts|npm start|setup\.mjs/)),
      },
      processes: tree.length,
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 500 });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
