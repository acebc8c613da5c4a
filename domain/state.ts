// The state a partnership's workflow holds, as zod schemas: the types are inferred from them, and
// the API publishes and checks the same schemas. Plain data, ids only: names, addresses and other
// personal data stay in the database, where activities look them up.
import { z } from 'zod';
import { partnershipPhases } from './phases';
import { timingOverridesSchema } from './timing';

/** A calendar day, YYYY-MM-DD (ISO 8601), published with its format. */
const day = () => z.string().meta({ format: 'date' });

/** docs/domain.md section 2: what a party may contribute. Non-monetary resources count. */
export const contributionKinds = [
  'MONEY',
  'PREMISES',
  'ADMINISTRATION',
  'PAID_STAFF',
  'VOLUNTEER_WORK',
  'MATERIAL',
  'COMPETENCE',
  'DIGITAL_TOOLS',
  'TRUST_CAPITAL',
  'NETWORKS',
] as const;
export type ContributionKind = (typeof contributionKinds)[number];

/** Council of Europe participation levels (docs/domain.md section 6). */
export const participationLevels = ['INFORMATION', 'CONSULTATION', 'DIALOGUE', 'PARTNERSHIP'] as const;
export type ParticipationLevel = (typeof participationLevels)[number];

/** Other forms of cooperation to compare IOP with (docs/domain.md section 6). */
export const cooperationForms = [
  'IOP',
  'CONSULTATION',
  'DIALOGUE_MEETINGS',
  'PROJECT_FUNDS',
  'OPERATING_GRANT',
  'ORGANISATIONAL_GRANT',
  'ASSIGNMENT',
  'PROCUREMENT',
] as const;
export type CooperationForm = (typeof cooperationForms)[number];

export const contributionSchema = z.object({
  contributionId: z.string(),
  kind: z.enum(contributionKinds),
  description: z.string(),
  valueSek: z.number().nullable(),
});
export type Contribution = z.infer<typeof contributionSchema>;

export const partySchema = z.object({
  partyId: z.string(),
  organisationId: z.string(),
  kind: z.enum(['PUBLIC', 'IDEBUREN', 'PRIVATE']),
  /** The term from which it takes part: parties may join during a term, or for the next (parter ansluter löpande). */
  joinedInTerm: z.number().int(),
  /** The day it joined; null for a party of the first rules, which did not record it. */
  joinedOn: day().nullable().default(null),
  contactIds: z.array(z.string()),
  contributions: z.array(contributionSchema),
  /** The day it left (utträde) while the others went on, and why (a document reference). */
  leftOn: day().nullable().default(null),
  leaveReason: z.string().nullable().default(null),
});
export type Party = z.infer<typeof partySchema>;

export const learningGoalSchema = z.object({
  learningGoalId: z.string(),
  /** Null for a joint goal of the partnership. */
  partyId: z.string().nullable(),
  description: z.string(),
});
export type LearningGoal = z.infer<typeof learningGoalSchema>;


/** The headings of an IOP agreement (docs/domain.md section 4). */
export const agreementHeadings = [
  'background', // bakgrund och den offentliga partens uppdrag
  'challenge', // den gemensamt formulerade samhällsutmaningen
  'sharedValues', // värdegrund
  'purposeAndGoals', // syfte, vision, mål och delmål
  'efforts', // insatser / ramverk för insatser
  'targetGroup', // målgrupp och dess delaktighet
  'governance', // styrning och roller
  'ownership', // vad som ägs gemensamt och vad varje part äger
  'dialogueAndFollowUp', // dialog och uppföljning
  'learningGoals', // lärandemål
  'resourcesAndEconomy', // resurser och ekonomi
  'termAndRenegotiation', // avtalstid och kriterier för omförhandling
  'terminationAndDisputes', // hävning och tvist
  'transparencyAndEquality', // transparens och jämlikhet mellan parterna
] as const;
export type AgreementHeading = (typeof agreementHeadings)[number];
export type AgreementSections = Partial<Record<AgreementHeading, string>>;

export const agreementVersionSchema = z.object({
  version: z.number().int(),
  sections: z.partialRecord(z.enum(agreementHeadings), z.string()),
  /** Set once it went to legal review: the text the parties decide on never changes again. */
  locked: z.boolean(),
  savedAtRevision: z.number().int(),
});
export type AgreementVersion = z.infer<typeof agreementVersionSchema>;

/** docs/domain.md section 5. */
export const legalReviewItems = [
  'LOCAL_GOVERNMENT_ACT', // kommunallagen
  'STATE_AID', // statsstöd
  'PUBLIC_CONTRACT', // LOU: the six criteria
  'SGEI', // tjänster av allmänt ekonomiskt intresse
  'POLITICAL_GOAL', // prioriterat politiskt mål eller styrdokument
] as const;
export type LegalReviewItem = (typeof legalReviewItems)[number];
export const legalReviewOutcomes = ['OK', 'ISSUE', 'NOT_APPLICABLE'] as const;
export type LegalReviewOutcome = (typeof legalReviewOutcomes)[number];

/** The six criteria of a public contract under LOU; all six must hold for it to be one. */
export const publicContractCriteria = [
  'agreementBetweenParties',
  'meetingOfMinds',
  'authorityAcquires',
  'supplierSelected',
  'paymentOfDirectEconomicInterest',
  'legallyBindingMutualObligations',
] as const;
export type PublicContractCriterion = (typeof publicContractCriteria)[number];

export const legalReviewAnswerSchema = z.object({
  item: z.enum(legalReviewItems),
  outcome: z.enum(legalReviewOutcomes),
  reviewerKeyId: z.string().nullable(),
  note: z.string(),
  /** For PUBLIC_CONTRACT: each criterion answered; it is a public contract only if all six hold. */
  publicContractCriteria: z.record(z.enum(publicContractCriteria), z.boolean()).optional(),
});
export type LegalReviewAnswer = z.infer<typeof legalReviewAnswerSchema>;

export const legalReviewSchema = z.object({
  round: z.number().int(),
  agreementVersion: z.number().int(),
  answers: z.array(legalReviewAnswerSchema),
  conclusion: z.enum(['APPROVED', 'CHANGES_REQUESTED', 'REJECTED']).nullable(),
  /** The reviewer's note on the conclusion: a document reference. */
  note: z.string().nullable(),
});
export type LegalReview = z.infer<typeof legalReviewSchema>;

export const decidingBodyKinds = ['FULLMAKTIGE', 'NAMND', 'STYRELSE', 'UTSKOTT', 'DELEGATION', 'BOARD'] as const;
export type DecidingBodyKind = (typeof decidingBodyKinds)[number];

/** A party's decision as a municipality records it (docs/domain.md section 8). */
export const partyDecisionSchema = z.object({
  partyId: z.string(),
  agreementVersion: z.number().int(),
  outcome: z.enum(['YES', 'NO']),
  decidingBody: z.string(),
  decidingBodyKind: z.enum(decidingBodyKinds),
  meetingDate: day(),
  /** The paragraph (§) in the minutes, e.g. "§ 45". */
  paragraph: z.string().nullable(),
  minutesReference: z.string().nullable(),
  /** Justering. */
  approvalDate: day().nullable(),
  /** Anslag on the notice board; the three-week appeal window runs from it. */
  postingDate: day().nullable(),
  appealWindowEnds: day().nullable(),
  appealed: z.boolean(),
  /** Laga kraft. */
  final: z.boolean(),
});
export type PartyDecision = z.infer<typeof partyDecisionSchema>;

export const keyFigureSchema = z.object({ name: z.string(), value: z.number(), unit: z.string().nullable() });

/** A follow-up meeting (uppföljning / löpande samråd): value-free collection of what was done. */
export const followUpSchema = z.object({
  followUpId: z.string(),
  term: z.number().int(),
  date: day(),
  participantPartyIds: z.array(z.string()),
  summary: z.string(),
  keyFigures: z.array(keyFigureSchema),
});
export type FollowUp = z.infer<typeof followUpSchema>;

/** A deviation (avvikelse), raised openly and treated as learning. */
export const deviationSchema = z.object({
  deviationId: z.string(),
  term: z.number().int(),
  raisedOn: day(),
  raisedByPartyId: z.string().nullable(),
  description: z.string(),
});

/** An adjustment of the work, decided jointly: every party's consent is on record. */
export const adjustmentSchema = z.object({
  adjustmentId: z.string(),
  term: z.number().int(),
  agreedOn: day(),
  description: z.string(),
  consentingPartyIds: z.array(z.string()),
  /** An adjustment may move the term's end (tilläggsavtal); every pending notice follows it. */
  newTermEndDate: day().nullable().default(null),
});

/** A dispute (tvist) between the parties, handled under the agreement's clause: resolved, or ended in hävning. */
export const disputeSchema = z.object({
  disputeId: z.string(),
  term: z.number().int(),
  raisedOn: day(),
  raisedByPartyId: z.string().nullable(),
  description: z.string(),
  agreementClause: z.string().nullable(),
  resolvedOn: day().nullable(),
  outcome: z.enum(['RESOLVED', 'TERMINATED']).nullable(),
  resolution: z.string().nullable(),
});
export type Dispute = z.infer<typeof disputeSchema>;

/** An evaluation (utvärdering): judging why, against the learning goals. */
export const evaluationSchema = z.object({
  evaluationId: z.string(),
  term: z.number().int(),
  recordedOn: day().nullable(),
  learningGoalAssessments: z.array(z.object({ learningGoalId: z.string(), assessment: z.string() })),
  conflictsToPrevent: z.string().nullable(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const renegotiationSchema = z.object({
  term: z.number().int(),
  outcome: z.enum(['CONTINUE', 'END']),
  consents: z.array(z.object({ partyId: z.string(), decision: z.enum(['YES', 'NO']) })),
  note: z.string(),
  /** The term the parties agreed on; it starts by itself on its first day. */
  nextTerm: z
    .object({ startDate: day(), endDate: day(), backTo: z.enum(['INITIATION', 'FORMULATION']) })
    .nullable()
    .default(null),
});

/** No party may profit: on ending, a surplus is reinvested or repaid. */
export const surplusSchema = z.object({
  handling: z.enum(['NONE', 'REINVESTED', 'REPAID']),
  amountSek: z.number().nullable(),
  note: z.string(),
});

export const termSchema = z.object({ term: z.number().int(), startDate: day(), endDate: day() });

/** Halland's six principles for all cooperation (docs/domain.md section 6). */
export const hallandPrinciples = ['DIALOGUE', 'LONG_TERM_COMMITMENT', 'OPENNESS_AND_TRANSPARENCY', 'INDEPENDENCE', 'QUALITY', 'DIVERSITY'] as const;

/** A case number in one party's case system (diarienummer): opaque, and it may arrive late. */
export const externalReferenceSchema = z.object({
  system: z.string(),
  partyId: z.string().nullable(),
  reference: z.string(),
});

/** Part-financing by an outcome contract (socialt utfallskontrakt). */
export const outcomeContractSchema = z.object({
  investor: z.string(),
  metrics: z.array(z.object({ name: z.string(), target: z.string() })),
  measurementDate: day(),
  /** What was measured, recorded by a case officer when the measurement date comes. */
  measurements: z
    .array(z.object({ measuredOn: day(), results: z.array(z.object({ metric: z.string(), value: z.string() })), note: z.string().nullable() }))
    .default([]),
});

export const partnershipStateSchema = z
  .object({
    partnershipId: z.string(),
    phase: z.enum(partnershipPhases),
    /** The day the current phase was entered; null until the first change of phase. */
    phaseEnteredOn: day().nullable(),
    /** The term (avtalsperiod), from 1. */
    term: z.number().int(),
    /** Bumped on every accepted change; the records and the audit trail are keyed on it. */
    revision: z.number().int(),
    challenge: z.string().nullable(),
    cooperationForm: z.object({ chosen: z.enum(cooperationForms), rationale: z.string() }).nullable(),
    parties: z.array(partySchema),
    learningGoals: z.array(learningGoalSchema),
    /** The participation level of each phase (samverkanskarta). */
    participationLevels: z.partialRecord(z.enum(partnershipPhases), z.enum(participationLevels)),
    principlesAssessment: z.array(z.object({ principle: z.enum(hallandPrinciples), assessment: z.string() })),
    outcomeContract: outcomeContractSchema.nullable(),
    externalReferences: z.array(externalReferenceSchema),
    agreementVersions: z.array(agreementVersionSchema),
    /** The version sent to legal review and then to the parties' decisions. */
    submittedVersion: z.number().int().nullable(),
    /** The version in force, once every party has decided yes on it. */
    versionInForce: z.number().int().nullable(),
    legalReviews: z.array(legalReviewSchema),
    /** Decisions of the current decision round; a no ends the round. */
    decisions: z.array(partyDecisionSchema),
    implementation: z.object({ startDate: day(), beforeFinal: z.object({ reason: z.string() }).nullable() }).nullable(),
    /** Every term's dates, the current one last. */
    terms: z.array(termSchema),
    followUps: z.array(followUpSchema),
    deviations: z.array(deviationSchema),
    adjustments: z.array(adjustmentSchema),
    disputes: z.array(disputeSchema).default([]),
    evaluations: z.array(evaluationSchema),
    renegotiations: z.array(renegotiationSchema),
    /** Why the partnership was closed (avskriven), terminated (hävd) or ended (avslutad). */
    ending: z
      .object({
        kind: z.enum(['CLOSED', 'TERMINATED', 'ENDED']),
        reason: z.string(),
        agreementClause: z.string().nullable(),
        surplus: surplusSchema.nullable(),
        /** For a case closed because another form of cooperation fits better. */
        betterForm: z.enum(cooperationForms).nullable(),
      })
      .nullable(),
    /** This partnership's own reminder and meeting durations, where they differ from the defaults. */
    timingOverrides: timingOverridesSchema.default({}),
  })
  .meta({ id: 'PartnershipState', description: "The workflow's live state, read by a Temporal query" });
export type PartnershipState = z.infer<typeof partnershipStateSchema>;

/** A new partnership's state; the challenge given at registration counts (a document reference). */
export function initialState(partnershipId: string, challenge: string | null = null): PartnershipState {
  return {
    partnershipId,
    phase: 'INITIATION',
    phaseEnteredOn: null,
    term: 1,
    revision: 0,
    challenge,
    cooperationForm: null,
    parties: [],
    learningGoals: [],
    participationLevels: {},
    principlesAssessment: [],
    outcomeContract: null,
    externalReferences: [],
    agreementVersions: [],
    submittedVersion: null,
    versionInForce: null,
    legalReviews: [],
    decisions: [],
    implementation: null,
    terms: [],
    followUps: [],
    deviations: [],
    adjustments: [],
    disputes: [],
    evaluations: [],
    renegotiations: [],
    ending: null,
    timingOverrides: {},
  };
}

/** The parties taking part in the current term: joined for it or before, and not left. */
export const partiesInTerm = (state: PartnershipState): Party[] => state.parties.filter((p) => !p.leftOn && p.joinedInTerm <= state.term);

/** Whether a party said yes in the current decision round: what starting implementation waits for, and what keeps an IOP standing. */
export const saidYes = (state: PartnershipState, partyId: string): boolean => state.decisions.some((d) => d.partyId === partyId && d.outcome === 'YES');

/** A state carried from a run of an earlier version, with what later versions added filled in. */
export function upgradedState(carried: PartnershipState): PartnershipState {
  return {
    ...carried,
    disputes: carried.disputes ?? [],
    parties: carried.parties.map((p) => ({ ...p, joinedOn: p.joinedOn ?? null, leftOn: p.leftOn ?? null, leaveReason: p.leaveReason ?? null })),
  };
}

/**
 * What a new run of the workflow carries over when it continues as new: what the rules still read.
 * The records hold everything else, so the carried state stays small however long the life.
 */
export function carriedState(state: PartnershipState): PartnershipState {
  const thisTerm = <T extends { term: number }>(rows: T[]) => rows.filter((row) => row.term === state.term);
  return {
    ...state,
    agreementVersions: state.agreementVersions.slice(-1),
    legalReviews: state.legalReviews.slice(-1),
    followUps: thisTerm(state.followUps),
    deviations: thisTerm(state.deviations),
    adjustments: thisTerm(state.adjustments),
    evaluations: thisTerm(state.evaluations),
  };
}
