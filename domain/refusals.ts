/** Why the workflow refuses a step. The API answers 409 with this code as the problem's type. */
export const refusalCodes = [
  'WRONG_PHASE',
  'CHALLENGE_NOT_DESCRIBED',
  'PARTIES_MISSING',
  'FORM_NOT_IOP',
  'UNKNOWN_PARTY',
  'PARTY_ALREADY_ADDED',
  'NO_DRAFT',
  'DRAFT_INCOMPLETE',
  'LEGAL_REVIEW_INCOMPLETE',
  'PUBLIC_CONTRACT_CRITERIA_MISSING',
  'WRONG_AGREEMENT_VERSION',
  'ALREADY_DECIDED',
  'DECISIONS_PENDING',
  'DECISIONS_NOT_FINAL',
  'DECISION_NOT_FOUND',
  'APPEAL_WINDOW_OPEN',
  'IS_PUBLIC_CONTRACT',
  'CONSENT_MISSING',
  'LEARNING_GOALS_UNASSESSED',
  'EVALUATION_MISSING',
  'RENEGOTIATION_NOT_AGREED',
  'BAD_DATES',
  'NOT_APPEALABLE',
  'NOT_APPEALED',
  'TERM_NOT_OVER',
  'BAD_TIMING',
  'NO_OUTCOME_CONTRACT',
  'UNKNOWN_METRIC',
  'DATE_IN_FUTURE',
  'APPEAL_TOO_LATE',
  'ALREADY_FINAL',
  'TERM_ALREADY_ENDED',
  'START_TOO_FAR_BACK',
  'WRONG_TERM',
  'PARTY_HAS_LEFT',
  // A party given another kind than its organisation's registered one: the IOP guards count kinds.
  'PARTY_KIND_MISMATCH',
  'DISPUTE_NOT_FOUND',
  'DISPUTE_SETTLED',
] as const;
export type RefusalCode = (typeof refusalCodes)[number];

export interface Refusal {
  code: RefusalCode;
  message: string;
}

export const refuse = (code: RefusalCode, message: string): Refusal => ({ code, message });
