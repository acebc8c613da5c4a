// Partnerships made up in the state a workflow carries, so that a benchmark can start thousands
// already in IMPLEMENTATION without driving each one there over the API.
import { randomUUID } from 'node:crypto';
import { addYears } from '../../domain/dates';
import { initialState, type PartnershipState } from '../../domain/state';

const twoParties = (): PartnershipState['parties'] => [
  { partyId: randomUUID(), organisationId: randomUUID(), kind: 'PUBLIC', joinedInTerm: 1, joinedOn: null, contactIds: [], contributions: [], leftOn: null, leaveReason: null },
  { partyId: randomUUID(), organisationId: randomUUID(), kind: 'IDEBUREN', joinedInTerm: 1, joinedOn: null, contactIds: [], contributions: [], leftOn: null, leaveReason: null },
];

/** A partnership in IMPLEMENTATION whose term starts on `startDate` and runs five years. */
export function implementationState(partnershipId: string, startDate: string): PartnershipState {
  return {
    ...initialState(partnershipId),
    phase: 'IMPLEMENTATION',
    phaseEnteredOn: startDate,
    revision: 1,
    parties: twoParties(),
    submittedVersion: 1,
    versionInForce: 1,
    implementation: { startDate, beforeFinal: null },
    terms: [{ term: 1, startDate, endDate: addYears(startDate, 5) }],
  };
}
