// The Idempotency-Key records (api/http/idempotency.ts). Straight through pg, as every statement
// here: a keyed step asks three times.
import type { Database } from '../platform/database';
import type { Row } from './row-types';

export type KeyRecord = Pick<Row<'IdempotencyRecord'>, 'operation' | 'requestHash' | 'status' | 'resourceId' | 'responseStatus' | 'responseBody'>;

const recordColumns = 'operation, "requestHash", status, "resourceId", "responseStatus", "responseBody"';

/** Claims the key for this request with a reserved id, or answers undefined when it is taken. */
export async function claimKey(db: Database, request: { callerId: string; key: string; operation: string; hash: string }, reservedId: string): Promise<KeyRecord | undefined> {
  const { rows } = await db.pool.query<KeyRecord>({
    name: 'idempotency-claim',
    text: `INSERT INTO "IdempotencyRecord" ("callerId", key, operation, "requestHash", status, "resourceId")
      VALUES ($1, $2, $3, $4, 'PENDING', $5)
      ON CONFLICT ("callerId", key) DO NOTHING
      RETURNING ${recordColumns}`,
    values: [request.callerId, request.key, request.operation, request.hash, reservedId],
  });
  return rows[0];
}

export async function findKey(db: Database, request: { callerId: string; key: string }): Promise<KeyRecord> {
  const { rows } = await db.pool.query<KeyRecord>({
    name: 'idempotency-find',
    text: `SELECT ${recordColumns} FROM "IdempotencyRecord" WHERE "callerId" = $1 AND key = $2`,
    values: [request.callerId, request.key],
  });
  // Pruned while a request held it: only after days, and then the key is as good as new.
  if (!rows[0]) throw new Error('The Idempotency-Key record is gone');
  return rows[0];
}

/** Stores a final answer, once: a key already DONE keeps the answer it has. */
export async function storeAnswer(db: Database, request: { callerId: string; key: string }, status: number, response: { body: unknown; headers: Record<string, string> }): Promise<void> {
  await db.pool.query({
    name: 'idempotency-store',
    text: `UPDATE "IdempotencyRecord" SET status = 'DONE', "responseStatus" = $3, "responseBody" = $4::jsonb, "updatedAt" = now()
      WHERE "callerId" = $1 AND key = $2 AND status = 'PENDING'`,
    values: [request.callerId, request.key, status, JSON.stringify(response)],
  });
}
