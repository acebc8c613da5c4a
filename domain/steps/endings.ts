// How a partnership ends early or runs out: closed (avskriven), withdrawn, terminated (hävd), expired.
import { z } from 'zod';
import { refuse } from '../refusals';
import { administrator, staff } from '../roles';
import {
  cooperationForms,
} from '../state';
import { defineStep, id, text, surplus, phaseGroups, todayOf } from './step';

export const endingSteps = {
  close: defineStep({
    summary: 'Close the case in INITIATION, for example because another form of cooperation fits better',
    phases: ['INITIATION'],
    rights: staff,
    documents: ['reason'],
    payload: z
      .object({
        reason: text(2_000),
        betterForm: z.enum(cooperationForms).nullable().default(null).meta({ description: 'The form of cooperation that fits better, if that is why' }),
      })
      .strict()
      .meta({ id: 'Close' }),
    apply(state, { reason, betterForm }) {
      state.phase = 'CLOSED';
      state.ending = { kind: 'CLOSED', reason, agreementClause: null, surplus: null, betterForm };
    },
  }),

  expireTerm: defineStep({
    summary: 'End the partnership when its term has run out without a new one (the system takes this step)',
    phases: phaseGroups.inEffect,
    rights: administrator,
    payload: z.object({}).strict().meta({ id: 'ExpireTerm', description: 'Taken by the system when a term runs out' }),
    conditions: ["the term's last day has come (TERM_NOT_OVER)", 'the parties did not agree to continue (RENEGOTIATION_NOT_AGREED)'],
    ready(state, ctx) {
      const term = state.terms.find((t) => t.term === state.term);
      if (!term || todayOf(ctx) < term.endDate) return refuse('TERM_NOT_OVER', 'The term has not run out');
      // Nothing renews silently: without every party's yes to going on, the partnership ends.
      if (state.renegotiations.some((r) => r.term === state.term && r.outcome === 'CONTINUE')) {
        return refuse('RENEGOTIATION_NOT_AGREED', 'The parties agreed to continue; start the new term');
      }
    },
    apply(state) {
      state.phase = 'ENDED';
      state.ending = { kind: 'ENDED', reason: 'The term ran out without a decision on a new term', agreementClause: null, surplus: null, betterForm: null };
    },
  }),

  recordFinalAccounts: defineStep({
    summary: 'Record the final accounts after the partnership has ended: what happened to any surplus',
    phases: ['ENDED', 'TERMINATED'],
    rights: staff,
    documents: ['surplus.note'],
    payload: z.object({ surplus }).strict().meta({ id: 'RecordFinalAccounts', description: 'No party may profit: a surplus is reinvested or repaid' }),
    conditions: ['the final accounts are not yet on record (WRONG_PHASE)'],
    ready(state) {
      // Once they are on record the workflow completes: a second attempt finds it finished.
      if (!state.ending || state.ending.surplus) return refuse('WRONG_PHASE', 'The final accounts are already on record');
    },
    apply(state, { surplus }) {
      state.ending!.surplus = surplus;
    },
  }),

  withdraw: defineStep({
    summary: 'Withdraw the case before the agreement takes effect (avskrivning)',
    phases: phaseGroups.beforeEffect,
    rights: staff,
    documents: ['reason'],
    payload: z.object({ reason: text(2_000) }).strict().meta({ id: 'Withdraw' }),
    apply(state, { reason }) {
      state.phase = 'CLOSED';
      state.ending = { kind: 'CLOSED', reason, agreementClause: null, surplus: null, betterForm: null };
    },
  }),

  terminate: defineStep({
    summary: 'Terminate the agreement early (hävning) under its clause',
    phases: phaseGroups.inEffect,
    rights: staff,
    documents: ['reason', 'surplus.note'],
    payload: z
      .object({
        reason: text(2_000),
        agreementClause: text(200).meta({ description: 'The clause of the agreement invoked' }),
        surplus: surplus.nullable().default(null),
        disputeId: id.optional().meta({ description: 'The dispute that ends in hävning, if one does' }),
      })
      .strict()
      .meta({ id: 'Terminate' }),
    apply(state, { reason, agreementClause, surplus, disputeId }, ctx) {
      if (disputeId) {
        const dispute = state.disputes.find((d) => d.disputeId === disputeId);
        if (!dispute) return refuse('DISPUTE_NOT_FOUND', `No dispute ${disputeId} in this partnership`);
        if (dispute.outcome) return refuse('DISPUTE_SETTLED', `The dispute was settled on ${dispute.resolvedOn}`);
        Object.assign(dispute, { resolvedOn: todayOf(ctx), outcome: 'TERMINATED', resolution: reason });
      }
      state.phase = 'TERMINATED';
      state.ending = { kind: 'TERMINATED', reason, agreementClause, surplus, betterForm: null };
    },
  }),
};
