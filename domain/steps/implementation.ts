// IMPLEMENTATION and EVALUATION: follow-ups (löpande samråd), deviations, adjustments and the evaluation.
import { z } from 'zod';
import { refuse } from '../refusals';
import { staff, staffAndOwnParty } from '../roles';
import { partiesInTerm } from '../state';
import { defineStep, id, text, isoDate, partyIds, findParty, unknownParty, notInFuture, phaseGroups, rulesOf, todayOf } from './step';

export const implementationSteps = {
  recordFollowUp: defineStep({
    summary: 'Record a follow-up: date, who took part, what was done, key figures',
    // The parties' work goes on to the term's end, through its evaluation and renegotiation.
    phases: phaseGroups.inEffect,
    rights: staffAndOwnParty,
    documents: ['summary'],
    payload: z
      .object({
        date: isoDate,
        participantPartyIds: partyIds,
        summary: text(10_000).meta({ description: 'What was done: value-free, what, when, how much' }),
        keyFigures: z
          .array(z.object({ name: text(100), value: z.number(), unit: text(20).nullable().default(null) }).strict())
          .max(20)
          .default([]),
      })
      .strict()
      .meta({ id: 'RecordFollowUp' }),
    apply(state, { date, participantPartyIds, summary, keyFigures }, ctx) {
      const unknown = participantPartyIds.find((p) => !findParty(state, p));
      if (unknown) return unknownParty(unknown);
      const future = notInFuture(ctx, 'date', date);
      if (future) return future;
      const term = state.terms.find((t) => t.term === state.term);
      if (rulesOf(ctx).calendarLaw.datesChecked && term && date < term.startDate) return refuse('BAD_DATES', `The follow-up is dated before this term began (${term.startDate})`);
      state.followUps.push({ followUpId: ctx.newId(), term: state.term, date, participantPartyIds, summary, keyFigures });
    },
  }),

  raiseDeviation: defineStep({
    summary: 'Raise a deviation (avvikelse) openly',
    phases: ['IMPLEMENTATION', 'EVALUATION'],
    rights: staffAndOwnParty,
    documents: ['description'],
    payload: z
      .object({ raisedOn: isoDate, raisedByPartyId: id.nullable().default(null), description: text(5_000) })
      .strict()
      .meta({ id: 'RaiseDeviation' }),
    apply(state, { raisedOn, raisedByPartyId, description }, ctx) {
      if (raisedByPartyId && !findParty(state, raisedByPartyId)) return unknownParty(raisedByPartyId);
      state.deviations.push({ deviationId: ctx.newId(), term: state.term, raisedOn, raisedByPartyId, description });
    },
  }),

  agreeAdjustment: defineStep({
    summary: "Agree an adjustment, with every party's consent",
    phases: ['IMPLEMENTATION', 'EVALUATION'],
    rights: staff,
    documents: ['description'],
    payload: z
      .object({
        agreedOn: isoDate,
        description: text(5_000),
        consentingPartyIds: partyIds.meta({ description: 'Every party must consent: adjustments are decided jointly' }),
        newTermEndDate: isoDate.nullable().default(null).meta({ description: "A new end of the current term; every pending notice is rescheduled" }),
      })
      .strict()
      .meta({ id: 'AgreeAdjustment' }),
    apply(state, { agreedOn, description, consentingPartyIds, newTermEndDate }, ctx) {
      const missing = partiesInTerm(state).filter((p) => !consentingPartyIds.includes(p.partyId));
      if (missing.length) return refuse('CONSENT_MISSING', `${missing.length} party/parties have not consented`);
      const unknown = consentingPartyIds.find((p) => !findParty(state, p));
      if (unknown) return unknownParty(unknown);
      if (newTermEndDate) {
        const term = state.terms.find((t) => t.term === state.term);
        if (!term || newTermEndDate <= term.startDate || newTermEndDate <= todayOf(ctx)) {
          return refuse('BAD_DATES', "The term's new end must come after its start and after today");
        }
        term.endDate = newTermEndDate;
      }
      state.adjustments.push({ adjustmentId: ctx.newId(), term: state.term, agreedOn, description, consentingPartyIds, newTermEndDate });
    },
  }),

  startEvaluation: defineStep({
    summary: 'Enter EVALUATION',
    phases: ['IMPLEMENTATION'],
    rights: staff,
    payload: z.object({}).strict().meta({ id: 'StartEvaluation' }),
    apply(state) {
      state.phase = 'EVALUATION';
    },
  }),

  recordEvaluation: defineStep({
    summary: 'Record the evaluation: each learning goal assessed, conflicts to prevent',
    phases: ['EVALUATION'],
    rights: staff,
    documents: ['learningGoalAssessments[].assessment', 'conflictsToPrevent'],
    payload: z
      .object({
        recordedOn: isoDate,
        learningGoalAssessments: z.array(z.object({ learningGoalId: id, assessment: text(5_000) }).strict()).max(200),
        conflictsToPrevent: text(5_000).nullable().default(null).meta({ description: 'Conflicts to prevent in the next period' }),
      })
      .strict()
      .meta({ id: 'RecordEvaluation' }),
    apply(state, { recordedOn, learningGoalAssessments, conflictsToPrevent }, ctx) {
      // The learning goals are the checkpoints: each one is assessed.
      const unassessed = state.learningGoals.filter((g) => !learningGoalAssessments.some((a) => a.learningGoalId === g.learningGoalId));
      if (unassessed.length) return refuse('LEARNING_GOALS_UNASSESSED', `${unassessed.length} learning goal(s) not assessed`);
      state.evaluations.push({ evaluationId: ctx.newId(), term: state.term, recordedOn, learningGoalAssessments, conflictsToPrevent });
    },
  }),
};
