import type { Deadline, DeadlineKind } from '../domain/deadlines';
import type { Database } from '../platform/database';
import type { Mailer } from '../platform/mailer';
import { deadlineNotice } from './mail/deadline-notices';
import type { Language } from './mail/layout';
import { followUpInvitation } from './mail/meeting-invitation';
import { sendEmailOnce } from './mail/send-once';
import { caseLink } from '../platform/case-link';

/**
 * What a notice needs of its partnership, read in one statement: a batch of reminders falling due
 * together is read as fast as PostgreSQL answers (bench/timers.ts part 3).
 */
interface NoticeRecord {
  id: string;
  title: string;
  caseNumber: string | null;
  coordinatorName: string;
  coordinatorEmail: string;
  parties: { partyId: string; contacts: { name: string; email: string; language: string }[] }[];
  termEndDate: string | null;
}

interface Recipient {
  name: string;
  email: string;
  language: Language;
}

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
  OUTCOME_MEASUREMENT_REMINDER: 'everyone',
  OUTCOME_MEASUREMENT: 'coordinator',
};

/**
 * Sends a deadline's notice to everyone it concerns, once per recipient: the business key is
 * (partnership, deadline and its day, recipient), so a retried activity or a replayed workflow sends nothing twice.
 */
export async function notifyDeadline(
  deps: { db: Database; mailer: Mailer; mailFrom: string; publicBaseUrl: string; caseLinkTemplate?: string },
  input: { partnershipId: string; deadline: Deadline },
): Promise<{ sent: number }> {
  const { db } = deps;
  const { deadline } = input;
  const [partnership] = await db.$queryRaw<NoticeRecord[]>`
    SELECT p.id, p.title, p."caseNumber", p."coordinatorName", p."coordinatorEmail",
      (SELECT coalesce(jsonb_agg(jsonb_build_object('partyId', x."partyId", 'contacts',
         (SELECT coalesce(jsonb_agg(jsonb_build_object('name', c.name, 'email', c.email, 'language', c.language) ORDER BY c.email), '[]'::jsonb)
          FROM "Contact" c WHERE c.id::text IN (SELECT jsonb_array_elements_text(x."contactIds")))) ORDER BY x."recordedAtRevision"), '[]'::jsonb)
       FROM "Party" x WHERE x."partnershipId" = p.id) AS parties,
      (SELECT t."endDate" FROM "PartnershipTerm" t WHERE t."partnershipId" = p.id AND t.term = p.term) AS "termEndDate"
    FROM "Partnership" p WHERE p.id = ${input.partnershipId}::uuid`;
  if (!partnership) throw new Error(`No partnership ${input.partnershipId} is recorded`);
  const caseUrl = caseLink(deps.caseLinkTemplate, partnership);
  const coordinator: Recipient = { name: partnership.coordinatorName, email: partnership.coordinatorEmail, language: 'sv' };

  const scope = audience[deadline.kind];
  const parties = scope === 'party' ? partnership.parties.filter((p) => p.partyId === deadline.partyId) : scope === 'everyone' ? partnership.parties : [];
  const recipients = new Map<string, Recipient>();
  for (const c of parties.flatMap((p) => p.contacts)) recipients.set(c.email.toLowerCase(), { name: c.name, email: c.email, language: c.language === 'en' ? 'en' : 'sv' });
  if (scope !== 'party' || recipients.size === 0) recipients.set(coordinator.email.toLowerCase(), coordinator);

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
        }),
        invitation,
      },
    );
    if (result.sent) sent += 1;
  }
  return { sent };
}
