import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../prisma/generated/client';

export type Database = PrismaClient;
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
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    statement_timeout: statementTimeoutMs,
    // Client-side: a server that stopped answering cannot cancel anything itself.
    query_timeout: statementTimeoutMs + 1_000,
    // A transaction left open by a dead client would hold its locks until the connection dies.
    idle_in_transaction_session_timeout: statementTimeoutMs * 2,
  });
  return new PrismaClient({ adapter });
}
