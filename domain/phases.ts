/** docs/domain.md section 3. */
export const partnershipPhases = [
  'INITIATION', // agendasättning
  'FORMULATION', // formulering
  'LEGAL_REVIEW', // juridisk granskning
  'DECISION', // beslut
  'IMPLEMENTATION', // genomförande
  'EVALUATION', // uppföljning / utvärdering
  'RENEGOTIATION', // omförhandling
  'ENDED', // avslutad
  'TERMINATED', // hävd
  'CLOSED', // avskriven
] as const;
export type PartnershipPhase = (typeof partnershipPhases)[number];

export const finalPhases: readonly PartnershipPhase[] = ['ENDED', 'TERMINATED', 'CLOSED'];

/** A partnership that was in effect and has ended, whose final accounts (surplus reinvested or repaid) are not yet on record. */
export const awaitsFinalAccounts = (state: { phase: PartnershipPhase; ending: { surplus: unknown } | null }): boolean =>
  (state.phase === 'ENDED' || state.phase === 'TERMINATED') && !state.ending?.surplus;
