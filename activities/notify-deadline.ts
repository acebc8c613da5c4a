import type { Deadline, DeadlineKind } from '../domain/deadlines';
import type { Database } from '../platform/database';
import type { Mailer } from '../platform/mailer';
import { deadlineNotice } from './mail/deadline-notice-emails';
import { followUpInvitation } from './mail/meeting-invitation';
import { readFinalDecision } from '../records/final-decision';
import { readNoticeRecord } from '../records/notice-record';
import { recipientsOf } from './mail/recipients';
import { sendEmailOnce } from './mail/send-once';
import { caseLink } from '../domain/case-link';

// Who hears of what: a step that waits on one party reminds that party's contacts; an escalation
// goes to the case's coordinator; what concerns the partnership goes to every party and the coordinator.
const audience: Record<DeadlineKind, 'coordinator' | 'party' | 'everyone'> = {
  REVIEW_REMINDER: 'coordinator',
  REVIEW_ESCALATION: 'coordinator',
  DECISION_REMINDER: 'party',
  DECISION_ESCALATION: 'coordinator',
  DECISION_FINAL: 'coordinator',
  FOLLOW_UP_REMINDER: 'everyone',
  FOLLOW_UP_MEETING: 'coordinator',
  SILENCE_NUDGE: 'everyone',
  EVALUATION_DUE: 'everyone',
  RENEGOTIATION_NOTICE: 'everyone',
  TERM_END: 'everyone',
  TERM_END_REMINDER: 'coordinator',
  // The step it takes announces the new term to everyone (activities/announce.ts).
  NEW_TERM_START: 'coordinator',
  OUTCOME_MEASUREMENT_REMINDER: 'everyone',
  OUTCOME_MEASUREMENT: 'coordinator',
};

/**
 * Sends a deadline's notice to everyone it concerns, once per recipient: the business key is
 * (partnership, deadline and its day, recipient), so a retried activity or a replayed workflow sends nothing twice.
 */
export async function notifyDeadline(
  deps: { db: Database; mailer: Mailer; mailFrom: string; publicBaseUrl: string; caseLinkTemplate?: string },
  input: { partnershipId: string; deadline: Deadline; nextDeadlineOn?: string | null },
): Promise<{ sent: number; refused: number }> {
  const { db } = deps;
  const { deadline } = input;
  // With the deadline after this one, as the workflow plans it: what lists of partnerships filter on.
  const partnership = await readNoticeRecord(db, input.partnershipId, input.nextDeadlineOn);
  const caseUrl = caseLink(deps.caseLinkTemplate, partnership);
  const recipients = recipientsOf(partnership, audience[deadline.kind], deadline.partyId);

  const decision = deadline.kind === 'DECISION_FINAL' && deadline.partyId ? await readFinalDecision(db, partnership.id, deadline.partyId) : null;
  const monthsLeft = partnership.termEndDate ? Math.round((Date.parse(partnership.termEndDate) - Date.parse(deadline.dueOn)) / (30.44 * 24 * 3600 * 1000)) : undefined;
  const domain = new URL(deps.publicBaseUrl).hostname;
  const invitation =
    deadline.kind === 'FOLLOW_UP_REMINDER'
      ? followUpInvitation({
          uid: `${partnership.id}:${deadline.key.replace('reminder', 'meeting')}@${domain}`,
          title: partnership.title,
          date: deadline.eventOn ?? deadline.dueOn,
          organiserEmail: deps.mailFrom.replace(/^.*<|>.*$/g, ''),
          attendeeEmails: [...recipients.values()].map((r) => r.email),
          caseUrl,
        })
      : undefined;

  let sent = 0;
  let refused = 0;
  for (const [address, recipient] of recipients) {
    const result = await sendEmailOnce(
      { ...deps, domain },
      {
        // A notice moved to another day (a new term end, say) is a new message.
        idempotencyKey: `${partnership.id}:${deadline.key}@${deadline.dueOn}:${address}`,
        partnershipId: partnership.id,
        kind: deadline.kind,
        dueOn: deadline.dueOn,
        to: recipient.email,
        content: deadlineNotice(deadline.kind, recipient.language, {
          title: partnership.title,
          dueOn: deadline.eventOn ?? deadline.dueOn,
          recipientName: recipient.name,
          caseUrl,
          monthsLeft,
          termEndDate: partnership.termEndDate,
          decision,
        }),
        invitation,
      },
    );
    if (result.sent) sent += 1;
    if (result.refused) refused += 1;
  }
  return { sent, refused };
}
