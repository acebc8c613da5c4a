// RENEGOTIATION (omförhandling): continue with every party, or end.
import { z } from 'zod';
import { refuse } from '../refusals';
import { staff } from '../roles';
import { addDays } from '../dates';
import type { PartnershipState } from '../state';
import { defaultTermEnd, termDatesAgainstToday } from './decision';

type Renegotiation = PartnershipState['renegotiations'][number];
import { defineStep, id, isoDate, surplus, note, rulesOf } from './step';

export const renegotiationSteps = {
  startRenegotiation: defineStep({
    summary: 'Enter RENEGOTIATION once the term is evaluated',
    phases: ['EVALUATION'],
    rights: staff,
    payload: z.object({}).strict().meta({ id: 'StartRenegotiation' }),
    conditions: ['an evaluation of this term is on record (EVALUATION_MISSING)'],
    ready(state) {
      if (!state.evaluations.some((e) => e.term === state.term)) {
        return refuse('EVALUATION_MISSING', 'Record an evaluation of this term before renegotiating');
      }
    },
    apply(state) {
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
        nextTerm: z
          .object({
            startDate: isoDate.optional().meta({ description: "The new term's first day; the day after this term's last when left out" }),
            endDate: isoDate.optional().meta({ description: "The new term's last day; the day before the fifth anniversary when left out" }),
            backTo: z.enum(['INITIATION', 'FORMULATION']).default('FORMULATION').meta({ description: 'Where the new term begins: its agreement is formulated, reviewed and decided again' }),
          })
          .strict()
          .optional()
          .meta({ description: 'For CONTINUE: the new term, which starts by itself on its first day' }),
      })
      .strict()
      .meta({ id: 'RecordRenegotiationOutcome' }),
    apply(state, { outcome, consents, note, surplus, nextTerm }, ctx) {
      if (outcome === 'CONTINUE') {
        // No silent renewal: every party says yes to going on.
        // Those joining for the next term say yes too; a party that has left does not.
        const missing = state.parties.filter((p) => !p.leftOn && !consents.some((c) => c.partyId === p.partyId && c.decision === 'YES'));
        if (missing.length) return refuse('CONSENT_MISSING', `${missing.length} party/parties have not said yes to continuing`);
      }
      const rules = rulesOf(ctx);
      const term = state.terms.find((t) => t.term === state.term);
      let agreedTerm: Renegotiation['nextTerm'] = null;
      if (rules.calendarLaw.renegotiationCarriedThrough && outcome === 'CONTINUE' && term) {
        const startDate = nextTerm?.startDate ?? addDays(term.endDate, 1);
        const endDate = nextTerm?.endDate ?? defaultTermEnd(rules, startDate);
        // The new term follows this one without a gap: a gap would end the partnership in between.
        if (startDate <= term.startDate || startDate > addDays(term.endDate, 1)) {
          return refuse('BAD_DATES', `The new term must start after ${term.startDate} and no later than ${addDays(term.endDate, 1)}, the day after this term's last`);
        }
        if (endDate <= startDate) return refuse('BAD_DATES', "The new term's end must come after its start");
        agreedTerm = { startDate, endDate, backTo: nextTerm?.backTo ?? 'FORMULATION' };
      }
      state.renegotiations = state.renegotiations.filter((r) => r.term !== state.term);
      state.renegotiations.push({ term: state.term, outcome, consents, note, nextTerm: agreedTerm });
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
    conditions: ['every party agreed to continue (RENEGOTIATION_NOT_AGREED)', "the new term's dates are in order (BAD_DATES)"],
    ready(state) {
      if (!state.renegotiations.some((r) => r.term === state.term && r.outcome === 'CONTINUE')) return refuse('RENEGOTIATION_NOT_AGREED', 'Every party must first agree to continue');
    },
    apply(state, { startDate, endDate, backTo }, ctx) {
      const termEnd = endDate ?? defaultTermEnd(rulesOf(ctx), startDate);
      if (termEnd <= startDate) return refuse('BAD_DATES', "The term's end must come after its start");
      const dates = termDatesAgainstToday(ctx, startDate, termEnd);
      if (dates) return dates;
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
