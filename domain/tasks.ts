// The work list: every step that waits on a person, derived from the state. Pure, so that the
// workflow, the records and the tests all agree on what is open.
import { addDays } from './dates';
import type { PartnershipState } from './state';

export type TaskKind =
  | 'LEGAL_REVIEW'
  | 'PARTY_DECISION'
  | 'DECISION_FINALITY'
  | 'START_IMPLEMENTATION'
  | 'FOLLOW_UP'
  | 'EVALUATION'
  | 'RENEGOTIATION'
  | 'OUTCOME_MEASUREMENT';

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

// Defaults until per-partnership durations come with the timers ("Time and mail").
const days = { legalReview: 30, partyDecision: 60, startImplementation: 14, followUp: 30, evaluation: 60, renegotiation: 90 };

export function openTasks(state: PartnershipState): OpenTask[] {
  const contract = state.outcomeContract;
  const measurement: OpenTask[] =
    contract && !contract.measurements?.length && !['ENDED', 'TERMINATED', 'CLOSED'].includes(state.phase)
      ? [{ key: 'outcome-measurement', kind: 'OUTCOME_MEASUREMENT', partyId: null, waitsOnRole: 'CASE_OFFICER', dueOn: contract.measurementDate }]
      : [];
  const inEffect = ['IMPLEMENTATION', 'EVALUATION', 'RENEGOTIATION'].includes(state.phase);
  return [...phaseTasks(state), ...(inEffect ? finalityTasks(state) : []), ...measurement];
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

function phaseTasks(state: PartnershipState): OpenTask[] {
  const since = state.phaseEnteredOn;
  const due = (n: number) => (since ? addDays(since, n) : null);
  const term = state.term;
  switch (state.phase) {
    case 'LEGAL_REVIEW': {
      const round = state.legalReviews.at(-1)?.round ?? 0;
      return [{ key: `legal-review:${term}:${round}`, kind: 'LEGAL_REVIEW', partyId: null, waitsOnRole: 'LEGAL_REVIEWER', dueOn: due(days.legalReview) }];
    }
    case 'DECISION': {
      const version = state.submittedVersion;
      const tasks: OpenTask[] = [];
      for (const party of state.parties) {
        const decision = state.decisions.find((d) => d.partyId === party.partyId);
        if (!decision) {
          tasks.push({ key: `decision:${term}:${version}:${party.partyId}`, kind: 'PARTY_DECISION', partyId: party.partyId, waitsOnRole: null, dueOn: due(days.partyDecision) });
        }
      }
      tasks.push(...finalityTasks(state));
      if (tasks.every((t) => t.kind === 'DECISION_FINALITY') && state.versionInForce === version) {
        tasks.push({ key: `start:${term}:${version}`, kind: 'START_IMPLEMENTATION', partyId: null, waitsOnRole: 'CASE_OFFICER', dueOn: due(days.startImplementation) });
      }
      return tasks;
    }
    case 'IMPLEMENTATION': {
      const last = state.followUps.filter((f) => f.term === term).map((f) => f.date).sort().at(-1);
      const from = last ?? state.implementation?.startDate ?? since;
      const count = state.followUps.filter((f) => f.term === term).length;
      return [{ key: `follow-up:${term}:${count + 1}`, kind: 'FOLLOW_UP', partyId: null, waitsOnRole: 'CASE_OFFICER', dueOn: from ? addDays(from, days.followUp) : null }];
    }
    case 'EVALUATION':
      return state.evaluations.some((e) => e.term === term)
        ? []
        : [{ key: `evaluation:${term}`, kind: 'EVALUATION', partyId: null, waitsOnRole: 'CASE_OFFICER', dueOn: due(days.evaluation) }];
    case 'RENEGOTIATION':
      return [{ key: `renegotiation:${term}`, kind: 'RENEGOTIATION', partyId: null, waitsOnRole: 'CASE_OFFICER', dueOn: due(days.renegotiation) }];
    default:
      return [];
  }
}
