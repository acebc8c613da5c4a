import type { Announcement } from '../domain/announcements';
import type { Database } from '../platform/database';
import type { Mailer } from '../platform/mailer';
import { caseLink } from '../domain/case-link';
import { announcementEmail } from './mail/announcement-emails';
import { readNoticeRecord } from '../records/notice-record';
import { recipientsOf } from './mail/recipients';
import { sendEmailOnce } from './mail/send-once';

export interface AnnouncementInput {
  partnershipId: string;
  /** The revision of the step that made it: with the kind and the recipient, the e-mail's business key. */
  revision: number;
  /** The workflow's day of the step. */
  on: string;
  announcement: Announcement;
}

/** Tells everyone an announcement concerns, once per recipient, however often it is retried. */
export async function announce(deps: { db: Database; mailer: Mailer; mailFrom: string; publicBaseUrl: string; caseLinkTemplate?: string }, input: AnnouncementInput): Promise<{ sent: number }> {
  const { announcement } = input;
  const record = await readNoticeRecord(deps.db, input.partnershipId);
  const caseUrl = caseLink(deps.caseLinkTemplate, record);
  const domain = new URL(deps.publicBaseUrl).hostname;
  const organisationName = record.parties.find((p) => p.partyId === announcement.partyId)?.organisationName;
  let sent = 0;
  for (const [address, recipient] of recipientsOf(record, announcement.audience, announcement.partyId)) {
    const result = await sendEmailOnce(
      { ...deps, domain },
      {
        idempotencyKey: `${record.id}:${announcement.kind}@${input.revision}:${address}`,
        partnershipId: record.id,
        kind: announcement.kind,
        to: recipient.email,
        content: announcementEmail(announcement.kind, recipient.language, {
          title: record.title,
          recipientName: recipient.name,
          caseUrl,
          on: input.on,
          organisationName,
          agreementClause: record.agreementClause,
          termStartDate: record.termStartDate,
          termEndDate: record.termEndDate,
        }),
      },
    );
    if (result.sent) sent += 1;
  }
  return { sent };
}
