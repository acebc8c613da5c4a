// Whose decision became final, and the last day it could be appealed, as the records hold them.
import type { Database } from '../platform/database';

export interface FinalDecision {
  organisationName: string;
  decidingBody: string;
  /** The decision's last day to appeal: the day the API's own refusal of a late appeal names. */
  lastDayToAppeal: string;
}

/**
 * The party's current decision with an appeal window. The notice's own day is when the decision is
 * final (the day after the last day to appeal, by the calendar law), so the last day is read, never reckoned back from it.
 */
export async function readFinalDecision(db: Database, partnershipId: string, partyId: string): Promise<FinalDecision | null> {
  const { rows } = await db.pool.query<FinalDecision>({
    name: 'final-decision',
    text: `SELECT o.name AS "organisationName", d."decidingBody", d."appealWindowEnds" AS "lastDayToAppeal"
      FROM "Decision" d
      JOIN "Party" x ON x."partnershipId" = d."partnershipId" AND x."partyId" = d."partyId"
      JOIN "Organisation" o ON o.id = x."organisationId"
      WHERE d."partnershipId" = $1::uuid AND d."partyId" = $2 AND d."supersededAtRevision" IS NULL AND d."appealWindowEnds" IS NOT NULL
      ORDER BY d.term DESC, d."agreementVersion" DESC
      LIMIT 1`,
    values: [partnershipId, partyId],
  });
  return rows[0] ?? null;
}
