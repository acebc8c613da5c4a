// Bringing in a running partnership: an IOP that began before the product, registered in its
// current phase and term with its parties, its agreement in force, their decisions and its last
// follow-up. What its deadlines would have said before today is not said now.
import { z } from 'zod';
import { refuse } from '../refusals';
import { administrator } from '../roles';
import { agreementHeadings, decidingBodyKinds, type AgreementHeading } from '../state';
import { checkMinutesDates, isPastAppealWindow, lastAppealDay, unreckonable } from './decision';
import { describedPosting, postingDate } from './posting-date';
import { kindNotGiven, partyKind } from './initiation';
import { defineStep, id, isoDate, notInFuture, rulesOf, text, todayOf } from './step';

const importedDecision = z
  .object({
    organisationId: id.meta({ description: 'The party whose decision it is, by its organisation' }),
    decidingBody: text(200).meta({ example: 'Socialnämnden' }),
    decidingBodyKind: z.enum(decidingBodyKinds),
    meetingDate: isoDate,
    paragraph: text(50).nullable().default(null),
    minutesReference: text(200).nullable().default(null),
    approvalDate: isoDate.nullable().default(null),
    postingDate: postingDate.nullable().default(null).meta({ description: describedPosting('Anslag; a public decision without it is not yet final') }),
  })
  .strict();

export const importSteps = {
  importRunningPartnership: defineStep({
    summary: 'Bring in a running partnership in its current phase and term (administrators; only as a new case’s first step)',
    phases: ['INITIATION'],
    rights: administrator,
    documents: ['challenge', 'agreement.*', 'lastFollowUp.summary'],
    payload: z
      .object({
        challenge: text(10_000).meta({ description: 'The societal challenge, as the agreement describes it' }),
        phase: z.enum(['IMPLEMENTATION', 'EVALUATION', 'RENEGOTIATION']).meta({ description: 'Where the partnership stands today' }),
        term: z.number().int().min(1).max(100).meta({ description: 'Which term (avtalsperiod) runs now, from 1' }),
        termStartDate: isoDate,
        termEndDate: isoDate.meta({ description: "The current term's last day" }),
        parties: z
          .array(z.object({ organisationId: id, kind: partyKind, joinedOn: isoDate.optional() }).strict())
          .min(2)
          .max(100),
        agreement: z
          .object(Object.fromEntries(agreementHeadings.map((h) => [h, text(20_000).optional()])) as Record<AgreementHeading, z.ZodOptional<z.ZodString>>)
          .strict()
          .meta({ description: 'The agreement in force, heading by heading' }),
        decisions: z.array(importedDecision).min(2).max(100).meta({ description: "Every party's yes to the agreement in force" }),
        lastFollowUp: z
          .object({ date: isoDate, summary: text(10_000) })
          .strict()
          .nullable()
          .default(null)
          .meta({ description: 'The latest follow-up meeting: the silence nudge counts from it' }),
      })
      .strict()
      .meta({ id: 'ImportRunningPartnership' }),
    conditions: ['the case is new: no step has been taken (WRONG_PHASE)', 'at least one public and one idéburen party, each with its yes (PARTIES_MISSING, DECISIONS_PENDING)'],
    ready(state) {
      if (state.revision !== 0) return refuse('WRONG_PHASE', 'Only a new case can be brought in as a running partnership');
    },
    apply(state, payload, ctx) {
      const today = todayOf(ctx);
      const { termStartDate, termEndDate } = payload;
      if (termEndDate <= termStartDate) return refuse('BAD_DATES', "The term's end must come after its start");
      if (termEndDate < today) return refuse('TERM_ALREADY_ENDED', `The term's last day (${termEndDate}) has passed`);
      if (termStartDate > today) return refuse('BAD_DATES', 'A running partnership has begun: its term starts today or earlier');
      const organisations = payload.parties.map((p) => p.organisationId);
      if (new Set(organisations).size !== organisations.length) return refuse('PARTY_ALREADY_ADDED', 'An organisation is listed twice');
      if (payload.parties.some((p) => !p.kind)) return kindNotGiven();
      const kinds = new Set(payload.parties.map((p) => p.kind));
      if (!kinds.has('PUBLIC') || !kinds.has('IDEBUREN')) return refuse('PARTIES_MISSING', 'An IOP needs at least one public and one idéburen party');
      const stray = payload.decisions.find((d) => !organisations.includes(d.organisationId));
      if (stray) return refuse('UNKNOWN_PARTY', `No party is organisation ${stray.organisationId}`);
      const undecided = organisations.filter((o) => !payload.decisions.some((d) => d.organisationId === o));
      if (undecided.length) return refuse('DECISIONS_PENDING', `${undecided.length} party/parties have no decision on the agreement in force`);
      for (const [i, decision] of payload.decisions.entries()) {
        const dates = checkMinutesDates(ctx, decision);
        if (dates) return dates;
        const isPublic = payload.parties.some((p) => p.organisationId === decision.organisationId && p.kind === 'PUBLIC');
        const unreckoned = isPublic && decision.postingDate ? unreckonable(rulesOf(ctx), `decisions/${i}/postingDate`, decision.postingDate) : undefined;
        if (unreckoned) return unreckoned;
      }
      for (const party of payload.parties) {
        const joined = notInFuture(ctx, 'joinedOn', party.joinedOn);
        if (joined) return joined;
      }
      if (payload.lastFollowUp) {
        const future = notInFuture(ctx, 'lastFollowUp.date', payload.lastFollowUp.date);
        if (future) return future;
        if (payload.lastFollowUp.date < termStartDate) return refuse('BAD_DATES', 'The last follow-up is dated before this term began');
      }

      const rules = rulesOf(ctx);
      const revision = state.revision + 1;
      state.challenge = payload.challenge;
      state.cooperationForm = { chosen: 'IOP', rationale: 'Brought in as a running IOP' };
      state.term = payload.term;
      state.parties = payload.parties.map((p) => ({
        partyId: ctx.newId(),
        organisationId: p.organisationId,
        kind: p.kind!,
        joinedInTerm: payload.term,
        joinedOn: p.joinedOn ?? termStartDate,
        contactIds: [],
        contributions: [],
        leftOn: null,
        leaveReason: null,
      }));
      state.agreementVersions = [{ version: 1, sections: payload.agreement, locked: true, savedAtRevision: revision }];
      state.submittedVersion = 1;
      state.versionInForce = 1;
      state.decisions = payload.decisions.map(({ organisationId, ...d }) => {
        const party = state.parties.find((p) => p.organisationId === organisationId)!;
        const isPublic = party.kind === 'PUBLIC';
        const windowEnds = isPublic && d.postingDate ? lastAppealDay(rules, d.postingDate) : null;
        return {
          ...d,
          partyId: party.partyId,
          agreementVersion: 1,
          outcome: 'YES' as const,
          appealWindowEnds: windowEnds,
          appealed: false,
          final: !isPublic || (windowEnds !== null && isPastAppealWindow(rules, windowEnds, today)),
        };
      });
      state.implementation = { startDate: termStartDate, beforeFinal: null };
      state.terms = [{ term: payload.term, startDate: termStartDate, endDate: termEndDate }];
      state.followUps = payload.lastFollowUp
        ? [{ followUpId: ctx.newId(), term: payload.term, date: payload.lastFollowUp.date, participantPartyIds: state.parties.map((p) => p.partyId), summary: payload.lastFollowUp.summary, keyFigures: [] }]
        : [];
      state.phase = payload.phase;
    },
  }),
};
