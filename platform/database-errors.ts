// The one vocabulary in which the database's failures reach the rest of the product. The pg driver,
// Prisma and its driver adapter each name failures their own way (SQLSTATEs, P-codes, adapter kinds,
// pg's own words); platform/database.ts puts every error of either client through `databaseError`,
// so that the API and the activities know only DatabaseUnavailable and DuplicateRecord.

/**
 * "Not now" rather than "not this": the database is unreachable, has closed the connection, has no
 * connection free, or did not answer in time. A retry may cure it, so the API answers 503 with
 * Retry-After, never 500.
 */
export class DatabaseUnavailable extends Error {
  constructor(cause: unknown) {
    super('The database cannot be reached or did not answer in time', { cause });
    this.name = 'DatabaseUnavailable';
  }
}

/** A row with this key is recorded already (a unique constraint): what a retry of a write meets. */
export class DuplicateRecord extends Error {
  constructor(cause: unknown) {
    super('A record with this key exists already', { cause });
    this.name = 'DuplicateRecord';
  }
}

/** The same failure, in this vocabulary where it has a word in it; any other error as it is. */
export function databaseError(error: unknown): unknown {
  if (error instanceof DatabaseUnavailable || error instanceof DuplicateRecord) return error;
  if (isDatabaseUnavailable(error)) return new DatabaseUnavailable(error);
  if (isUniqueViolation(error)) return new DuplicateRecord(error);
  return error;
}

/** pg's SQLSTATE for a unique violation, and Prisma's code for it. */
const isUniqueViolation = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'P2002';
};

/** SQLSTATE classes and codes that say the server, not the request, is the trouble. */
const unavailableStates = [/^08/, /^57P0[123]$/, /^53300$/, /^57014$/];
/** Prisma's own codes for the same: cannot reach, timed out, closed, pool timeout. */
const unavailablePrismaCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** What the pg driver adapter names them (DriverAdapterError's cause.kind). */
const unavailableKinds = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TransactionAlreadyClosed']);
/** pg's own words, where no code is given: the pool's and the client's timeouts, a dropped socket. */
const unavailableMessages = /timeout exceeded when trying to connect|Query read timeout|Connection terminated|ECONNREFUSED|ECONNRESET|Can't reach database server/i;

interface Inspectable {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
}

function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (error instanceof DatabaseUnavailable) return true;
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as Inspectable;
  if (typeof e.code === 'string' && (unavailablePrismaCodes.has(e.code) || unavailableStates.some((state) => state.test(e.code as string)))) return true;
  if (typeof e.originalCode === 'string' && unavailableStates.some((state) => state.test(e.originalCode as string))) return true;
  if (typeof e.kind === 'string' && unavailableKinds.has(e.kind)) return true;
  if (typeof e.message === 'string' && unavailableMessages.test(e.message)) return true;
  return isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}
