import { spawn, type ChildProcess } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { temporalCliPath } from '../../platform/temporal-binaries';
import { freePort } from './postgres';

export interface DevServer {
  address: string;
  /** Stops the server and waits until it has exited: only then is its file whole, to be copied. */
  stop(): Promise<void>;
}

/**
 * A Temporal dev server of a test's own, its state in dbFilename (as `npm start` keeps
 * .data/temporal/dev-server.sqlite): the run's shared server cannot be stopped, copied and started
 * again on the copy. Started on a file that exists, it carries on with the histories in it.
 */
export async function startDevServer(dbFilename: string, timeoutMs = 60_000): Promise<DevServer> {
  const cli = temporalCliPath();
  if (!cli) throw new Error('No Temporal CLI: `node scripts/setup.mjs` installs it into .tools/temporal, or set TEMPORAL_CLI_PATH');
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const child = spawn(cli, ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--headless', '--db-filename', dbFilename, '--log-level', 'error'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: DevServer = { address, stop: () => stopChild(child, exited) };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the Temporal dev server on ${dbFilename} exited:\n${output}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        // The namespace answers once the server has loaded what the file holds.
        await connection.workflowService.describeNamespace({ namespace: 'default' });
        return server;
      } finally {
        await connection.close();
      }
    } catch (error) {
      if (Date.now() > deadline) {
        await server.stop();
        throw new Error(`the Temporal dev server on ${dbFilename} did not answer in ${timeoutMs} ms:\n${output}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // SIGTERM lets the server close its file; SIGKILL only if it hangs, so that no test leaves it behind.
  child.kill('SIGTERM');
  const killed = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(killed);
}
