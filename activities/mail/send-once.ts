import { randomUUID } from 'node:crypto';
import type { Database } from '../../platform/database';
import type { Mailer } from '../../platform/mailer';
import { openFixAddressTask } from '../../records/task-rows';
import { swedishDay } from '../../domain/swedish-time';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface OutgoingEmail {
  /** The business identity of the message: partnership, kind, due date, recipient. */
  idempotencyKey: string;
  partnershipId: string;
  kind: string;
  /** For a deadline's notice: the day it was due. */
  dueOn?: string;
  to: string;
  content: RenderedEmail;
  /** A calendar invitation (.ics text), sent as the message's iCalendar part. */
  invitation?: string;
}

/**
 * Sends a message unless one with the same business key was already sent. The row is written
 * before the attempt so that every attempt, failed or not, is on record.
 */
export async function sendEmailOnce(
  deps: { db: Database; mailer: Mailer; mailFrom: string; domain: string },
  email: OutgoingEmail,
): Promise<{ sent: boolean; messageId: string | null; refused?: boolean }> {
  // One statement: the row is made, or found; an attempt is counted only when one will be made.
  // Straight through pg, as every statement here: a batch of notices falls due together.
  const {
    rows: [record],
  } = await deps.db.pool.query<{ id: string; status: string; messageId: string | null }>({
    name: 'outbound-email',
    text: `INSERT INTO "OutboundEmail" (id, "idempotencyKey", "partnershipId", kind, recipient, "dueOn", status, attempts)
      VALUES ($1::uuid, $2, $3::uuid, $4, $5, $6, 'PENDING', 1)
      ON CONFLICT ("idempotencyKey") DO UPDATE
        SET attempts = "OutboundEmail".attempts + CASE WHEN "OutboundEmail".status = 'PENDING' THEN 1 ELSE 0 END
      RETURNING id, status, "messageId"`,
    values: [randomUUID(), email.idempotencyKey, email.partnershipId, email.kind, email.to, email.dueOn ?? null],
  });
  if (!record) throw new Error('The e-mail could not be recorded');
  if (record.status === 'SENT') return { sent: false, messageId: record.messageId };
  // Refused for good before: the same address would be refused again.
  if (record.status === 'FAILED') return { sent: false, messageId: null, refused: true };

  // A stable Message-ID lets a receiving system drop a duplicate if a crash ever comes between the
  // SMTP hand-over and the update below.
  const messageId = `<${record.id}@${deps.domain}>`;
  try {
    await deps.mailer.sendMail({
      from: deps.mailFrom,
      to: email.to,
      subject: email.content.subject,
      text: email.content.text,
      html: email.content.html,
      messageId,
      ...(email.invitation ? { icalEvent: { method: 'REQUEST', filename: 'samrad.ics', content: email.invitation } } : {}),
    });
  } catch (error) {
    const refused = isPermanentRefusal(error);
    // Not `instanceof Error`: a socket's error may come from another realm (a VM context, a worker thread).
    await deps.db.pool.query({
      name: 'outbound-email-failed',
      text: `UPDATE "OutboundEmail" SET "lastError" = $2, status = CASE WHEN $3 THEN 'FAILED' ELSE status END WHERE id = $1::uuid`,
      values: [record.id, errorMessage(error).slice(0, 500), refused],
    });
    if (!refused) throw error;
    // Not retried: a case officer fixes the address, and the other recipients are not held up.
    await openFixAddressTask(deps.db, email.partnershipId, email.to, swedishDay(Date.now()));
    return { sent: false, messageId: null, refused: true };
  }
  // lastError stays: the record shows that an earlier attempt failed, and why.
  await deps.db.pool.query({ name: 'outbound-email-sent', text: `UPDATE "OutboundEmail" SET status = 'SENT', "sentAt" = now(), "messageId" = $2 WHERE id = $1::uuid`, values: [record.id, messageId] });
  return { sent: true, messageId };
}

/**
 * An SMTP reply in 5xx to a recipient is permanent (RFC 5321 4.2.1): the server would refuse the
 * same address again. 4xx replies and lost connections are transient, and retried with backoff.
 */
function isPermanentRefusal(error: unknown): boolean {
  const { responseCode, command } = (error ?? {}) as { responseCode?: unknown; command?: unknown };
  // The recipient only: a 5xx to AUTH or at the greeting is the server's configuration, which an
  // operator fixes, and then every waiting message goes out.
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600 && command === 'RCPT TO';
}

function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message ? message : 'unknown error';
}
