// Every upcoming deadline of a partnership, derived from its state and its timing. Pure: the
// workflow's timers, the API's list of deadlines and the calendar feed all read the same list.
import { addDays, addMonths } from './dates';
import { currentRules, type Rules } from './rules';
import { partiesInTerm, type PartnershipState } from './state';
import type { Timing } from './timing';

export type DeadlineKind =
  | 'REVIEW_REMINDER'
  | 'REVIEW_ESCALATION'
  | 'DECISION_REMINDER'
  | 'DECISION_ESCALATION'
  | 'DECISION_FINAL'
  | 'FOLLOW_UP_REMINDER'
  | 'FOLLOW_UP_MEETING'
  | 'SILENCE_NUDGE'
  | 'EVALUATION_DUE'
  | 'RENEGOTIATION_NOTICE'
  | 'TERM_END'
  | 'TERM_END_REMINDER'
  | 'NEW_TERM_START'
  | 'OUTCOME_MEASUREMENT_REMINDER'
  | 'OUTCOME_MEASUREMENT';

export interface Deadline {
  /** Unique within the partnership: with the recipient it is the business key of an e-mail. */
  key: string;
  kind: DeadlineKind;
  dueOn: string;
  /** The party it concerns, when one party's step is waited on. */
  partyId: string | null;
  /** For a reminder: the day of the meeting it reminds of. */
  eventOn?: string;
}

const by = (a: Deadline, b: Deadline) => a.dueOn.localeCompare(b.dueOn) || a.key.localeCompare(b.key);

/** The follow-up meetings of a term: monthly while dense, then at the sparser cadence, until the end. */
export function followUpMeetings(startDate: string, endDate: string, timing: Timing): string[] {
  const { denseMonths, denseEveryMonths, thenEveryMonths } = timing.followUp;
  const meetings: string[] = [];
  for (let month = denseEveryMonths; month <= denseMonths; month += denseEveryMonths) meetings.push(addMonths(startDate, month));
  const sparseFrom = meetings.length ? denseMonths : 0;
  for (let month = sparseFrom + thenEveryMonths; ; month += thenEveryMonths) {
    const date = addMonths(startDate, month);
    if (date >= endDate) break;
    meetings.push(date);
  }
  return meetings.filter((date) => date < endDate);
}

/** The day of the latest follow-up of a term, if any. */
export const lastFollowUp = (state: PartnershipState, term: number): string | undefined =>
  state.followUps.filter((f) => f.term === term).map((f) => f.date).sort().at(-1);

/** The next two nudges still ahead after `lastContact`, numbered: the next, and the one after if the silence goes on. */
export function silenceNudges(lastContact: string, termEnd: string, timing: Timing, today: string): [number, string][] {
  const nudges: [number, string][] = [];
  for (let k = 1; nudges.length < 2; k += 1) {
    const due = addDays(lastContact, k * timing.nudgeAfterSilentDays);
    if (due >= termEnd) break;
    if (due >= today) nudges.push([k, due]);
  }
  return nudges;
}

/** Every deadline still ahead of `today` (inclusive), soonest first. Final phases have none. */
export function upcomingDeadlines(state: PartnershipState, timing: Timing, today: string, rules: Rules = currentRules): Deadline[] {
  const all: Deadline[] = [];
  const add = (key: string, kind: DeadlineKind, dueOn: string | null, partyId: string | null = null, eventOn?: string) => {
    if (dueOn && dueOn >= today) all.push({ key, kind, dueOn, partyId, ...(eventOn ? { eventOn } : {}) });
  };
  const since = state.phaseEnteredOn;
  const term = state.terms.find((t) => t.term === state.term);

  switch (state.phase) {
    case 'LEGAL_REVIEW': {
      const round = state.legalReviews.at(-1)?.round ?? 0;
      if (since) {
        add(`review-reminder:${state.term}:${round}`, 'REVIEW_REMINDER', addDays(since, timing.remindAfterDays));
        add(`review-escalation:${state.term}:${round}`, 'REVIEW_ESCALATION', addDays(since, timing.escalateAfterDays));
      }
      break;
    }
    case 'DECISION': {
      for (const party of partiesInTerm(state)) {
        const decision = state.decisions.find((d) => d.partyId === party.partyId);
        const round = `${state.term}:${state.submittedVersion}:${party.partyId}`;
        if (!decision && since) {
          add(`decision-reminder:${round}`, 'DECISION_REMINDER', addDays(since, timing.remindAfterDays), party.partyId);
          add(`decision-escalation:${round}`, 'DECISION_ESCALATION', addDays(since, timing.escalateAfterDays), party.partyId);
        }
        if (!rules.calendarLaw.appealWindowByCalendar && decision?.outcome === 'YES' && !decision.final && !decision.appealed) {
          add(`decision-final:${round}`, 'DECISION_FINAL', decision.appealWindowEnds, party.partyId);
        }
      }
      break;
    }
    case 'IMPLEMENTATION':
    case 'EVALUATION':
    case 'RENEGOTIATION': {
      if (!term) break;
      // The parties' work goes on until the term ends: under the current rules, so do the meetings.
      if (state.phase === 'IMPLEMENTATION' || rules.calendarLaw.followUpsUntilTermEnd) {
        for (const [i, meeting] of followUpMeetings(term.startDate, term.endDate, timing).entries()) {
          add(`follow-up-meeting:${term.term}:${i + 1}`, 'FOLLOW_UP_MEETING', meeting);
          add(`follow-up-reminder:${term.term}:${i + 1}`, 'FOLLOW_UP_REMINDER', addDays(meeting, -timing.followUp.remindDaysBefore), null, meeting);
        }
        const lastContact = lastFollowUp(state, term.term) ?? term.startDate;
        if (!rules.calendarLaw.followUpsUntilTermEnd) add(`silence-nudge:${term.term}:${lastContact}`, 'SILENCE_NUDGE', addDays(lastContact, timing.nudgeAfterSilentDays));
        // After each further period of silence, again; never on a day already past (a follow-up recorded late).
        else for (const [k, due] of silenceNudges(lastContact, term.endDate, timing, today)) add(`silence-nudge:${term.term}:${lastContact}:${k}`, 'SILENCE_NUDGE', due);
      }
      if (state.phase === 'IMPLEMENTATION') {
        for (let month = timing.evaluationEveryMonths; ; month += timing.evaluationEveryMonths) {
          const due = addMonths(term.startDate, month);
          if (due >= addMonths(term.endDate, -timing.finalEvaluationMonthsBeforeEnd)) break;
          add(`evaluation:${term.term}:${month}`, 'EVALUATION_DUE', due);
        }
        add(`evaluation:${term.term}:final`, 'EVALUATION_DUE', addMonths(term.endDate, -timing.finalEvaluationMonthsBeforeEnd));
      }
      for (const months of timing.renegotiationNoticeMonthsBeforeEnd) {
        add(`renegotiation-notice:${term.term}:${months}`, 'RENEGOTIATION_NOTICE', addMonths(term.endDate, -months));
      }
      // Nothing renews silently: a term whose parties have not all agreed to go on ends here.
      add(`term-end:${term.term}`, 'TERM_END', term.endDate);
      if (rules.calendarLaw.renegotiationCarriedThrough) {
        const agreed = state.renegotiations.find((r) => r.term === term.term && r.outcome === 'CONTINUE')?.nextTerm;
        // The agreed term starts by itself; one agreed on after its first day starts at once.
        if (agreed) add(`new-term:${term.term}`, 'NEW_TERM_START', agreed.startDate < today ? today : agreed.startDate);
        else add(`term-end-reminder:${term.term}`, 'TERM_END_REMINDER', addDays(term.endDate, -timing.termEndReminderDaysBefore));
      }
      break;
    }
    default:
      break;
  }

  // Laga kraft: final from the day after the last day to appeal, in DECISION and, for a decision
  // taken before it was final, on into the term.
  if (rules.calendarLaw.appealWindowByCalendar && ['DECISION', 'IMPLEMENTATION', 'EVALUATION', 'RENEGOTIATION'].includes(state.phase)) {
    for (const decision of state.decisions) {
      if (decision.outcome === 'YES' && !decision.final && !decision.appealed && decision.appealWindowEnds) {
        add(`decision-final:${state.term}:${decision.agreementVersion}:${decision.partyId}`, 'DECISION_FINAL', addDays(decision.appealWindowEnds, 1), decision.partyId);
      }
    }
  }

  const measurement = state.outcomeContract?.measurementDate;
  const measured = (state.outcomeContract?.measurements ?? []).length > 0;
  if (measurement && !measured && !['ENDED', 'TERMINATED', 'CLOSED'].includes(state.phase)) {
    add('outcome-measurement-reminder', 'OUTCOME_MEASUREMENT_REMINDER', addDays(measurement, -timing.outcomeMeasurementRemindDaysBefore));
    add('outcome-measurement', 'OUTCOME_MEASUREMENT', measurement);
  }
  return all.sort(by);
}
