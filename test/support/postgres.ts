import { Client } from 'pg';

export interface TestPostgres {
  /** A database of this run's own. */
  databaseUrl: string;
  drop(): Promise<void>;
}

const localServer = 'postgresql://postgres@127.0.0.1:5432/postgres';

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A fresh database for this run: on the server at DATABASE_URL, else the machine's own at
 * 127.0.0.1:5432, else an embedded PGlite in memory (which is then the run's own by construction).
 */
export async function createTestDatabase(): Promise<TestPostgres> {
  const server = process.env.DATABASE_URL || ((await answers(localServer)) ? localServer : undefined);
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

async function startEmbedded(): Promise<TestPostgres> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create();
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 20 });
  await server.start();
  const address = server.getServerConn();
  return {
    databaseUrl: `postgresql://postgres:postgres@${address}/postgres?sslmode=disable`,
    async drop() {
      await server.stop();
      await db.close();
    },
  };
}
