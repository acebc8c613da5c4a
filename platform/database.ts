import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, type PoolClient, type QueryConfig, type QueryResult, type QueryResultRow } from 'pg';
import { PrismaClient } from '../prisma/generated/client';
import { databaseError } from './database-errors';

/**
 * The pg pool as records/ uses it, for the statements taken on every step (the recording, the
 * record's read): Prisma compiles each query it builds, and on these machines each round trip to
 * PostgreSQL costs more than the statement itself. Its failures arrive in platform/database-errors.ts's words.
 */
export interface RecordsPool {
  query<R extends QueryResultRow = QueryResultRow>(statement: QueryConfig | string, values?: unknown[]): Promise<QueryResult<R>>;
  /** One connection for a transaction; released with the error that broke it, if one did. */
  connect(): Promise<Pick<PoolClient, 'query' | 'release'>>;
}

export interface PoolStatistics {
  total: number;
  idle: number;
  /** Queries waiting for a connection. */
  waiting: number;
}

/** Prisma for most reads and writes, and its pg pool, shared, for records/. */
export type Database = PrismaClient & {
  readonly pool: RecordsPool;
  /** What the pool holds now, for the metrics. */
  poolStatistics(): PoolStatistics;
};
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
  // Every operation of Prisma's, a raw one and a transaction's included, fails in one vocabulary. The
  // models' through an extension; the raw queries (records/, on every list and feed page) straight
  // from the client, as the extension's hook costs a read of the feed a tenth of its time.
  const translated = prisma.$extends({
    query: {
      $allModels: {
        async $allOperations({ args, query }) {
          try {
            return await query(args);
          } catch (error) {
            throw databaseError(error);
          }
        },
      },
    },
  }) as unknown as PrismaClient;
  const transaction = translated.$transaction.bind(translated) as (...args: unknown[]) => Promise<unknown>;
  const translating =
    <A extends unknown[], R>(run: (...args: A) => PromiseLike<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await run(...args);
      } catch (error) {
        throw databaseError(error);
      }
    };
  return Object.assign(translated, {
    pool: recordsPool(pool),
    poolStatistics: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    $queryRaw: translating(prisma.$queryRaw.bind(prisma)) as PrismaClient['$queryRaw'],
    $executeRaw: translating(prisma.$executeRaw.bind(prisma)) as PrismaClient['$executeRaw'],
    // Beginning and committing an interactive transaction are no operation of the hook's.
    $transaction: (async (...args: unknown[]) => {
      try {
        return await transaction(...args);
      } catch (error) {
        throw databaseError(error);
      }
    }) as PrismaClient['$transaction'],
    // Prisma leaves a pool it was handed open.
    $disconnect: async () => {
      await disconnect();
      ended ??= pool.end();
      await ended;
    },
  });
}

function recordsPool(pool: Pool): RecordsPool {
  const translate = (error: unknown) => {
    throw databaseError(error);
  };
  return {
    query: <R extends QueryResultRow>(statement: QueryConfig | string, values?: unknown[]) => pool.query<R>(statement, values).catch(translate),
    async connect() {
      const client = await pool.connect().catch(translate);
      return {
        query: ((statement: QueryConfig | string, values?: unknown[]) => client.query(statement, values).catch(translate)) as PoolClient['query'],
        release: (error?: Error | boolean) => client.release(error),
      };
    },
  };
}
