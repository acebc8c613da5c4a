import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { dataDir, projectRoot } from './defaults';

export interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * Starts a child in its own process group, so that Ctrl-C reaches only the supervisor, which then
 * stops the children in order (the worker drains before Temporal goes away).
 */
export function startChild(
  name: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; logToFile?: boolean } = {},
): Child {
  let stdio: 'inherit' | ['ignore', number, number] = 'inherit';
  if (options.logToFile) {
    mkdirSync(path.join(dataDir, 'logs'), { recursive: true });
    const file = createWriteStream(path.join(dataDir, 'logs', `${name}.log`), { flags: 'a' });
    stdio = ['ignore', 'pipe', 'pipe'] as unknown as ['ignore', number, number];
    const child = spawn(command, args, { cwd: projectRoot, env: options.env ?? process.env, detached: true, stdio });
    // Two sources, one file: neither may end it while the other still writes.
    child.stdout?.pipe(file, { end: false });
    child.stderr?.pipe(file, { end: false });
    child.once('close', () => file.end());
    return wrap(name, child);
  }
  return wrap(name, spawn(command, args, { cwd: projectRoot, env: options.env ?? process.env, detached: true, stdio }));
}

function wrap(name: string, child: ChildProcess): Child {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.once('error', (error) => console.error(`${name}: ${error.message}`));
  return { name, process: child, exited };
}

export async function stopChild(child: Child, graceMs = 35_000): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
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
