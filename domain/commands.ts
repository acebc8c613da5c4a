// Every human step of a partnership's life, as a zod schema: the API validates requests with these,
// the OpenAPI document is generated from them, and the workflow's Updates take their inferred types.
import { z } from 'zod';
import { partnershipPhases } from './phases';
import {
  agreementHeadings,
  contributionKinds,
  cooperationForms,
  decidingBodyKinds,
  hallandPrinciples,
  legalReviewItems,
  legalReviewOutcomes,
  participationLevels,
  publicContractCriteria,
  type AgreementHeading,
} from './state';
import { timingOverridesSchema } from './timing';

const id = z.uuid();
const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date().meta({ description: 'A calendar date, YYYY-MM-DD' });

export const describeChallenge = z
  .object({ challenge: text(10_000).meta({ description: 'The societal challenge (samhällsutmaning) and its parts' }) })
  .strict()
  .meta({ id: 'DescribeChallenge' });

export const chooseCooperationForm = z
  .object({
    form: z.enum(cooperationForms),
    rationale: text(5_000).meta({ description: 'Why this form and not a grant, procurement or dialogue' }),
  })
  .strict()
  .meta({ id: 'ChooseCooperationForm' });

export const addParty = z
  .object({
    organisationId: id.meta({ description: 'A registered organisation' }),
    kind: z.enum(['PUBLIC', 'IDEBUREN', 'PRIVATE']),
  })
  .strict()
  .meta({ id: 'AddParty' });

export const removeParty = z.object({ partyId: id }).strict().meta({ id: 'RemoveParty' });

export const assignContacts = z
  .object({
    partyId: id,
    contactIds: z.array(id).max(20).meta({ description: "Contact persons of the party's organisation, by id" }),
  })
  .strict()
  .meta({ id: 'AssignContacts' });

export const recordContribution = z
  .object({
    partyId: id,
    kind: z.enum(contributionKinds),
    description: text(2_000),
    valueSek: z.number().nonnegative().max(1e12).nullable().default(null),
  })
  .strict()
  .meta({ id: 'RecordContribution' });

export const addLearningGoal = z
  .object({
    partyId: id.nullable().meta({ description: "The party whose goal it is; null for a joint goal" }),
    description: text(2_000),
  })
  .strict()
  .meta({ id: 'AddLearningGoal' });

export const completeInitiation = z.object({}).strict().meta({ id: 'CompleteInitiation' });

export const saveAgreementDraft = z
  .object({
    sections: z
      .object(Object.fromEntries(agreementHeadings.map((h) => [h, text(20_000).optional()])) as Record<AgreementHeading, z.ZodOptional<z.ZodString>>)
      .strict(),
  })
  .strict()
  .meta({ id: 'SaveAgreementDraft' });

export const submitForLegalReview = z.object({}).strict().meta({ id: 'SubmitForLegalReview' });

export const recordLegalReviewItem = z
  .object({
    item: z.enum(legalReviewItems),
    outcome: z.enum(legalReviewOutcomes),
    note: z.string().trim().max(5_000).default(''),
    publicContractCriteria: z
      .object(Object.fromEntries(publicContractCriteria.map((c) => [c, z.boolean()])) as Record<(typeof publicContractCriteria)[number], z.ZodBoolean>)
      .strict()
      .optional()
      .meta({ description: 'Required for PUBLIC_CONTRACT: whether each of the six LOU criteria holds' }),
  })
  .strict()
  .meta({ id: 'RecordLegalReviewItem' });

export const concludeLegalReview = z
  .object({ conclusion: z.enum(['APPROVED', 'CHANGES_REQUESTED', 'REJECTED']), note: z.string().trim().max(5_000).default('') })
  .strict()
  .meta({ id: 'ConcludeLegalReview' });

export const recordDecision = z
  .object({
    partyId: id,
    agreementVersion: z.number().int().min(1),
    outcome: z.enum(['YES', 'NO']),
    decidingBody: text(200).meta({ example: 'Socialnämnden' }),
    decidingBodyKind: z.enum(decidingBodyKinds),
    meetingDate: isoDate,
    paragraph: text(50).nullable().default(null).meta({ example: '§ 45' }),
    minutesReference: text(200).nullable().default(null),
    approvalDate: isoDate.nullable().default(null).meta({ description: 'Justering of the minutes' }),
    postingDate: isoDate.nullable().default(null).meta({ description: 'Anslag on the notice board' }),
  })
  .strict()
  .meta({ id: 'RecordDecision' });

export const confirmDecisionFinal = z.object({ partyId: id }).strict().meta({ id: 'ConfirmDecisionFinal' });

export const recordAppeal = z
  .object({ partyId: id, lodgedOn: isoDate })
  .strict()
  .meta({ id: 'RecordAppeal', description: "An appeal (laglighetsprövning) of a public party's decision: it holds the decision until its outcome" });

export const recordAppealOutcome = z
  .object({
    partyId: id,
    decisionStands: z.boolean().meta({ description: 'True when the court let the decision stand; false when it was annulled' }),
  })
  .strict()
  .meta({ id: 'RecordAppealOutcome' });

export const startImplementation = z
  .object({
    startDate: isoDate,
    endDate: isoDate
      .optional()
      .meta({ description: "The term's last day; five years after the start when left out (VGR's standard)" }),
    beforeFinal: z
      .object({ reason: text(2_000) })
      .strict()
      .nullable()
      .default(null)
      .meta({ description: 'Set when the parties chose to start before every decision is final' }),
  })
  .strict()
  .meta({ id: 'StartImplementation' });

const surplus = z
  .object({
    handling: z.enum(['NONE', 'REINVESTED', 'REPAID']),
    amountSek: z.number().nonnegative().nullable().default(null),
    note: z.string().trim().max(2_000).default(''),
  })
  .strict()
  .meta({ description: 'What happens to any surplus: no party may profit, so it is reinvested or repaid' });

const partyIds = z.array(id).min(1).max(100);

export const recordFollowUp = z
  .object({
    date: isoDate,
    participantPartyIds: partyIds,
    summary: text(10_000).meta({ description: 'What was done: value-free, what, when, how much' }),
    keyFigures: z
      .array(z.object({ name: text(200), value: z.number(), unit: text(50).nullable().default(null) }).strict())
      .max(100)
      .default([]),
  })
  .strict()
  .meta({ id: 'RecordFollowUp' });

export const raiseDeviation = z
  .object({ raisedOn: isoDate, raisedByPartyId: id.nullable().default(null), description: text(5_000) })
  .strict()
  .meta({ id: 'RaiseDeviation' });

export const agreeAdjustment = z
  .object({
    agreedOn: isoDate,
    description: text(5_000),
    consentingPartyIds: partyIds.meta({ description: 'Every party must consent: adjustments are decided jointly' }),
    newTermEndDate: isoDate.nullable().default(null).meta({ description: "A new end of the current term; every pending notice is rescheduled" }),
  })
  .strict()
  .meta({ id: 'AgreeAdjustment' });

export const startEvaluation = z.object({}).strict().meta({ id: 'StartEvaluation' });

export const recordEvaluation = z
  .object({
    recordedOn: isoDate,
    learningGoalAssessments: z.array(z.object({ learningGoalId: id, assessment: text(5_000) }).strict()).max(200),
    conflictsToPrevent: text(5_000).nullable().default(null).meta({ description: 'Conflicts to prevent in the next period' }),
  })
  .strict()
  .meta({ id: 'RecordEvaluation' });

export const startRenegotiation = z.object({}).strict().meta({ id: 'StartRenegotiation' });

export const recordRenegotiationOutcome = z
  .object({
    outcome: z.enum(['CONTINUE', 'END']),
    consents: z
      .array(z.object({ partyId: id, decision: z.enum(['YES', 'NO']) }).strict())
      .max(100)
      .meta({ description: "Each party's position; continuing needs every party's yes" }),
    note: z.string().trim().max(5_000).default(''),
    surplus: surplus.nullable().default(null),
  })
  .strict()
  .meta({ id: 'RecordRenegotiationOutcome' });

export const startNewTerm = z
  .object({
    startDate: isoDate,
    endDate: isoDate.optional(),
    backTo: z.enum(['INITIATION', 'FORMULATION']).default('FORMULATION'),
  })
  .strict()
  .meta({ id: 'StartNewTerm' });

export const setParticipationLevel = z
  .object({ phase: z.enum(partnershipPhases), level: z.enum(participationLevels) })
  .strict()
  .meta({ id: 'SetParticipationLevel' });

export const assessPrinciples = z
  .object({
    assessments: z
      .array(z.object({ principle: z.enum(hallandPrinciples), assessment: text(5_000) }).strict())
      .min(1)
      .max(6),
  })
  .strict()
  .meta({ id: 'AssessPrinciples' });

export const recordOutcomeContract = z
  .object({
    investor: text(300),
    metrics: z.array(z.object({ name: text(300), target: text(300) }).strict()).min(1).max(50),
    measurementDate: isoDate,
  })
  .strict()
  .meta({ id: 'RecordOutcomeContract' });

export const recordOutcomeMeasurement = z
  .object({
    measuredOn: isoDate,
    results: z.array(z.object({ metric: text(300), value: text(300) }).strict()).min(1).max(50),
    note: text(2_000).nullable().default(null),
  })
  .strict()
  .meta({ id: 'RecordOutcomeMeasurement', description: "The measured outcomes of the outcome contract, each against one of its metrics" });

export const recordExternalReference = z
  .object({
    system: text(100).meta({ description: 'The case system, e.g. "Public 360°, Borås Stad"', example: 'Ciceron KS' }),
    partyId: id.nullable().default(null).meta({ description: 'The party whose registry assigned it' }),
    reference: text(100).meta({ description: 'The diarienummer, kept as given', example: 'KS 2026/123' }),
  })
  .strict()
  .meta({ id: 'RecordExternalReference' });

export const close = z
  .object({
    reason: text(2_000),
    betterForm: z.enum(cooperationForms).nullable().default(null).meta({ description: 'The form of cooperation that fits better, if that is why' }),
  })
  .strict()
  .meta({ id: 'Close' });

export const expireTerm = z.object({}).strict().meta({ id: 'ExpireTerm', description: 'Taken by the system when a term runs out' });

/** Replaces the partnership's timing overrides; what is left out follows the defaults. */
export const setTiming = timingOverridesSchema;

export const withdraw = z.object({ reason: text(2_000) }).strict().meta({ id: 'Withdraw' });

export const terminate = z
  .object({
    reason: text(2_000),
    agreementClause: text(200).meta({ description: 'The clause of the agreement invoked' }),
    surplus: surplus.nullable().default(null),
  })
  .strict()
  .meta({ id: 'Terminate' });

/** Every command, by the name of its Update and of its HTTP action. */
export const commandSchemas = {
  describeChallenge,
  chooseCooperationForm,
  addParty,
  removeParty,
  assignContacts,
  recordContribution,
  addLearningGoal,
  completeInitiation,
  saveAgreementDraft,
  submitForLegalReview,
  recordLegalReviewItem,
  concludeLegalReview,
  recordDecision,
  confirmDecisionFinal,
  recordAppeal,
  recordAppealOutcome,
  startImplementation,
  recordFollowUp,
  raiseDeviation,
  agreeAdjustment,
  startEvaluation,
  recordEvaluation,
  startRenegotiation,
  recordRenegotiationOutcome,
  startNewTerm,
  setParticipationLevel,
  assessPrinciples,
  recordOutcomeContract,
  recordOutcomeMeasurement,
  recordExternalReference,
  setTiming,
  close,
  expireTerm,
  withdraw,
  terminate,
} as const;

export type CommandType = keyof typeof commandSchemas;
export type CommandPayload<T extends CommandType> = z.infer<(typeof commandSchemas)[T]>;
export type Command = { [T in CommandType]: { type: T; payload: CommandPayload<T> } }[CommandType];
export const commandTypes = Object.keys(commandSchemas) as CommandType[];
