// What a step makes known at once, beyond the records: an appeal, an ending, a new term. Derived
// from the state before and after, so that no step can end a partnership unheard.
import type { StepType } from './steps';
import type { PartnershipState } from './state';

export type AnnouncementKind =
  /** An appeal (laglighetsprövning) of a party's decision: it holds the decision. */
  | 'APPEAL_LODGED'
  /** Closed (avskriven) in INITIATION. */
  | 'CLOSED'
  /** Withdrawn before the agreement took effect (avskrivning). */
  | 'WITHDRAWN'
  /** Terminated early under the agreement's clause (hävning). */
  | 'TERMINATED'
  /** The parties decided in renegotiation to end it. */
  | 'ENDED_BY_AGREEMENT'
  /** The term ran out without every party's yes to a new one. */
  | 'TERM_ENDED'
  /** The term agreed in renegotiation has started. */
  | 'NEW_TERM_STARTED';

export interface Announcement {
  kind: AnnouncementKind;
  /** The party it concerns, when it is one party's. */
  partyId: string | null;
  /** Who hears of it: the coordinator alone, or every party's contacts and the coordinator. */
  audience: 'coordinator' | 'everyone';
}

const endings: Partial<Record<StepType, AnnouncementKind>> = {
  close: 'CLOSED',
  withdraw: 'WITHDRAWN',
  terminate: 'TERMINATED',
  recordRenegotiationOutcome: 'ENDED_BY_AGREEMENT',
  expireTerm: 'TERM_ENDED',
};

export function announcementsOf(before: PartnershipState, after: PartnershipState, step: StepType): Announcement[] {
  const made: Announcement[] = [];
  for (const decision of after.decisions) {
    const was = before.decisions.find((d) => d.partyId === decision.partyId && d.agreementVersion === decision.agreementVersion);
    if (decision.appealed && was && !was.appealed) made.push({ kind: 'APPEAL_LODGED', partyId: decision.partyId, audience: 'coordinator' });
  }
  const ending = endings[step];
  if (ending && after.ending && !before.ending) made.push({ kind: ending, partyId: null, audience: 'everyone' });
  if (after.term > before.term) made.push({ kind: 'NEW_TERM_STARTED', partyId: null, audience: 'everyone' });
  return made;
}
