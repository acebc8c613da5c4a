// The work list: every step that waits on a person, derived from the state. Pure, so that the
// workflow, the records and the tests all agree on what is open. Each task falls due on the day
// its deadline does (domain/deadlines.ts), from the partnership's own timing: one clock, one source
// for every duration.
import { addDays, addMonths } from './dates';
import { followUpMeetings, lastFollowUp } from './deadlines';
import { awaitsFinalAccounts, finalPhases } from './phases';
import { partiesInTerm, type PartnershipState } from './state';
import { effectiveTiming, type Timing } from './timing';

export const taskKinds = [
  'COMPLETE_INITIATION',
  'SUBMIT_AGREEMENT',
  'LEGAL_REVIEW',
  'PARTY_DECISION',
  'DECISION_FINALITY',
  'START_IMPLEMENTATION',
  'FOLLOW_UP',
  'EVALUATION',
  'RENEGOTIATION',
  'DISPUTE',
  'OUTCOME_MEASUREMENT',
  'FINAL_ACCOUNTS',
  'CONTACTS_MISSING',
] as const;
export type TaskKind = (typeof taskKinds)[number];

export interface OpenTask {
  /** Stable while the task is open; the same step in a later round or term gets a new key. */
  key: string;
  kind: TaskKind;
  /** The party it waits on, when it waits on one party. */
  partyId: string | null;
  /** The role it waits on, when no single party owns it. */
  waitsOnRole: 'LEGAL_REVIEWER' | 'CASE_OFFICER' | null;
  dueOn: string | null;
}

export function openTasks(state: PartnershipState): OpenTask[] {
  const timing = effectiveTiming(state.timingOverrides);
  const contract = state.outcomeContract;
  const measurement: OpenTask[] =
    contract && !contract.measurements?.length && !['ENDED', 'TERMINATED', 'CLOSED'].includes(state.phase)
      ? [{ key: 'outcome-measurement', kind: 'OUTCOME_MEASUREMENT', partyId: null, waitsOnRole: 'CASE_OFFICER', dueOn: contract.measurementDate }]
      : [];
  const inEffect = ['IMPLEMENTATION', 'EVALUATION', 'RENEGOTIATION'].includes(state.phase);
  return [...phaseTasks(state, timing), ...(inEffect ? finalityTasks(state) : []), ...measurement, ...contactTasks(state)];
}

/**
 * A party with no contact person hears of nothing: its reminders go to the coordinator alone, and
 * what goes to every party misses it. Until one is named (assign-contacts), the party is on the list.
 */
function contactTasks(state: PartnershipState): OpenTask[] {
  if (finalPhases.includes(state.phase)) return [];
  return state.parties
    .filter((p) => !p.leftOn && p.contactIds.length === 0)
    .map((p) => ({ key: `contacts:${p.partyId}`, kind: 'CONTACTS_MISSING' as const, partyId: p.partyId, waitsOnRole: null, dueOn: null }));
}

/** A yes not yet final: due the day it becomes final (laga kraft), also once the term has begun. */
function finalityTasks(state: PartnershipState): OpenTask[] {
  return state.decisions
    .filter((d) => d.outcome === 'YES' && !d.final)
    .map((d) => ({
      key: `finality:${state.term}:${d.agreementVersion}:${d.partyId}`,
      kind: 'DECISION_FINALITY' as const,
      partyId: d.partyId,
      waitsOnRole: null,
      dueOn: d.appealWindowEnds ? addDays(d.appealWindowEnds, 1) : null,
    }));
}

const caseOfficer = (key: string, kind: TaskKind, dueOn: string | null): OpenTask => ({ key, kind, partyId: null, waitsOnRole: 'CASE_OFFICER', dueOn });

function phaseTasks(state: PartnershipState, timing: Timing): OpenTask[] {
  const since = state.phaseEnteredOn;
  // Overdue on the day it is escalated.
  const escalatedOn = since ? addDays(since, timing.escalateAfterDays) : null;
  const term = state.term;
  const dates = state.terms.find((t) => t.term === term);
  switch (state.phase) {
    case 'INITIATION':
      return [caseOfficer(`initiation:${term}`, 'COMPLETE_INITIATION', null)];
    case 'FORMULATION':
      return [caseOfficer(`formulation:${term}:${state.agreementVersions.length}`, 'SUBMIT_AGREEMENT', null)];
    case 'LEGAL_REVIEW': {
      const round = state.legalReviews.at(-1)?.round ?? 0;
      return [{ key: `legal-review:${term}:${round}`, kind: 'LEGAL_REVIEW', partyId: null, waitsOnRole: 'LEGAL_REVIEWER', dueOn: escalatedOn }];
    }
    case 'DECISION': {
      const version = state.submittedVersion;
      const tasks: OpenTask[] = [];
      for (const party of partiesInTerm(state)) {
        if (!state.decisions.some((d) => d.partyId === party.partyId)) {
          tasks.push({ key: `decision:${term}:${version}:${party.partyId}`, kind: 'PARTY_DECISION', partyId: party.partyId, waitsOnRole: null, dueOn: escalatedOn });
        }
      }
      const finality = finalityTasks(state);
      tasks.push(...finality);
      if (tasks.every((t) => t.kind === 'DECISION_FINALITY') && state.versionInForce === version) {
        // Due once every decision is final; with all final, as a decision round would be escalated.
        const lastFinal = finality.map((t) => t.dueOn ?? '').sort().at(-1) || null;
        tasks.push(caseOfficer(`start:${term}:${version}`, 'START_IMPLEMENTATION', lastFinal ?? escalatedOn));
      }
      return tasks;
    }
    case 'IMPLEMENTATION':
    case 'EVALUATION':
    case 'RENEGOTIATION': {
      if (!dates) return [];
      const tasks: OpenTask[] = [];
      // The next follow-up falls due on the next meeting after the last one recorded.
      const count = state.followUps.filter((f) => f.term === term).length;
      const after = lastFollowUp(state, term) ?? addDays(dates.startDate, -1);
      const next = followUpMeetings(dates.startDate, dates.endDate, timing).find((meeting) => meeting > after) ?? dates.endDate;
      tasks.push(caseOfficer(`follow-up:${term}:${count + 1}`, 'FOLLOW_UP', next));
      // A party that joined during the term decides on the agreement in force.
      for (const party of partiesInTerm(state)) {
        if (state.decisions.some((d) => d.partyId === party.partyId)) continue;
        const due = party.joinedOn ? addDays(party.joinedOn, timing.escalateAfterDays) : null;
        tasks.push({ key: `decision:${term}:${state.versionInForce}:${party.partyId}`, kind: 'PARTY_DECISION', partyId: party.partyId, waitsOnRole: null, dueOn: due });
      }
      for (const dispute of state.disputes ?? []) {
        if (!dispute.outcome) tasks.push(caseOfficer(`dispute:${dispute.disputeId}`, 'DISPUTE', addDays(dispute.raisedOn, timing.escalateAfterDays)));
      }
      if (state.phase === 'EVALUATION' && !state.evaluations.some((e) => e.term === term)) {
        // Evaluated before the first renegotiation notice goes out.
        tasks.push(caseOfficer(`evaluation:${term}`, 'EVALUATION', addMonths(dates.endDate, -Math.max(...timing.renegotiationNoticeMonthsBeforeEnd))));
      }
      if (state.phase === 'RENEGOTIATION' && !state.renegotiations.some((r) => r.term === term)) {
        tasks.push(caseOfficer(`renegotiation:${term}`, 'RENEGOTIATION', addDays(dates.endDate, -timing.termEndReminderDaysBefore)));
      }
      return tasks;
    }
    case 'ENDED':
    case 'TERMINATED':
      return awaitsFinalAccounts(state) && since ? [caseOfficer(`final-accounts:${term}`, 'FINAL_ACCOUNTS', addDays(since, timing.finalAccountsWithinDays))] : [];
    default:
      return [];
  }
}
