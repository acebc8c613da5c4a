// What a step changed, as a small typed list: the recording activity writes exactly these rows, the
// audit trail lists them, and they are what integrations will be told. Derived by comparing the
// state before and after a step entity by entity, so that no step can change something unrecorded.
import type { PartnershipState } from './state';

type Entry<V> = [key: string, value: V];

const single = <V>(value: V | null): Entry<V>[] => (value === null ? [] : [['', value]]);

/** Every entity of the record, keyed as its row is. Texts in them are document references. */
export const entities = {
  partnership: (s: PartnershipState) =>
    single({
      phase: s.phase,
      phaseEnteredOn: s.phaseEnteredOn,
      term: s.term,
      challenge: s.challenge,
      cooperationForm: s.cooperationForm,
      submittedVersion: s.submittedVersion,
      versionInForce: s.versionInForce,
      implementation: s.implementation,
      timingOverrides: s.timingOverrides,
      /** The current term's last day: what lists filter and sort on. */
      termEndDate: s.terms.find((t) => t.term === s.term)?.endDate ?? null,
    }),
  party: (s: PartnershipState) => s.parties.map(({ contributions: _c, ...party }): Entry<typeof party> => [party.partyId, party]),
  contribution: (s: PartnershipState) =>
    s.parties.flatMap((p) => p.contributions.map((c) => [c.contributionId, { ...c, partyId: p.partyId }] as Entry<typeof c & { partyId: string }>)),
  learningGoal: (s: PartnershipState) => s.learningGoals.map((g): Entry<typeof g> => [g.learningGoalId, g]),
  agreementVersion: (s: PartnershipState) => s.agreementVersions.map((v): Entry<typeof v> => [String(v.version), v]),
  legalReview: (s: PartnershipState) => s.legalReviews.map(({ answers: _a, ...review }): Entry<typeof review> => [String(review.round), review]),
  legalReviewAnswer: (s: PartnershipState) =>
    s.legalReviews.flatMap((r) => r.answers.map((a) => [`${r.round}:${a.item}`, { ...a, round: r.round, agreementVersion: r.agreementVersion }] as const)),
  decision: (s: PartnershipState) => s.decisions.map((d) => [`${s.term}:${d.agreementVersion}:${d.partyId}`, { ...d, term: s.term }] as const),
  term: (s: PartnershipState) => s.terms.map((t): Entry<typeof t> => [String(t.term), t]),
  followUp: (s: PartnershipState) => s.followUps.map((f): Entry<typeof f> => [f.followUpId, f]),
  deviation: (s: PartnershipState) => s.deviations.map((d): Entry<typeof d> => [d.deviationId, d]),
  adjustment: (s: PartnershipState) => s.adjustments.map((a): Entry<typeof a> => [a.adjustmentId, a]),
  dispute: (s: PartnershipState) => (s.disputes ?? []).map((d): Entry<typeof d> => [d.disputeId, d]),
  evaluation: (s: PartnershipState) => s.evaluations.map((e): Entry<typeof e> => [e.evaluationId, e]),
  renegotiation: (s: PartnershipState) => s.renegotiations.map((r): Entry<typeof r> => [String(r.term), r]),
  participationLevel: (s: PartnershipState) => Object.entries(s.participationLevels).map(([phase, level]) => [phase, { phase, level: level! }] as const),
  principleAssessment: (s: PartnershipState) => s.principlesAssessment.map((a): Entry<typeof a> => [a.principle, a]),
  outcomeContract: (s: PartnershipState) => single(s.outcomeContract),
  externalReference: (s: PartnershipState) => s.externalReferences.map((r): Entry<typeof r> => [`${r.system}|${r.partyId ?? ''}`, r]),
  ending: (s: PartnershipState) => single(s.ending),
};

export type EntityName = keyof typeof entities;
export type EntityValue<E extends EntityName> = ReturnType<(typeof entities)[E]>[number][1];

/** One changed row: added, changed (its new value) or removed (no value). */
export type Change = {
  [E in EntityName]:
    | { entity: E; op: 'added' | 'changed'; key: string; value: EntityValue<E> }
    | { entity: E; op: 'removed'; key: string; value?: undefined };
}[EntityName];

export const entityNames = Object.keys(entities) as EntityName[];

/** What differs between two states, entity by entity, in a stable order. */
export function changesBetween(before: PartnershipState, after: PartnershipState): Change[] {
  const changes: Change[] = [];
  for (const entity of entityNames) {
    const old = new Map<string, unknown>(entities[entity](before) as Entry<unknown>[]);
    const now = new Map<string, unknown>(entities[entity](after) as Entry<unknown>[]);
    for (const [key, value] of now) {
      if (!old.has(key)) changes.push({ entity, op: 'added', key, value } as Change);
      else if (JSON.stringify(old.get(key)) !== JSON.stringify(value)) changes.push({ entity, op: 'changed', key, value } as Change);
    }
    for (const key of old.keys()) if (!now.has(key)) changes.push({ entity, op: 'removed', key } as Change);
  }
  return changes;
}

/** A change's name, as the audit trail and integrations read it: `decision.added`, `phase`… */
export const changeType = (change: Pick<Change, 'entity' | 'op'>) => `${change.entity}.${change.op}`;
