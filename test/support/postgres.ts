import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { databaseAnswers, startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres';

const projectRoot = path.resolve(__dirname, '..', '..');

export interface TestPostgres {
  /** A database of this run's own. */
  databaseUrl: string;
  drop(): Promise<void>;
}

// TEST_PG_SERVER: the server tried when DATABASE_URL is unset, the machine's own by default. Pointed
// at a closed port (postgresql://postgres@127.0.0.1:9/postgres) it makes a run use the embedded
// fallback on a machine that has a server.
const localServer = process.env.TEST_PG_SERVER || 'postgresql://postgres@127.0.0.1:5432/postgres';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A fresh database for this run: on the server at DATABASE_URL, else the machine's own at
 * 127.0.0.1:5432 (TEST_PG_SERVER), else an embedded PostgreSQL in a temporary directory (which is
 * then the run's own by construction).
 */
export async function createTestDatabase(): Promise<TestPostgres> {
  const server = process.env.DATABASE_URL || ((await databaseAnswers(localServer)) ? localServer : undefined);
  if (!server) return startEmbedded();

  const admin = new Client({ connectionString: server });
  await admin.connect();
  // Runs that died before their teardown leave databases behind; clear those older than a day.
  const stale = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname ~ '^iop_test_[0-9]+_' AND
       to_timestamp(split_part(datname, '_', 3)::bigint / 1000) < now() - interval '1 day'`,
  );
  for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  const name = `iop_test_${Date.now()}_${process.pid}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();

  return {
    databaseUrl: withDatabase(server, name),
    async drop() {
      const client = new Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Brings a database to the schema of this checkout, as every start does (`prisma migrate deploy`). */
export function migrateDatabase(databaseUrl: string): void {
  const migrate = spawnSync(path.join(projectRoot, 'node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  if (migrate.status !== 0) throw new Error(`prisma migrate deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);
}

/**
 * The folder of a pg_dump and pg_restore that can read the server at databaseUrl: of its major
 * version or newer (an older pg_dump refuses a newer server). The one on the PATH, else Debian's
 * other installed versions (/usr/lib/postgresql/<major>/bin). Undefined when there is none, as with
 * the embedded server, whose package ships no client tools.
 */
export async function postgresClientBin(databaseUrl: string): Promise<string | undefined> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const serverMajor = Math.floor(Number((await client.query<{ server_version_num: string }>('SHOW server_version_num')).rows[0]!.server_version_num) / 10_000);
  await client.end();
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir && existsSync(path.join(dir, 'pg_dump')));
  const debian = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').map((major) => path.join('/usr/lib/postgresql', major, 'bin')) : [];
  return [...onPath, ...debian].find((dir) => {
    if (!existsSync(path.join(dir, 'pg_restore'))) return false;
    const version = /\b(\d+)(?:\.\d+)?/.exec(execFileSync(path.join(dir, 'pg_dump'), ['--version'], { encoding: 'utf8' }));
    return Number(version?.[1]) >= serverMajor;
  });
}

/** A port nothing listens on now; the server takes it a moment later. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startEmbedded(): Promise<TestPostgres> {
  const databaseDir = mkdtempSync(path.join(os.tmpdir(), 'iop-test-postgres-'));
  try {
    // Not persistent: stopping the server removes its directory, on teardown and on Ctrl-C alike.
    const server = await startEmbeddedPostgres({ databaseDir, port: await freePort(), database: 'iop_test', persistent: false });
    return {
      databaseUrl: server.databaseUrl,
      async drop() {
        await server.stop();
        rmSync(databaseDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(databaseDir, { recursive: true, force: true });
    throw error;
  }
}
