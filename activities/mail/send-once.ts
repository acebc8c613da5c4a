import type { Database } from '../../platform/database';
import type { Mailer } from '../../platform/mailer';
import { inSpan } from '../../platform/tracing';
import { claimOutboundEmail, markOutboundEmailFailed, markOutboundEmailSent } from '../../records/outbound-email';
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
  const record = await claimOutboundEmail(deps.db, email);
  if (!record) throw new Error('The e-mail could not be recorded');
  if (record.status === 'SENT') return { sent: false, messageId: record.messageId };
  // Refused for good before: the same address would be refused again.
  if (record.status === 'FAILED') return { sent: false, messageId: null, refused: true };

  // A stable Message-ID lets a receiving system drop a duplicate if a crash ever comes between the
  // SMTP hand-over and the update below.
  const messageId = `<${record.id}@${deps.domain}>`;
  try {
    await inSpan('smtp send', { 'messaging.system': 'smtp', 'iop.email.kind': email.kind, 'iop.partnership.id': email.partnershipId }, () =>
      deps.mailer.sendMail({
        from: deps.mailFrom,
        to: email.to,
        subject: email.content.subject,
        text: email.content.text,
        html: email.content.html,
        messageId,
        ...(email.invitation ? { icalEvent: { method: 'REQUEST', filename: 'samrad.ics', content: email.invitation } } : {}),
      }),
    );
  } catch (error) {
    const refused = isPermanentRefusal(error);
    // Not `instanceof Error`: a socket's error may come from another realm (a VM context, a worker thread).
    await markOutboundEmailFailed(deps.db, record.id, errorMessage(error).slice(0, 500), refused);
    if (!refused) throw error;
    // Not retried: a case officer fixes the address, and the other recipients are not held up.
    await openFixAddressTask(deps.db, email.partnershipId, email.to, swedishDay(Date.now()));
    return { sent: false, messageId: null, refused: true };
  }
  await markOutboundEmailSent(deps.db, record.id, messageId);
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
