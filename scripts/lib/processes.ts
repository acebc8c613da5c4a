import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { dataDir, projectRoot } from './defaults';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * Starts a child in its own process group, so that Ctrl-C reaches only the supervisor, which then
 * stops the children in order (the worker drains before Temporal goes away). The group is also how
 * the supervisor finds what a child started and left behind (stopLeftovers). With `ipc`, the child
 * can say when it is ready (process.send).
 */
export function startChild(
  name: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; logToFile?: boolean; ipc?: boolean } = {},
): Child {
  const ipc = options.ipc ? (['ipc'] as const) : [];
  const spawnOptions = { cwd: projectRoot, env: options.env ?? process.env, detached: true };
  if (options.logToFile) {
    mkdirSync(path.join(dataDir, 'logs'), { recursive: true });
    const file = createWriteStream(path.join(dataDir, 'logs', `${name}.log`), { flags: 'a' });
    const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe', ...ipc] });
    // Two sources, one file: neither may end it while the other still writes.
    child.stdout?.pipe(file, { end: false });
    child.stderr?.pipe(file, { end: false });
    child.once('close', () => file.end());
    return wrap(name, child);
  }
  return wrap(name, spawn(command, args, { ...spawnOptions, stdio: ['inherit', 'inherit', 'inherit', ...ipc] }));
}

function wrap(name: string, child: ChildProcess): Child {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.once('error', (error) => console.error(`${name}: ${error.message}`));
  return { name, process: child, exited };
}

/** Stops a child (SIGTERM, SIGKILL after graceMs), then whatever it leaves running in its process group. */
export async function stopChild(child: Child, graceMs = 35_000): Promise<void> {
  if (child.process.exitCode === null && child.process.signalCode === null) {
    child.process.kill('SIGTERM');
    const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
    await child.exited;
    clearTimeout(timer);
  }
  await stopLeftovers(child);
}

/**
 * The processes still running in a child's process group after the child itself has ended: a child
 * that is killed (kill -9) cannot stop what it started, such as the embedded PostgreSQL's postmaster
 * (whose own children PostgreSQL stops). They get SIGINT, what Ctrl-C gives a foreground group and a
 * postmaster's fast shutdown (SIGTERM would wait for every client to leave), and SIGKILL after
 * graceMs. Returns the pids found, for the supervisor to say.
 */
export async function stopLeftovers(child: Child, graceMs = 30_000): Promise<number[]> {
  const group = child.process.pid;
  if (group === undefined) return [];
  const left = await groupMembers(group);
  if (left.length === 0) return [];
  signalGroup(group, 'SIGINT');
  const deadline = Date.now() + graceMs;
  let killed = false;
  while ((await groupMembers(group)).length > 0) {
    if (!killed && Date.now() > deadline) {
      signalGroup(group, 'SIGKILL');
      killed = true;
    } else if (killed && Date.now() > deadline + 5_000) {
      break;
    }
    await sleep(200);
  }
  return left;
}

/**
 * The live processes of a process group, from `ps` (Linux and macOS alike). A zombie has ended: it
 * waits only for whoever adopted it to collect its status, which may be late in a container.
 */
async function groupMembers(group: number): Promise<number[]> {
  const { stdout } = await promisify(execFile)('ps', ['-e', '-o', 'pid=,pgid=,stat=']);
  return stdout
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, pgid, stat]) => Number(pgid) === group && !stat?.startsWith('Z'))
    .map(([pid]) => Number(pid));
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-group, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error; // the group ended meanwhile
  }
}

export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} exited with ${code}`))));
  });
}
