// What an operator finds a partnership's workflow by in the Temporal UI or `temporal workflow list
// --query`: its phase, its organisations, its case numbers (diarienummer), its term's end and its
// next deadline. Ids, case numbers and days only: no names, addresses or texts reach Temporal.
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributeUpdatePair } from '@temporalio/common';
import type { PartnershipState } from '../domain/state';
import { swedishInstant } from '../domain/swedish-time';

export const partnershipSearchAttributes = {
  phase: defineSearchAttributeKey('IopPhase', SearchAttributeType.KEYWORD),
  organisations: defineSearchAttributeKey('IopOrganisationIds', SearchAttributeType.KEYWORD_LIST),
  caseNumbers: defineSearchAttributeKey('IopCaseNumbers', SearchAttributeType.KEYWORD_LIST),
  termEnd: defineSearchAttributeKey('IopTermEnd', SearchAttributeType.DATETIME),
  nextDeadline: defineSearchAttributeKey('IopNextDeadline', SearchAttributeType.DATETIME),
};

// Temporal refuses a keyword over 2 KB and a workflow's attributes over 40 KB in all: a partnership
// with hundreds of references is still findable by its first ones rather than frozen.
const maxListEntries = 50;
const maxKeywordLength = 200;

/** A day as the instant it begins in Sweden, which is how the UI shows and filters it. */
const dayStart = (day: string | null | undefined) => (day ? new Date(swedishInstant(day, '00:00')) : null);

const keywords = (values: (string | null | undefined)[]) => {
  const kept = [...new Set(values.filter((v): v is string => !!v && v.length <= maxKeywordLength))].slice(0, maxListEntries);
  return kept.length > 0 ? kept : null;
};

/**
 * The attributes for a state: the registration's case number and every party's own, the
 * organisations taking part (not those that have left), the current term's last day and the next
 * deadline as the records hold it. A value that is absent is removed, not left stale.
 */
export function searchAttributesOf(state: PartnershipState, caseNumber: string | null, nextDeadlineOn: string | null): SearchAttributeUpdatePair[] {
  const term = state.terms.find((t) => t.term === state.term);
  return [
    { key: partnershipSearchAttributes.phase, value: state.phase },
    { key: partnershipSearchAttributes.organisations, value: keywords(state.parties.filter((p) => !p.leftOn).map((p) => p.organisationId)) },
    { key: partnershipSearchAttributes.caseNumbers, value: keywords([caseNumber, ...state.externalReferences.map((r) => r.reference)]) },
    { key: partnershipSearchAttributes.termEnd, value: dayStart(term?.endDate) },
    { key: partnershipSearchAttributes.nextDeadline, value: dayStart(nextDeadlineOn) },
  ];
}
