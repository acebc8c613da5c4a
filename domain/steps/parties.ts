// Parties that come and go while the partnership goes on: a party leaves (utträde), and disputes
// (tvist) are raised and handled under the agreement's clause, resolved or ended in hävning.
import { z } from 'zod';
import { refuse } from '../refusals';
import { staff, staffAndOwnParty } from '../roles';
import { partiesInTerm, saidYes } from '../state';
import { defineStep, findParty, id, isoDate, notInFuture, phaseGroups, rulesOf, text, unknownParty } from './step';

export const partySteps = {
  recordDeparture: defineStep({
    summary: 'Record that a party leaves (utträde) while the others go on',
    phases: phaseGroups.inEffect,
    rights: staffAndOwnParty,
    documents: ['reason'],
    payload: z
      .object({
        partyId: id,
        leftOn: isoDate.meta({ description: 'The day the party left' }),
        reason: text(2_000).meta({ description: 'Why it left, and under which clause of the agreement' }),
      })
      .strict()
      .meta({ id: 'RecordDeparture' }),
    apply(state, { partyId, leftOn, reason }, ctx) {
      const party = findParty(state, partyId);
      if (!party) return unknownParty(partyId);
      if (party.leftOn) return refuse('PARTY_HAS_LEFT', `The party left on ${party.leftOn}`);
      const future = notInFuture(ctx, 'leftOn', leftOn);
      if (future) return future;
      if (party.joinedOn && leftOn < party.joinedOn) return refuse('BAD_DATES', `The party joined on ${party.joinedOn}`);
      // The rest go on only as an IOP, counted as starting implementation counts it: a public and an
      // idéburen party that said yes. A party that said no is still a party, but carries nothing.
      const countsYes = rulesOf(ctx).corrections.departureCountsYes;
      const others = partiesInTerm(state).filter((p) => p.partyId !== partyId && (!countsYes || saidYes(state, p.partyId)));
      const remaining = new Set(others.map((p) => p.kind));
      if (!remaining.has('PUBLIC') || !remaining.has('IDEBUREN')) {
        const which = countsYes ? ' that said yes to the agreement' : '';
        return refuse('PARTIES_MISSING', `Without this party no public or no idéburen party${which} would remain: terminate the agreement instead`);
      }
      party.leftOn = leftOn;
      party.leaveReason = reason;
    },
  }),

  raiseDispute: defineStep({
    summary: 'Raise a dispute (tvist) between the parties, to be handled under the agreement',
    phases: phaseGroups.inEffect,
    rights: staffAndOwnParty,
    documents: ['description'],
    payload: z
      .object({
        raisedOn: isoDate,
        raisedByPartyId: id.nullable().default(null),
        description: text(5_000),
        agreementClause: text(200).nullable().default(null).meta({ description: 'The clause of the agreement on disputes' }),
      })
      .strict()
      .meta({ id: 'RaiseDispute' }),
    apply(state, { raisedOn, raisedByPartyId, description, agreementClause }, ctx) {
      if (raisedByPartyId && !findParty(state, raisedByPartyId)) return unknownParty(raisedByPartyId);
      const future = notInFuture(ctx, 'raisedOn', raisedOn);
      if (future) return future;
      state.disputes.push({ disputeId: ctx.newId(), term: state.term, raisedOn, raisedByPartyId, description, agreementClause, resolvedOn: null, outcome: null, resolution: null });
    },
  }),

  resolveDispute: defineStep({
    summary: 'Record how a dispute was resolved; one that ends the agreement is resolved by terminating it',
    phases: phaseGroups.inEffect,
    rights: staff,
    documents: ['resolution'],
    payload: z
      .object({ disputeId: id, resolvedOn: isoDate, resolution: text(5_000) })
      .strict()
      .meta({ id: 'ResolveDispute' }),
    conditions: ['the dispute is on record and not settled (DISPUTE_NOT_FOUND, DISPUTE_SETTLED)', 'it is resolved after it was raised, not in the future (BAD_DATES, DATE_IN_FUTURE)'],
    ready(state) {
      if (!state.disputes.length) return refuse('DISPUTE_NOT_FOUND', 'No dispute is on record');
      if (state.disputes.every((d) => d.outcome)) return refuse('DISPUTE_SETTLED', 'Every dispute is settled');
    },
    apply(state, { disputeId, resolvedOn, resolution }, ctx) {
      const dispute = state.disputes.find((d) => d.disputeId === disputeId);
      if (!dispute) return refuse('DISPUTE_NOT_FOUND', `No dispute ${disputeId} in this partnership`);
      if (dispute.outcome) return refuse('DISPUTE_SETTLED', `The dispute was settled on ${dispute.resolvedOn}`);
      const future = notInFuture(ctx, 'resolvedOn', resolvedOn);
      if (future) return future;
      if (resolvedOn < dispute.raisedOn) return refuse('BAD_DATES', `The dispute was raised on ${dispute.raisedOn}`);
      Object.assign(dispute, { resolvedOn, outcome: 'RESOLVED', resolution });
    },
  }),
};
