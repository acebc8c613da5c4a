// DECISION (beslut): every party's decision on the submitted version, appeals (laglighetsprövning), and the start of implementation.
import { z } from 'zod';
import { refuse } from '../refusals';
import { staff, staffAndOwnParty } from '../roles';
import { decidingBodyKinds, partiesInTerm, saidYes, type PartnershipState, type PartyDecision } from '../state';
import { addDays, addYears, appealWindowEnds } from '../dates';
import { isReckonable, lastDayToAppeal } from '../calendar';
import type { Refusal } from '../refusals';
import type { Rules } from '../rules';
import { startBackdatingLimitDays } from '../timing';
import { defineStep, id, text, isoDate, findParty, unknownParty, notInFuture, rulesOf, todayOf, phaseGroups, type StepContext } from './step';
import { describedPosting, postingDate as postingDay, postingRange } from './posting-date';

/** The last day to appeal a decision posted on this day; under the first rules, three weeks flat. */
export const lastAppealDay = (rules: Rules, postingDate: string) =>
  rules.calendarLaw.appealWindowByCalendar ? lastDayToAppeal(postingDate, { whitMondayUntil2004: rules.corrections.whitMondayUntil2004 }) : appealWindowEnds(postingDate);

/**
 * A posting date the calendar cannot reckon a window from. The API and the workflow's schema refuse
 * it first; this keeps decide() from throwing for a caller that skips them.
 */
export function unreckonable(rules: Rules, field: string, postingDate: string): Refusal | void {
  if (rules.calendarLaw.postingDateReckonable && !isReckonable(postingDate)) return refuse('BAD_DATES', `${field} ${postingDate} is not ${postingRange}`);
}

/** Final from the day after the last day to appeal; the first rules counted the last day itself. */
export const isPastAppealWindow = (rules: Rules, windowEnds: string, today: string) => (rules.calendarLaw.appealWindowByCalendar ? today > windowEnds : today >= windowEnds);

/** The dates of a decision's minutes, held to the order they happen in and to the workflow's today. */
export function checkMinutesDates(ctx: StepContext, dates: { meetingDate?: string; approvalDate?: string | null; postingDate?: string | null }) {
  for (const field of ['meetingDate', 'approvalDate', 'postingDate'] as const) {
    const refusal = notInFuture(ctx, field, dates[field]);
    if (refusal) return refusal;
  }
  if (!rulesOf(ctx).calendarLaw.datesChecked || !dates.meetingDate) return;
  for (const field of ['approvalDate', 'postingDate'] as const) {
    const date = dates[field];
    if (date && date < dates.meetingDate) return refuse('BAD_DATES', `${field} ${date} comes before the meeting (${dates.meetingDate})`);
  }
}

/** VGR's standard term is five years: its last day is the day before the fifth anniversary. */
export const defaultTermEnd = (rules: Rules, startDate: string) => (rules.calendarLaw.termEndsDayBefore ? addDays(addYears(startDate, 5), -1) : addYears(startDate, 5));

/**
 * A term is started on the workflow's clock: one that has already run out, or that began so long
 * ago that its notices would all be in the past, is a running partnership to import, not to start.
 */
export function termDatesAgainstToday(ctx: StepContext, startDate: string, endDate: string) {
  if (!rulesOf(ctx).calendarLaw.datesChecked) return;
  const today = todayOf(ctx);
  if (endDate < today) return refuse('TERM_ALREADY_ENDED', `The term's last day (${endDate}) has passed`);
  if (startDate < addDays(today, -startBackdatingLimitDays)) {
    return refuse('START_TOO_FAR_BACK', `A term may start at most ${startBackdatingLimitDays} days back; bring a running partnership in by importing it`);
  }
}

// A decision taken before it is final is still watched once the partnership is in effect.
const decisionPhases = ['DECISION', ...phaseGroups.inEffect] as const;

/** The yeses of public parties, which alone are posted and can be appealed; or why there are none. */
function publicYesesOf(state: PartnershipState, actsFor: (partyId: string) => boolean): PartyDecision[] | Refusal {
  const yeses = state.decisions.filter((d) => actsFor(d.partyId) && d.outcome === 'YES');
  if (!yeses.length) return refuse('DECISION_NOT_FOUND', 'No party has said yes');
  const publicYeses = yeses.filter((d) => findParty(state, d.partyId)?.kind === 'PUBLIC');
  return publicYeses.length ? publicYeses : refuse('NOT_APPEALABLE', "Only a public body's decision is posted and can be appealed");
}

export const decisionSteps = {
  recordDecision: defineStep({
    summary: "Record a party's decision on the submitted agreement version, or, for a party that joined during the term, on the version in force",
    phases: decisionPhases,
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
        postingDate: postingDay.nullable().default(null).meta({ description: describedPosting('Anslag on the notice board') }),
      })
      .strict()
      .meta({ id: 'RecordDecision' }),
    conditions: [
      'in DECISION, a party of this term has not yet decided (ALREADY_DECIDED)',
      'the decision is on the version submitted or, for a party joining during the term, the version in force (WRONG_AGREEMENT_VERSION)',
      'the minutes are dated in order and not in the future (BAD_DATES, DATE_IN_FUTURE)',
    ],
    // Once in effect, a joining party may decide at any time; in DECISION, only while one has not.
    ready(state, _ctx, actsFor) {
      if (state.phase === 'DECISION' && !partiesInTerm(state).some((p) => actsFor(p.partyId) && !state.decisions.some((d) => d.partyId === p.partyId))) {
        return refuse('ALREADY_DECIDED', 'Every party has decided');
      }
    },
    apply(state, payload, ctx) {
      const party = findParty(state, payload.partyId);
      if (!party) return unknownParty(payload.partyId);
      // Once in effect, only a party that joined during the term decides, on the agreement in force.
      const joining = state.phase !== 'DECISION';
      if (joining && (party.leftOn || party.joinedInTerm > state.term)) return refuse('WRONG_TERM', 'The party does not take part in this term');
      const version = joining ? state.versionInForce : state.submittedVersion;
      if (payload.agreementVersion !== version) {
        return refuse('WRONG_AGREEMENT_VERSION', `The parties decide on version ${version}`);
      }
      if (state.decisions.some((d) => d.partyId === party.partyId)) return refuse('ALREADY_DECIDED', 'This party has already decided');
      const dates = checkMinutesDates(ctx, payload);
      if (dates) return dates;
      const rules = rulesOf(ctx);
      const isPublic = party.kind === 'PUBLIC';
      const unreckoned = isPublic && payload.postingDate ? unreckonable(rules, 'postingDate', payload.postingDate) : undefined;
      if (unreckoned) return unreckoned;
      const windowEnds = isPublic && payload.postingDate ? lastAppealDay(rules, payload.postingDate) : null;
      const decision: PartyDecision = {
        ...payload,
        appealWindowEnds: windowEnds,
        appealed: false,
        // Only a public body's decision can be appealed; a board's decision is final when taken, and
        // one recorded after its window has passed is final at once (an appeal lodged in time can
        // still be recorded, and holds it again).
        final: !isPublic || (windowEnds !== null && isPastAppealWindow(rules, windowEnds, todayOf(ctx))),
      };
      state.decisions.push(decision);
      // A joining party's no keeps the agreement in force for the others; its departure is recorded apart.
      if (joining) return;
      if (payload.outcome === 'NO') {
        state.phase = 'FORMULATION';
        return;
      }
      if (partiesInTerm(state).every((p) => state.decisions.some((d) => d.partyId === p.partyId && d.outcome === 'YES'))) {
        state.versionInForce = state.submittedVersion;
      }
    },
  }),

  recordPosting: defineStep({
    summary: "Record when the approval of a public party's minutes was posted (anslag): the appeal window runs from it",
    phases: decisionPhases,
    rights: staffAndOwnParty,
    payload: z
      .object({
        partyId: id,
        postingDate: postingDay.meta({ description: describedPosting('The day the approval of the minutes was posted on the notice board (anslag)') }),
        approvalDate: isoDate.nullable().default(null).meta({ description: 'Justering of the minutes, when it was not recorded with the decision' }),
      })
      .strict()
      .meta({ id: 'RecordPosting' }),
    conditions: ["a public party's yes is on record and not yet final (DECISION_NOT_FOUND, NOT_APPEALABLE, ALREADY_FINAL)"],
    ready(state, _ctx, actsFor) {
      const publicYeses = publicYesesOf(state, actsFor);
      if (!Array.isArray(publicYeses)) return publicYeses;
      if (publicYeses.every((d) => d.final)) return refuse('ALREADY_FINAL', "Every public party's decision is final");
    },
    apply(state, { partyId, postingDate, approvalDate }, ctx) {
      const decision = state.decisions.find((d) => d.partyId === partyId && d.outcome === 'YES');
      if (!decision) return refuse('DECISION_NOT_FOUND', 'This party has no yes on record');
      if (findParty(state, partyId)?.kind !== 'PUBLIC') return refuse('NOT_APPEALABLE', "Only a public body's decision is posted and can be appealed");
      if (decision.final) return refuse('ALREADY_FINAL', 'The decision is already final');
      const dates = checkMinutesDates(ctx, { meetingDate: decision.meetingDate, approvalDate, postingDate });
      if (dates) return dates;
      const rules = rulesOf(ctx);
      const unreckoned = unreckonable(rules, 'postingDate', postingDate);
      if (unreckoned) return unreckoned;
      decision.postingDate = postingDate;
      if (approvalDate) decision.approvalDate = approvalDate;
      decision.appealWindowEnds = lastAppealDay(rules, postingDate);
      // Posted long ago: the window has passed, and the decision is final at once.
      decision.final = !decision.appealed && isPastAppealWindow(rules, decision.appealWindowEnds, todayOf(ctx));
    },
  }),

  confirmDecisionFinal: defineStep({
    summary: 'Confirm that a decision has become final (laga kraft)',
    phases: decisionPhases,
    rights: staff,
    payload: z.object({ partyId: id }).strict().meta({ id: 'ConfirmDecisionFinal' }),
    conditions: ['the party said yes (DECISION_NOT_FOUND)', 'its appeal window has passed with no appeal pending (APPEAL_WINDOW_OPEN)', 'it is not final already (ALREADY_FINAL)'],
    ready(state, _ctx, actsFor) {
      const yeses = state.decisions.filter((d) => actsFor(d.partyId) && d.outcome === 'YES');
      if (!yeses.length) return refuse('DECISION_NOT_FOUND', 'No party has said yes');
      if (yeses.every((d) => d.final)) return refuse('ALREADY_FINAL', 'Every decision is final');
    },
    apply(state, { partyId }, ctx) {
      const decision = state.decisions.find((d) => d.partyId === partyId && d.outcome === 'YES');
      if (!decision) return refuse('DECISION_NOT_FOUND', 'This party has no yes on record');
      if (decision.appealed) return refuse('APPEAL_WINDOW_OPEN', 'An appeal holds the decision until its outcome is recorded');
      if (decision.final) return refuse('ALREADY_FINAL', 'The decision is already final');
      if (!decision.appealWindowEnds || !isPastAppealWindow(rulesOf(ctx), decision.appealWindowEnds, todayOf(ctx))) {
        return refuse('APPEAL_WINDOW_OPEN', decision.appealWindowEnds ? `An appeal may be lodged until ${decision.appealWindowEnds}` : 'Record the posting date first: the appeal window runs from it');
      }
      decision.final = true;
    },
  }),

  recordAppeal: defineStep({
    summary: "Record an appeal of a public party's decision: it holds the decision",
    phases: decisionPhases,
    rights: staff,
    payload: z
      .object({ partyId: id, lodgedOn: isoDate })
      .strict()
      .meta({ id: 'RecordAppeal', description: "An appeal (laglighetsprövning) of a public party's decision: it holds the decision until its outcome" }),
    conditions: ["a public party's yes is on record (DECISION_NOT_FOUND, NOT_APPEALABLE)", 'the appeal was lodged by the last day to appeal (APPEAL_TOO_LATE)'],
    ready(state, _ctx, actsFor) {
      const publicYeses = publicYesesOf(state, actsFor);
      if (!Array.isArray(publicYeses)) return publicYeses;
    },
    apply(state, { partyId, lodgedOn }, ctx) {
      const decision = state.decisions.find((d) => d.partyId === partyId && d.outcome === 'YES');
      if (!decision) return refuse('DECISION_NOT_FOUND', 'This party has no yes on record');
      if (findParty(state, partyId)?.kind !== 'PUBLIC') return refuse('NOT_APPEALABLE', "Only a public body's decision can be appealed");
      const future = notInFuture(ctx, 'lodgedOn', lodgedOn);
      if (future) return future;
      if (rulesOf(ctx).calendarLaw.appealWindowByCalendar && decision.appealWindowEnds && lodgedOn > decision.appealWindowEnds) {
        return refuse('APPEAL_TOO_LATE', `The last day to appeal was ${decision.appealWindowEnds}`);
      }
      decision.appealed = true;
      decision.final = false;
    },
  }),

  recordAppealOutcome: defineStep({
    summary: 'Record the outcome of an appeal: the decision stands, or the party decides again',
    phases: decisionPhases,
    rights: staff,
    payload: z
      .object({
        partyId: id,
        decisionStands: z.boolean().meta({ description: 'True when the court let the decision stand; false when it was annulled' }),
      })
      .strict()
      .meta({ id: 'RecordAppealOutcome' }),
    conditions: ["an appeal of the party's decision is on record (NOT_APPEALED)"],
    ready(state, _ctx, actsFor) {
      if (!state.decisions.some((d) => actsFor(d.partyId) && d.appealed)) return refuse('NOT_APPEALED', 'No appeal is on record');
    },
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
    conditions: [
      'every party of this term said yes (DECISIONS_PENDING)',
      'every decision is final, or the parties chose to start before and say why (DECISIONS_NOT_FINAL)',
      "the term's dates are in order (BAD_DATES, TERM_ALREADY_ENDED, START_TOO_FAR_BACK)",
    ],
    ready(state) {
      const pending = partiesInTerm(state).filter((p) => !saidYes(state, p.partyId));
      if (pending.length) return refuse('DECISIONS_PENDING', `Waiting on ${pending.length} party decision(s)`);
    },
    apply(state, { startDate, endDate, beforeFinal }, ctx) {
      const termEnd = endDate ?? defaultTermEnd(rulesOf(ctx), startDate);
      if (termEnd <= startDate) return refuse('BAD_DATES', "The term's end must come after its start");
      if (!beforeFinal && state.decisions.some((d) => !d.final)) {
        return refuse('DECISIONS_NOT_FINAL', 'Every decision must be final, or the parties must choose to start before');
      }
      const dates = termDatesAgainstToday(ctx, startDate, termEnd);
      if (dates) return dates;
      state.implementation = { startDate, beforeFinal };
      state.terms = state.terms.filter((t) => t.term !== state.term);
      state.terms.push({ term: state.term, startDate, endDate: termEnd });
      state.phase = 'IMPLEMENTATION';
    },
  }),
};
