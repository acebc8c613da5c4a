// The outbound e-mail's row: written before each attempt, so that every attempt, failed or not, is on
// record, and keyed on the message's business identity, so that none is sent twice. Straight
// through pg, as every statement here: a batch of notices falls due together.
import { randomUUID } from 'node:crypto';
import type { Database } from '../platform/database';
import type { Row } from './row-types';

/**
 * One statement: the row is made, or found; an attempt is counted only when one will be made (the
 * row is still PENDING).
 */
export async function claimOutboundEmail(
  db: Database,
  email: { idempotencyKey: string; partnershipId: string; kind: string; to: string; dueOn?: string },
): Promise<Pick<Row<'OutboundEmail'>, 'id' | 'status' | 'messageId'> | undefined> {
  const { rows } = await db.pool.query<Pick<Row<'OutboundEmail'>, 'id' | 'status' | 'messageId'>>({
    name: 'outbound-email',
    text: `INSERT INTO "OutboundEmail" (id, "idempotencyKey", "partnershipId", kind, recipient, "dueOn", status, attempts)
      VALUES ($1::uuid, $2, $3::uuid, $4, $5, $6, 'PENDING', 1)
      ON CONFLICT ("idempotencyKey") DO UPDATE
        SET attempts = "OutboundEmail".attempts + CASE WHEN "OutboundEmail".status = 'PENDING' THEN 1 ELSE 0 END
      RETURNING id, status, "messageId"`,
    values: [randomUUID(), email.idempotencyKey, email.partnershipId, email.kind, email.to, email.dueOn ?? null],
  });
  return rows[0];
}

/** Notes an attempt's error; a refusal for good marks the message FAILED, never to be tried again. */
export async function markOutboundEmailFailed(db: Database, id: string, error: string, refused: boolean): Promise<void> {
  await db.pool.query({
    name: 'outbound-email-failed',
    text: `UPDATE "OutboundEmail" SET "lastError" = $2, status = CASE WHEN $3 THEN 'FAILED' ELSE status END WHERE id = $1::uuid`,
    values: [id, error, refused],
  });
}

/** lastError stays: the record shows that an earlier attempt failed, and why. */
export async function markOutboundEmailSent(db: Database, id: string, messageId: string): Promise<void> {
  await db.pool.query({ name: 'outbound-email-sent', text: `UPDATE "OutboundEmail" SET status = 'SENT', "sentAt" = now(), "messageId" = $2 WHERE id = $1::uuid`, values: [id, messageId] });
}
