// Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): a request sent again, or sent many
// times at once, with the same key has one effect and gets the same answer. The record lives in
// PostgreSQL, so it holds across API processes, restarts and the workflow's continue-as-new.
import { createHash, randomUUID } from 'node:crypto';
import type { Database } from '../../platform/database';
import { DatabaseUnavailable } from '../../platform/database-errors';
import { claimKey, findKey, storeAnswer, type KeyRecord } from '../../records/idempotency-store';
import { ProblemError, problems, type FieldError } from './problem';

export interface IdempotentAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Printable ASCII, as a structured-field string allows, and short enough to index. */
const keyPattern = /^[\x20-\x7e]{1,200}$/;

/** How long a second request waits for the first to finish before it completes the work itself. */
const waitForFirstMs = 3_000;

export function checkIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!keyPattern.test(key)) {
    const error: FieldError = { in: 'header', field: 'Idempotency-Key', pointer: '#/Idempotency-Key', detail: 'Must be 1 to 200 printable ASCII characters' };
    throw problems.validation([error]);
  }
  return key;
}

export function requestHash(operation: string, params: unknown, body: unknown): string {
  return createHash('sha256').update(JSON.stringify([operation, params ?? null, body ?? null])).digest('hex');
}

export interface KeyedRequest {
  callerId: string;
  key: string;
  operation: string;
  hash: string;
}

/**
 * Runs `work` at most once in effect per (caller, key): `work` is given an id reserved for this key
 * (a registration's partnership id, a step's Update id) and must be safe to run again with it, since
 * a request that finds the first one interrupted completes it. A final answer (a success or a 4xx)
 * is stored and replayed; an answer still open (202) or a failure of ours (5xx) is not, so a retry
 * with the same key carries the work on.
 */
export async function once(db: Database, request: KeyedRequest, work: (reservedId: string) => Promise<IdempotentAnswer>): Promise<IdempotentAnswer> {
  const claimed = await claimKey(db, request, randomUUID());
  const fresh = claimed !== undefined;
  let record = claimed ?? (await findKey(db, request));
  if (record.operation !== request.operation || record.requestHash !== request.hash) {
    throw new ProblemError(422, 'idempotency-key-reused', 'Idempotency-Key already used', 'This Idempotency-Key was sent before with another request', undefined, 'IDEMPOTENCY_KEY_REUSED');
  }
  if (!fresh && record.status === 'PENDING') {
    // Most often the first request is still running: wait for its answer rather than race it.
    for (let waited = 0; waited < waitForFirstMs && record.status === 'PENDING'; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      record = await findKey(db, request);
    }
  }
  if (record.status === 'DONE') return replay(record);

  let answer: IdempotentAnswer;
  try {
    answer = await work(record.resourceId);
  } catch (error) {
    if (error instanceof ProblemError && error.status < 500) await storeAnswer(db, request, error.status, { body: problemBody(error), headers: {} });
    throw error;
  }
  if (answer.status !== 202) {
    // The work is done: a record that cannot be written now leaves the key PENDING, and a retry
    // with it repeats the work under the same reserved id, which is safe; the answer stands.
    await storeAnswer(db, request, answer.status, { body: answer.body ?? null, headers: answer.headers ?? {} }).catch((error: unknown) => {
      if (!(error instanceof DatabaseUnavailable)) throw error;
    });
  }
  return answer;
}

interface StoredProblem {
  slug: string;
  title: string;
  detail?: string;
  errors?: FieldError[];
  reason?: string;
  headers?: Record<string, string>;
}

const problemBody = (error: ProblemError): StoredProblem => ({
  slug: error.slug,
  title: error.title,
  ...(error.detail ? { detail: error.detail } : {}),
  ...(error.errors ? { errors: error.errors } : {}),
  ...(error.reason ? { reason: error.reason } : {}),
  ...(error.headers ? { headers: error.headers } : {}),
});

function replay(record: Pick<KeyRecord, 'responseStatus' | 'responseBody'>): IdempotentAnswer {
  const status = record.responseStatus ?? 500;
  const stored = (record.responseBody ?? {}) as { body?: unknown; headers?: Record<string, string> };
  if (status >= 400) {
    const p = stored.body as StoredProblem;
    // A refusal replayed says so too: the caller can tell it from a refusal of its retry.
    throw new ProblemError(status, p.slug, p.title, p.detail, p.errors, p.reason, { ...p.headers, 'Idempotent-Replayed': 'true' });
  }
  return { status, body: stored.body ?? undefined, headers: { ...stored.headers, 'Idempotent-Replayed': 'true' } };
}
