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

/** Each phase as people read it, in the workspace and the public register alike. */
export const phaseNames = {
  sv: {
    INITIATION: 'Agendasättning',
    FORMULATION: 'Formulering',
    LEGAL_REVIEW: 'Juridisk granskning',
    DECISION: 'Beslut',
    IMPLEMENTATION: 'Genomförande',
    EVALUATION: 'Uppföljning och utvärdering',
    RENEGOTIATION: 'Omförhandling',
    ENDED: 'Avslutat',
    TERMINATED: 'Hävt',
    CLOSED: 'Avskrivet',
  },
  en: {
    INITIATION: 'Initiation',
    FORMULATION: 'Formulation',
    LEGAL_REVIEW: 'Legal review',
    DECISION: 'Decision',
    IMPLEMENTATION: 'Implementation',
    EVALUATION: 'Evaluation',
    RENEGOTIATION: 'Renegotiation',
    ENDED: 'Ended',
    TERMINATED: 'Terminated',
    CLOSED: 'Closed',
  },
} as const satisfies Record<'sv' | 'en', Record<PartnershipPhase, string>>;

export const finalPhases: readonly PartnershipPhase[] = ['ENDED', 'TERMINATED', 'CLOSED'];

/** A partnership that was in effect and has ended, whose final accounts (surplus reinvested or repaid) are not yet on record. */
export const awaitsFinalAccounts = (state: { phase: PartnershipPhase; ending: { surplus: unknown } | null }): boolean =>
  (state.phase === 'ENDED' || state.phase === 'TERMINATED') && !state.ending?.surplus;
