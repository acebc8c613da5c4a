// RENEGOTIATION (omförhandling): continue with every party, or end.
import { z } from 'zod';
import { refuse } from '../refusals';
import { staff } from '../roles';
import { addYears } from '../dates';
import { defineStep, id, isoDate, surplus, note } from './step';

export const renegotiationSteps = {
  startRenegotiation: defineStep({
    summary: 'Enter RENEGOTIATION once the term is evaluated',
    phases: ['EVALUATION'],
    rights: staff,
    payload: z.object({}).strict().meta({ id: 'StartRenegotiation' }),
    apply(state) {
      if (!state.evaluations.some((e) => e.term === state.term)) {
        return refuse('EVALUATION_MISSING', 'Record an evaluation of this term before renegotiating');
      }
      state.phase = 'RENEGOTIATION';
    },
  }),

  recordRenegotiationOutcome: defineStep({
    summary: 'Record the renegotiation: continue (every party says yes) or end',
    phases: ['RENEGOTIATION'],
    rights: staff,
    documents: ['note', 'surplus.note'],
    payload: z
      .object({
        outcome: z.enum(['CONTINUE', 'END']),
        consents: z
          .array(z.object({ partyId: id, decision: z.enum(['YES', 'NO']) }).strict())
          .max(100)
          .meta({ description: "Each party's position; continuing needs every party's yes" }),
        note: note(5_000),
        surplus: surplus.nullable().default(null),
      })
      .strict()
      .meta({ id: 'RecordRenegotiationOutcome' }),
    apply(state, { outcome, consents, note, surplus }) {
      if (outcome === 'CONTINUE') {
        // No silent renewal: every party says yes to going on.
        const missing = state.parties.filter((p) => !consents.some((c) => c.partyId === p.partyId && c.decision === 'YES'));
        if (missing.length) return refuse('CONSENT_MISSING', `${missing.length} party/parties have not said yes to continuing`);
      }
      state.renegotiations = state.renegotiations.filter((r) => r.term !== state.term);
      state.renegotiations.push({ term: state.term, outcome, consents, note });
      if (outcome === 'END') {
        state.phase = 'ENDED';
        state.ending = { kind: 'ENDED', reason: note || 'The parties chose to end the partnership', agreementClause: null, surplus, betterForm: null };
      }
    },
  }),

  startNewTerm: defineStep({
    summary: 'Start a new term after an agreed renegotiation',
    phases: ['RENEGOTIATION'],
    rights: staff,
    payload: z
      .object({
        startDate: isoDate,
        endDate: isoDate.optional(),
        backTo: z.enum(['INITIATION', 'FORMULATION']).default('FORMULATION'),
      })
      .strict()
      .meta({ id: 'StartNewTerm' }),
    apply(state, { startDate, endDate, backTo }) {
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
  }),
};
