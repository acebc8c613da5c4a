import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PrismaClient } from '../prisma/generated/client';

/**
 * Prisma for most reads and writes, and its pg pool, shared, for the statements taken on every step
 * (the recording, the record's read): Prisma compiles each query it builds, and on these machines
 * each round trip to PostgreSQL costs more than the statement itself.
 */
export type Database = PrismaClient & { readonly pool: Pool };
export { Prisma } from '../prisma/generated/client';
export type { Role } from '../prisma/generated/enums';

export interface DatabaseOptions {
  maxConnections?: number;
  /** How long a query may wait for a free connection, or for a new one to open (5 s). */
  connectTimeoutMs?: number;
  /** How long one statement may run (15 s): the server cancels it; a server that hangs is given up on 1 s later. */
  statementTimeoutMs?: number;
}

/**
 * A Prisma client over the pg driver adapter: no native query engine is needed. Every wait is
 * bounded, so that a database that is down, overloaded or hung answers a request with 503 within a
 * stated time rather than holding it open (api/http/problem.ts).
 */
export function createDatabase(databaseUrl: string, options: DatabaseOptions = {}): Database {
  const statementTimeoutMs = options.statementTimeoutMs ?? 15_000;
  const pool = new Pool({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    statement_timeout: statementTimeoutMs,
    // Client-side: a server that stopped answering cannot cancel anything itself.
    query_timeout: statementTimeoutMs + 1_000,
    // A transaction left open by a dead client would hold its locks until the connection dies.
    idle_in_transaction_session_timeout: statementTimeoutMs * 2,
  });
  // An idle connection that the server drops is an error event on the pool: without a listener it would end the process.
  pool.on('error', () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const disconnect = prisma.$disconnect.bind(prisma);
  let ended: Promise<void> | undefined;
  return Object.assign(prisma, {
    pool,
    // Prisma leaves a pool it was handed open.
    $disconnect: async () => {
      await disconnect();
      ended ??= pool.end();
      await ended;
    },
  });
}
