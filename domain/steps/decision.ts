// DECISION (beslut): every party's decision on the submitted version, appeals (laglighetsprövning), and the start of implementation.
import { z } from 'zod';
import { refuse } from '../refusals';
import { staff, staffAndOwnParty } from '../roles';
import {
  decidingBodyKinds,
  type PartyDecision,
} from '../state';
import { addYears, appealWindowEnds, isoDay } from '../dates';
import { defineStep, id, text, isoDate, findParty, unknownParty } from './step';

export const decisionSteps = {
  recordDecision: defineStep({
    summary: "Record a party's decision on the submitted agreement version",
    phases: ['DECISION'],
    rights: staffAndOwnParty,
    payload: z
      .object({
        partyId: id,
        agreementVersion: z.number().int().min(1).max(100_000),
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
      .meta({ id: 'RecordDecision' }),
    apply(state, payload, ctx) {
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
  }),

  confirmDecisionFinal: defineStep({
    summary: 'Confirm that a decision has become final (laga kraft)',
    phases: ['DECISION'],
    rights: staff,
    payload: z.object({ partyId: id }).strict().meta({ id: 'ConfirmDecisionFinal' }),
    apply(state, { partyId }, ctx) {
      const decision = state.decisions.find((d) => d.partyId === partyId && d.outcome === 'YES');
      if (!decision) return refuse('DECISION_NOT_FOUND', 'This party has no yes on record');
      if (decision.appealed) return refuse('APPEAL_WINDOW_OPEN', 'An appeal holds the decision until its outcome is recorded');
      if (!decision.appealWindowEnds || isoDay(ctx.now) < decision.appealWindowEnds) {
        return refuse('APPEAL_WINDOW_OPEN', 'The three-week appeal window has not passed since the posting');
      }
      decision.final = true;
    },
  }),

  recordAppeal: defineStep({
    summary: "Record an appeal of a public party's decision: it holds the decision",
    phases: ['DECISION', 'IMPLEMENTATION'],
    rights: staff,
    payload: z
      .object({ partyId: id, lodgedOn: isoDate })
      .strict()
      .meta({ id: 'RecordAppeal', description: "An appeal (laglighetsprövning) of a public party's decision: it holds the decision until its outcome" }),
    apply(state, { partyId }) {
      const decision = state.decisions.find((d) => d.partyId === partyId && d.outcome === 'YES');
      if (!decision) return refuse('DECISION_NOT_FOUND', 'This party has no yes on record');
      if (findParty(state, partyId)?.kind !== 'PUBLIC') return refuse('NOT_APPEALABLE', "Only a public body's decision can be appealed");
      decision.appealed = true;
      decision.final = false;
    },
  }),

  recordAppealOutcome: defineStep({
    summary: 'Record the outcome of an appeal: the decision stands, or the party decides again',
    phases: ['DECISION', 'IMPLEMENTATION'],
    rights: staff,
    payload: z
      .object({
        partyId: id,
        decisionStands: z.boolean().meta({ description: 'True when the court let the decision stand; false when it was annulled' }),
      })
      .strict()
      .meta({ id: 'RecordAppealOutcome' }),
    apply(state, { partyId, decisionStands }) {
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
  }),

  startImplementation: defineStep({
    summary: 'Start implementation (genomförande)',
    phases: ['DECISION'],
    rights: staff,
    documents: ['beforeFinal.reason'],
    payload: z
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
      .meta({ id: 'StartImplementation' }),
    apply(state, { startDate, endDate, beforeFinal }) {
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
  }),
};
