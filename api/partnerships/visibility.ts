import type { Scope } from '../../domain/policy';
import type { PartnershipView } from './schemas';

/**
 * What a representative of one party does not see of a partnership (OWASP API3): the legal review's
 * itemised answers (the public party's own legal assessment; its conclusion stays visible) and the
 * case numbers that other parties' case systems gave it.
 */
export function partnershipAsSeenBy(view: PartnershipView, scope: Scope | undefined, ownPartyIds: string[]): PartnershipView {
  if (scope !== 'own' || !view.state) return view;
  return {
    ...view,
    state: {
      ...view.state,
      legalReviews: view.state.legalReviews.map((review) => ({ ...review, answers: [] })),
      externalReferences: view.state.externalReferences.filter((r) => r.partyId === null || ownPartyIds.includes(r.partyId)),
    },
  };
}
