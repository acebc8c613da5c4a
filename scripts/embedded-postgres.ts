// The PostgreSQL of `npm start` (scripts/start.ts runs it as a child and stops it with SIGTERM): the
// real server, its data in .data/postgres so that it survives restarts. Run with an IPC channel, it
// sends 'ready' once its own server answers with the database, so that its parent never takes a
// server left running from an earlier start (which this one stops first) for it.
//   EMBEDDED_POSTGRES_DIR   the data directory (default .data/postgres)
//   EMBEDDED_POSTGRES_PORT  the port on 127.0.0.1 (default 54329, scripts/lib/defaults.ts)
import path from 'node:path';
import { dataDir, embedded, embeddedDatabaseName } from './lib/defaults';
import { startEmbeddedPostgres, type RunningPostgres } from './lib/embedded-postgres';

const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let server: RunningPostgres | undefined;
let stopping = false;

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await server?.stop();
  process.exit(code);
}

function onSignal(): void {
  // A signal during start-up waits for main(), which sees `stopping` and stops what it started.
  if (server) void stop(0);
  else stopping = true;
}

async function main(): Promise<void> {
  const databaseDir = process.env.EMBEDDED_POSTGRES_DIR ?? path.join(dataDir, 'postgres');
  for (const signal of signals) process.on(signal, onSignal);
  // Reached only when nothing is left to wait for, that is when the server went away by itself.
  process.on('beforeExit', () => {
    if (stopping) return;
    console.error('embedded PostgreSQL exited by itself');
    process.exit(1);
  });

  const started = await startEmbeddedPostgres({
    databaseDir,
    port: embedded.postgresPort,
    database: embeddedDatabaseName,
    onLog: (message) => process.stdout.write(message.endsWith('\n') ? message : `${message}\n`),
  });
  // embedded-postgres hooks these signals too (async-exit-hook), and exits 10 s later whether or not
  // the server has finished its shutdown checkpoint. This process exits only once the server has,
  // so that whoever waits for it (scripts/start.ts) knows the data is on disk and the port is free.
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) if (listener !== onSignal) process.removeListener(signal, listener);
  }
  server = started;
  if (stopping) {
    stopping = false;
    await stop(0);
    return;
  }
  console.log(`embedded PostgreSQL on 127.0.0.1:${embedded.postgresPort}, database ${embeddedDatabaseName}, data in ${databaseDir}`);
  // The channel would keep this process alive after its server went away (see beforeExit).
  process.send?.('ready', () => process.disconnect?.());
}

main().catch((error: unknown) => {
  console.error('embedded PostgreSQL failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
