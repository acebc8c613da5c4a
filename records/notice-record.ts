// A partnership as its notices and announcements need it, read in one statement: a batch of
// reminders falling due together is read as fast as PostgreSQL answers (bench/lateness.ts).
import type { Database } from '../platform/database';

export interface NoticeRecord {
  id: string;
  title: string;
  caseNumber: string | null;
  coordinatorName: string;
  coordinatorEmail: string;
  parties: { partyId: string; organisationName: string; contacts: { name: string; email: string; language: string }[] }[];
  termStartDate: string | null;
  termEndDate: string | null;
  endingKind: string | null;
  agreementClause: string | null;
}

const noticeRecordQuery = `
    SELECT p.id, p.title, p."caseNumber", p."coordinatorName", p."coordinatorEmail",
      (SELECT coalesce(jsonb_agg(jsonb_build_object('partyId', x."partyId",
         'organisationName', (SELECT o.name FROM "Organisation" o WHERE o.id = x."organisationId"),
         'contacts',
         (SELECT coalesce(jsonb_agg(jsonb_build_object('name', c.name, 'email', c.email, 'language', c.language) ORDER BY c.email), '[]'::jsonb)
          FROM "Contact" c WHERE c.id::text IN (SELECT jsonb_array_elements_text(x."contactIds")))) ORDER BY x."recordedAtRevision", x."recordedPosition"), '[]'::jsonb)
       FROM "Party" x WHERE x."partnershipId" = p.id AND x."leftOn" IS NULL) AS parties,
      t."startDate" AS "termStartDate", t."endDate" AS "termEndDate",
      e.kind AS "endingKind", e."agreementClause"
    FROM "Partnership" p
    LEFT JOIN "PartnershipTerm" t ON t."partnershipId" = p.id AND t.term = p.term
    LEFT JOIN "PartnershipEnding" e ON e."partnershipId" = p.id
    WHERE p.id = $1::uuid`;

/**
 * The partnership as its notices need it. Given `nextDeadlineOn`, the same statement records it as
 * the deadline that lists filter on (the one after the notice being sent): one round trip, not two,
 * when a batch of reminders falls due together.
 */
export async function readNoticeRecord(db: Database, partnershipId: string, nextDeadlineOn?: string | null): Promise<NoticeRecord> {
  const {
    rows: [partnership],
  } = await db.pool.query<NoticeRecord>(
    nextDeadlineOn === undefined
      ? { name: 'notice-record', text: noticeRecordQuery, values: [partnershipId] }
      : {
          name: 'notice-record-next-deadline',
          text: `WITH next_deadline AS (UPDATE "Partnership" SET "nextDeadlineOn" = $2 WHERE id = $1::uuid)${noticeRecordQuery}`,
          values: [partnershipId, nextDeadlineOn],
        },
  );
  if (!partnership) throw new Error(`No partnership ${partnershipId} is recorded`);
  return partnership;
}


/** The partnership as its registration's e-mail names it. */
export async function readRegisteredPartnership(db: Database, partnershipId: string): Promise<Pick<NoticeRecord, 'id' | 'title' | 'caseNumber' | 'coordinatorName' | 'coordinatorEmail'>> {
  const { rows } = await db.pool.query<Pick<NoticeRecord, 'id' | 'title' | 'caseNumber' | 'coordinatorName' | 'coordinatorEmail'>>({
    name: 'registered-partnership',
    text: 'SELECT id, title, "caseNumber", "coordinatorName", "coordinatorEmail" FROM "Partnership" WHERE id = $1::uuid',
    values: [partnershipId],
  });
  if (!rows[0]) throw new Error(`No partnership ${partnershipId} is recorded`);
  return rows[0];
}
