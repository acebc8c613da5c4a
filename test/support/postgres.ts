import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { databaseAnswers, startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres';

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
