import type { Database } from '../../platform/database';
import type { Mailer } from '../../platform/mailer';

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
): Promise<{ sent: boolean; messageId: string | null }> {
  const record = await deps.db.outboundEmail.upsert({
    where: { idempotencyKey: email.idempotencyKey },
    create: {
      idempotencyKey: email.idempotencyKey,
      partnershipId: email.partnershipId,
      kind: email.kind,
      recipient: email.to,
      dueOn: email.dueOn ?? null,
      status: 'PENDING',
      attempts: 1,
    },
    update: { attempts: { increment: 1 } },
  });
  if (record.status === 'SENT') return { sent: false, messageId: record.messageId };

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
    await deps.db.outboundEmail.update({
      where: { id: record.id },
      // Not `instanceof Error`: a socket's error may come from another realm (a VM context, a worker thread).
      data: { lastError: errorMessage(error).slice(0, 500) },
    });
    throw error;
  }
  await deps.db.outboundEmail.update({
    where: { id: record.id },
    // lastError stays: the record shows that an earlier attempt failed, and why.
    data: { status: 'SENT', sentAt: new Date(), messageId },
  });
  return { sent: true, messageId };
}

function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message ? message : 'unknown error';
}
