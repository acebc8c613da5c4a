// Which database errors mean "not now" rather than "not this": the database is unreachable, has
// closed the connection, has no connection free, or did not answer in time. A retry may cure these,
// so the API answers 503 with Retry-After, never 500.

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

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as Inspectable;
  if (typeof e.code === 'string' && (unavailablePrismaCodes.has(e.code) || unavailableStates.some((state) => state.test(e.code as string)))) return true;
  if (typeof e.originalCode === 'string' && unavailableStates.some((state) => state.test(e.originalCode as string))) return true;
  if (typeof e.kind === 'string' && unavailableKinds.has(e.kind)) return true;
  if (typeof e.message === 'string' && unavailableMessages.test(e.message)) return true;
  return isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}
