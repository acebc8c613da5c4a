// The lifecycle's transition rules and guards (DOMAIN.md section 3), as one pure function: given a
// state and a command, either the next state or a typed refusal. The workflow's Update validators
// and handlers both call it; nothing here does I/O or reads a clock.
import type { PartnershipPhase } from './phases';
import type { Command, CommandPayload, CommandType } from './commands';
import { addYears, appealWindowEnds, isoDay } from './dates';
import { refuse, type Refusal } from './refusals';
import { effectiveTiming } from './timing';
import {
  agreementHeadings,
  legalReviewItems,
  publicContractCriteria,
  type PartnershipState,
  type Party,
  type PartyDecision,
} from './state';

export interface DecisionContext {
  /** Workflow time, epoch milliseconds. */
  now: number;
  /** A fresh id; the validator passes a placeholder, since it must not draw on the workflow's randomness. */
  newId: () => string;
  actorKeyId: string | null;
}

export type Outcome = { ok: true; state: PartnershipState } | { ok: false; refusal: Refusal };

const beforeEffect: PartnershipPhase[] = ['INITIATION', 'FORMULATION', 'LEGAL_REVIEW', 'DECISION'];
const inEffect: PartnershipPhase[] = ['IMPLEMENTATION', 'EVALUATION', 'RENEGOTIATION'];
const open: PartnershipPhase[] = [...beforeEffect, ...inEffect];

/** Which phases each step may be taken in. */
export const allowedPhases: Record<CommandType, PartnershipPhase[]> = {
  describeChallenge: ['INITIATION', 'FORMULATION'],
  chooseCooperationForm: ['INITIATION'],
  addParty: ['INITIATION', 'FORMULATION', 'IMPLEMENTATION', 'RENEGOTIATION'],
  removeParty: ['INITIATION', 'FORMULATION'],
  assignContacts: open,
  recordContribution: open,
  addLearningGoal: ['INITIATION', 'FORMULATION', 'RENEGOTIATION'],
  completeInitiation: ['INITIATION'],
  saveAgreementDraft: ['FORMULATION'],
  submitForLegalReview: ['FORMULATION'],
  recordLegalReviewItem: ['LEGAL_REVIEW'],
  concludeLegalReview: ['LEGAL_REVIEW'],
  recordDecision: ['DECISION'],
  confirmDecisionFinal: ['DECISION'],
  recordAppeal: ['DECISION', 'IMPLEMENTATION'],
  recordAppealOutcome: ['DECISION', 'IMPLEMENTATION'],
  startImplementation: ['DECISION'],
  recordFollowUp: ['IMPLEMENTATION', 'EVALUATION'],
  raiseDeviation: ['IMPLEMENTATION', 'EVALUATION'],
  agreeAdjustment: ['IMPLEMENTATION', 'EVALUATION'],
  startEvaluation: ['IMPLEMENTATION'],
  recordEvaluation: ['EVALUATION'],
  startRenegotiation: ['EVALUATION'],
  recordRenegotiationOutcome: ['RENEGOTIATION'],
  startNewTerm: ['RENEGOTIATION'],
  setParticipationLevel: open,
  assessPrinciples: open,
  recordOutcomeContract: ['INITIATION', 'FORMULATION', 'RENEGOTIATION'],
  recordOutcomeMeasurement: open,
  recordExternalReference: open,
  setTiming: open,
  close: ['INITIATION'],
  expireTerm: inEffect,
  withdraw: beforeEffect,
  terminate: inEffect,
};

type Step<T extends CommandType> = (state: PartnershipState, payload: CommandPayload<T>, ctx: DecisionContext) => Refusal | void;

const ok = (state: PartnershipState): Outcome => ({ ok: true, state });
const findParty = (state: PartnershipState, partyId: string): Party | undefined => state.parties.find((p) => p.partyId === partyId);
const unknownParty = (partyId: string) => refuse('UNKNOWN_PARTY', `No party ${partyId} in this partnership`);

// Each step mutates the copy of the state it is given, or returns a refusal.
const steps: { [T in CommandType]: Step<T> } = {
  describeChallenge(state, { challenge }) {
    state.challenge = challenge;
  },

  chooseCooperationForm(state, { form, rationale }) {
    state.cooperationForm = { chosen: form, rationale };
  },

  addParty(state, { organisationId, kind }, ctx) {
    if (state.parties.some((p) => p.organisationId === organisationId)) {
      return refuse('PARTY_ALREADY_ADDED', 'The organisation is already a party');
    }
    state.parties.push({ partyId: ctx.newId(), organisationId, kind, joinedInTerm: state.term, contactIds: [], contributions: [] });
  },

  removeParty(state, { partyId }) {
    if (!findParty(state, partyId)) return unknownParty(partyId);
    state.parties = state.parties.filter((p) => p.partyId !== partyId);
    state.learningGoals = state.learningGoals.filter((g) => g.partyId !== partyId);
  },

  assignContacts(state, { partyId, contactIds }) {
    const party = findParty(state, partyId);
    if (!party) return unknownParty(partyId);
    party.contactIds = [...new Set(contactIds)];
  },

  recordContribution(state, { partyId, kind, description, valueSek }, ctx) {
    const party = findParty(state, partyId);
    if (!party) return unknownParty(partyId);
    party.contributions.push({ contributionId: ctx.newId(), kind, description, valueSek });
  },

  addLearningGoal(state, { partyId, description }, ctx) {
    if (partyId !== null && !findParty(state, partyId)) return unknownParty(partyId);
    state.learningGoals.push({ learningGoalId: ctx.newId(), partyId, description });
  },

  completeInitiation(state) {
    if (!state.challenge) return refuse('CHALLENGE_NOT_DESCRIBED', 'Describe the societal challenge first');
    const kinds = new Set(state.parties.map((p) => p.kind));
    if (!kinds.has('PUBLIC') || !kinds.has('IDEBUREN')) {
      return refuse('PARTIES_MISSING', 'An IOP needs at least one public and one idéburen party');
    }
    if (state.cooperationForm?.chosen !== 'IOP') {
      return refuse('FORM_NOT_IOP', 'Choose IOP as the form of cooperation, with the reason, or close the case');
    }
    state.phase = 'FORMULATION';
  },

  saveAgreementDraft(state, { sections }) {
    const latest = state.agreementVersions.at(-1);
    if (latest && !latest.locked) {
      latest.sections = sections;
      latest.savedAtRevision = state.revision + 1;
    } else {
      state.agreementVersions.push({ version: (latest?.version ?? 0) + 1, sections, locked: false, savedAtRevision: state.revision + 1 });
    }
  },

  submitForLegalReview(state) {
    const draft = state.agreementVersions.at(-1);
    if (!draft || draft.locked) return refuse('NO_DRAFT', 'Save a new agreement draft first');
    const missing = agreementHeadings.filter((h) => !draft.sections[h]);
    if (missing.length) return refuse('DRAFT_INCOMPLETE', `The draft lacks: ${missing.join(', ')}`);
    // Once it is under review, the text that the parties will decide on cannot change.
    draft.locked = true;
    state.submittedVersion = draft.version;
    state.decisions = [];
    state.legalReviews.push({ round: state.legalReviews.length + 1, agreementVersion: draft.version, answers: [], conclusion: null });
    state.phase = 'LEGAL_REVIEW';
  },

  recordLegalReviewItem(state, { item, outcome, note, publicContractCriteria: criteria }, ctx) {
    if (item === 'PUBLIC_CONTRACT' && !criteria) {
      return refuse('PUBLIC_CONTRACT_CRITERIA_MISSING', 'Answer each of the six LOU criteria');
    }
    const review = state.legalReviews.at(-1)!;
    review.answers = review.answers.filter((a) => a.item !== item);
    review.answers.push({ item, outcome, note, reviewerKeyId: ctx.actorKeyId, ...(criteria ? { publicContractCriteria: criteria } : {}) });
  },

  concludeLegalReview(state, { conclusion }) {
    const review = state.legalReviews.at(-1)!;
    if (conclusion === 'APPROVED') {
      const unanswered = legalReviewItems.filter((item) => !review.answers.some((a) => a.item === item));
      if (unanswered.length) return refuse('LEGAL_REVIEW_INCOMPLETE', `Unanswered: ${unanswered.join(', ')}`);
      if (isPublicContract(state)) {
        return refuse('IS_PUBLIC_CONTRACT', 'All six LOU criteria hold: this is a public contract, not an IOP');
      }
    }
    review.conclusion = conclusion;
    if (conclusion === 'APPROVED') state.phase = 'DECISION';
    if (conclusion === 'CHANGES_REQUESTED') state.phase = 'FORMULATION';
    if (conclusion === 'REJECTED') {
      state.phase = 'CLOSED';
      state.ending = { kind: 'CLOSED', reason: 'The legal review rejected the agreement', agreementClause: null, surplus: null };
    }
  },

  recordDecision(state, payload, ctx) {
    const party = findParty(state, payload.partyId);
    if (!party) return unknownParty(payload.partyId);
    if (payload.agreementVersion !== state.submittedVersion) {
      return refuse('WRONG_AGREEMENT_VERSION', `The parties decide on version ${state.submittedVersion}`);
    }
    if (state.decisions.some((d) => d.partyId === party.partyId)) return refuse('ALREADY_DECIDED', 'This party has already decided');
    const isPublic = party.kind === 'PUBLIC';
    const windowEnds = isPublic && payload.postingDate ? appealWindowEnds(payload.postingDate) : null;
    const decision: PartyDecision = {
      ...payload,
      appealWindowEnds: windowEnds,
      appealed: false,
      // Only a public body's decision can be appealed; a board's decision is final when taken, and
      // one recorded after its window has passed is final at once (an appeal lodged in time can
      // still be recorded, and holds it again).
      final: !isPublic || (windowEnds !== null && windowEnds <= isoDay(ctx.now)),
    };
    state.decisions.push(decision);
    if (payload.outcome === 'NO') {
      state.phase = 'FORMULATION';
      return;
    }
    if (state.parties.every((p) => state.decisions.some((d) => d.partyId === p.partyId && d.outcome === 'YES'))) {
      state.versionInForce = state.submittedVersion;
    }
  },

  confirmDecisionFinal(state, { partyId }, ctx) {
    const decision = state.decisions.find((d) => d.partyId === partyId && d.outcome === 'YES');
    if (!decision) return refuse('DECISION_NOT_FOUND', 'This party has no yes on record');
    if (decision.appealed) return refuse('APPEAL_WINDOW_OPEN', 'An appeal holds the decision until its outcome is recorded');
    if (!decision.appealWindowEnds || isoDay(ctx.now) < decision.appealWindowEnds) {
      return refuse('APPEAL_WINDOW_OPEN', 'The three-week appeal window has not passed since the posting');
    }
    decision.final = true;
  },

  recordAppeal(state, { partyId }) {
    const decision = state.decisions.find((d) => d.partyId === partyId && d.outcome === 'YES');
    if (!decision) return refuse('DECISION_NOT_FOUND', 'This party has no yes on record');
    if (findParty(state, partyId)?.kind !== 'PUBLIC') return refuse('NOT_APPEALABLE', "Only a public body's decision can be appealed");
    decision.appealed = true;
    decision.final = false;
  },

  recordAppealOutcome(state, { partyId, decisionStands }) {
    const decision = state.decisions.find((d) => d.partyId === partyId && d.appealed);
    if (!decision) return refuse('NOT_APPEALED', "No appeal of this party's decision is on record");
    if (decisionStands) {
      decision.appealed = false;
      decision.final = true;
      return;
    }
    // Annulled: the party must decide again.
    state.decisions = state.decisions.filter((d) => d !== decision);
    if (state.phase === 'DECISION') state.versionInForce = null;
  },

  startImplementation(state, { startDate, endDate, beforeFinal }) {
    const termEnd = endDate ?? addYears(startDate, 5);
    if (termEnd <= startDate) return refuse('BAD_DATES', "The term's end must come after its start");
    const pending = state.parties.filter((p) => !state.decisions.some((d) => d.partyId === p.partyId && d.outcome === 'YES'));
    if (pending.length) return refuse('DECISIONS_PENDING', `Waiting on ${pending.length} party decision(s)`);
    if (!beforeFinal && state.decisions.some((d) => !d.final)) {
      return refuse('DECISIONS_NOT_FINAL', 'Every decision must be final, or the parties must choose to start before');
    }
    state.implementation = { startDate, beforeFinal };
    state.terms = state.terms.filter((t) => t.term !== state.term);
    state.terms.push({ term: state.term, startDate, endDate: termEnd });
    state.phase = 'IMPLEMENTATION';
  },

  recordFollowUp(state, { date, participantPartyIds, summary, keyFigures }, ctx) {
    const unknown = participantPartyIds.find((p) => !findParty(state, p));
    if (unknown) return unknownParty(unknown);
    state.followUps.push({ followUpId: ctx.newId(), term: state.term, date, participantPartyIds, summary, keyFigures });
  },

  raiseDeviation(state, { raisedOn, raisedByPartyId, description }, ctx) {
    if (raisedByPartyId && !findParty(state, raisedByPartyId)) return unknownParty(raisedByPartyId);
    state.deviations.push({ deviationId: ctx.newId(), term: state.term, raisedOn, raisedByPartyId, description });
  },

  agreeAdjustment(state, { agreedOn, description, consentingPartyIds, newTermEndDate }, ctx) {
    const missing = state.parties.filter((p) => !consentingPartyIds.includes(p.partyId));
    if (missing.length) return refuse('CONSENT_MISSING', `${missing.length} party/parties have not consented`);
    const unknown = consentingPartyIds.find((p) => !findParty(state, p));
    if (unknown) return unknownParty(unknown);
    if (newTermEndDate) {
      const term = state.terms.find((t) => t.term === state.term);
      if (!term || newTermEndDate <= term.startDate || newTermEndDate <= isoDay(ctx.now)) {
        return refuse('BAD_DATES', "The term's new end must come after its start and after today");
      }
      term.endDate = newTermEndDate;
    }
    state.adjustments.push({ adjustmentId: ctx.newId(), term: state.term, agreedOn, description, consentingPartyIds, newTermEndDate });
  },

  startEvaluation(state) {
    state.phase = 'EVALUATION';
  },

  recordEvaluation(state, { recordedOn, learningGoalAssessments, conflictsToPrevent }, ctx) {
    // The learning goals are the checkpoints: each one is assessed.
    const unassessed = state.learningGoals.filter((g) => !learningGoalAssessments.some((a) => a.learningGoalId === g.learningGoalId));
    if (unassessed.length) return refuse('LEARNING_GOALS_UNASSESSED', `${unassessed.length} learning goal(s) not assessed`);
    state.evaluations.push({ evaluationId: ctx.newId(), term: state.term, recordedOn, learningGoalAssessments, conflictsToPrevent });
  },

  startRenegotiation(state) {
    if (!state.evaluations.some((e) => e.term === state.term)) {
      return refuse('EVALUATION_MISSING', 'Record an evaluation of this term before renegotiating');
    }
    state.phase = 'RENEGOTIATION';
  },

  recordRenegotiationOutcome(state, { outcome, consents, note, surplus }) {
    if (outcome === 'CONTINUE') {
      // No silent renewal: every party says yes to going on.
      const missing = state.parties.filter((p) => !consents.some((c) => c.partyId === p.partyId && c.decision === 'YES'));
      if (missing.length) return refuse('CONSENT_MISSING', `${missing.length} party/parties have not said yes to continuing`);
    }
    state.renegotiations = state.renegotiations.filter((r) => r.term !== state.term);
    state.renegotiations.push({ term: state.term, outcome, consents, note });
    if (outcome === 'END') {
      state.phase = 'ENDED';
      state.ending = { kind: 'ENDED', reason: note || 'The parties chose to end the partnership', agreementClause: null, surplus };
    }
  },

  startNewTerm(state, { startDate, endDate, backTo }) {
    const agreed = state.renegotiations.find((r) => r.term === state.term && r.outcome === 'CONTINUE');
    if (!agreed) return refuse('RENEGOTIATION_NOT_AGREED', 'Every party must first agree to continue');
    const termEnd = endDate ?? addYears(startDate, 5);
    if (termEnd <= startDate) return refuse('BAD_DATES', "The term's end must come after its start");
    // All history is kept; the new term's agreement goes through review and decisions again.
    state.term += 1;
    state.terms.push({ term: state.term, startDate, endDate: termEnd });
    state.phase = backTo;
    state.submittedVersion = null;
    state.decisions = [];
    state.implementation = null;
  },

  setParticipationLevel(state, { phase, level }) {
    state.participationLevels[phase] = level;
  },

  assessPrinciples(state, { assessments }) {
    for (const assessment of assessments) {
      state.principlesAssessment = state.principlesAssessment.filter((a) => a.principle !== assessment.principle);
      state.principlesAssessment.push(assessment);
    }
  },

  recordOutcomeContract(state, contract) {
    state.outcomeContract = { ...contract, measurements: state.outcomeContract?.measurements ?? [] };
  },

  recordOutcomeMeasurement(state, measurement) {
    const contract = state.outcomeContract;
    if (!contract) return refuse('NO_OUTCOME_CONTRACT', 'There is no outcome contract to measure against');
    const unknown = measurement.results.find((r) => !contract.metrics.some((m) => m.name === r.metric));
    if (unknown) return refuse('UNKNOWN_METRIC', `The outcome contract has no metric named "${unknown.metric}"`);
    contract.measurements.push(measurement);
  },

  recordExternalReference(state, { system, partyId, reference }) {
    if (partyId && !findParty(state, partyId)) return unknownParty(partyId);
    // One reference per case system and party: a corrected number replaces the old one.
    state.externalReferences = state.externalReferences.filter((r) => !(r.system === system && r.partyId === partyId));
    state.externalReferences.push({ system, partyId, reference });
  },

  setTiming(state, overrides) {
    const timing = effectiveTiming(overrides);
    if (timing.escalateAfterDays <= timing.remindAfterDays) {
      return refuse('BAD_TIMING', 'An escalation must come after the reminder');
    }
    if (timing.followUp.denseMonths > 0 && timing.followUp.denseEveryMonths > timing.followUp.denseMonths) {
      return refuse('BAD_TIMING', 'The dense follow-up cadence must fit within the dense period');
    }
    state.timingOverrides = overrides;
  },

  close(state, { reason, betterForm }) {
    state.phase = 'CLOSED';
    const because = betterForm ? ` (${betterForm} fits better)` : '';
    state.ending = { kind: 'CLOSED', reason: `${reason}${because}`, agreementClause: null, surplus: null };
  },

  expireTerm(state, _payload, ctx) {
    const term = state.terms.find((t) => t.term === state.term);
    if (!term || isoDay(ctx.now) < term.endDate) return refuse('TERM_NOT_OVER', 'The term has not run out');
    // Nothing renews silently: without every party's yes to going on, the partnership ends.
    if (state.renegotiations.some((r) => r.term === state.term && r.outcome === 'CONTINUE')) {
      return refuse('RENEGOTIATION_NOT_AGREED', 'The parties agreed to continue; start the new term');
    }
    state.phase = 'ENDED';
    state.ending = { kind: 'ENDED', reason: 'The term ran out without a decision on a new term', agreementClause: null, surplus: null };
  },

  withdraw(state, { reason }) {
    state.phase = 'CLOSED';
    state.ending = { kind: 'CLOSED', reason, agreementClause: null, surplus: null };
  },

  terminate(state, { reason, agreementClause, surplus }) {
    state.phase = 'TERMINATED';
    state.ending = { kind: 'TERMINATED', reason, agreementClause, surplus };
  },
};

/** LOU: a public contract exists only if all six criteria hold. */
export function isPublicContract(state: PartnershipState): boolean {
  const answer = state.legalReviews.at(-1)?.answers.find((a) => a.item === 'PUBLIC_CONTRACT');
  return !!answer?.publicContractCriteria && publicContractCriteria.every((c) => answer.publicContractCriteria![c]);
}

export function decide(state: PartnershipState, command: Command, ctx: DecisionContext): Outcome {
  if (!allowedPhases[command.type].includes(state.phase)) {
    return { ok: false, refusal: refuse('WRONG_PHASE', `${command.type} is not possible in ${state.phase}`) };
  }
  const next = JSON.parse(JSON.stringify(state)) as PartnershipState;
  const step = steps[command.type] as Step<CommandType>;
  const refusal = step(next, command.payload, ctx);
  if (refusal) return { ok: false, refusal };
  next.revision = state.revision + 1;
  if (next.phase !== state.phase || next.term !== state.term) next.phaseEnteredOn = isoDay(ctx.now);
  return ok(next);
}
