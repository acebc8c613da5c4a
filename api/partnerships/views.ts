// What callers see of a partnership: read from the records, and cut to what the caller's role may
// see. Every response that shows a partnership (a GET, a step, a lookup) comes through here.
import type { PartnershipView } from './schemas';
import type { Database } from '../../platform/database';
import type { Scope } from '../../domain/policy';
import { partnershipWorkflowId } from '../../workflows/messages';
import type { PartnershipState } from '../../domain/state';

type S = PartnershipState;

/** A list of a partnership's rows, as JSON, in the given order. */
const rowsOf = (table: string, order: string, extra = '') =>
  `(SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY ${order}), '[]'::jsonb) FROM "${table}" x WHERE x."partnershipId" = p.id ${extra})`;
const rowOf = (table: string) => `(SELECT to_jsonb(x) FROM "${table}" x WHERE x."partnershipId" = p.id)`;

/**
 * The whole record in one statement, every list built by PostgreSQL as JSON: a step's answer is read
 * on every step, and 19 queries (each compiled by Prisma) cost more than the step itself. Column
 * names are the Prisma fields' (the schema maps none), so each row reads as Prisma would give it.
 */
export const recordQuery = `SELECT jsonb_build_object(
  'row', to_jsonb(p),
  'parties', ${rowsOf('Party', 'x."recordedAtRevision", x."recordedPosition"')},
  'contributions', ${rowsOf('Contribution', 'x."recordedAtRevision", x."recordedPosition"')},
  'goals', ${rowsOf('LearningGoal', 'x."recordedAtRevision", x."recordedPosition"')},
  'versions', (SELECT coalesce(jsonb_agg(jsonb_build_object('version', x.version, 'locked', x.locked, 'savedAtRevision', x."savedAtRevision") ORDER BY x.version), '[]'::jsonb)
               FROM "AgreementVersion" x WHERE x."partnershipId" = p.id),
  'reviews', ${rowsOf('LegalReview', 'x.round')},
  'answers', ${rowsOf('LegalReviewAnswer', 'x."recordedAtRevision", x.item')},
  'decisions', ${rowsOf('Decision', 'x."recordedAtRevision", x."recordedPosition"', 'AND x.term = p.term AND x."agreementVersion" = coalesce(p."submittedVersion", -1) AND x."supersededAtRevision" IS NULL')},
  'terms', ${rowsOf('PartnershipTerm', 'x.term')},
  'followUps', ${rowsOf('FollowUp', 'x.term, x.date')},
  'deviations', ${rowsOf('Deviation', 'x.term, x."raisedOn"')},
  'adjustments', ${rowsOf('Adjustment', 'x.term, x."agreedOn"')},
  'disputes', ${rowsOf('Dispute', 'x.term, x."raisedOn", x."disputeId"')},
  'evaluations', ${rowsOf('Evaluation', 'x.term')},
  'renegotiations', ${rowsOf('Renegotiation', 'x.term')},
  'levels', ${rowsOf('ParticipationLevel', 'x.phase')},
  'principles', ${rowsOf('PrincipleAssessment', 'x."recordedAtRevision", x.principle')},
  'contract', ${rowOf('OutcomeContract')},
  'references', ${rowsOf('ExternalReference', 'x."recordedAtRevision", x.key')},
  'ending', ${rowOf('PartnershipEnding')},
  'tasks', ${rowsOf('Task', 'x."openedAt", x."openedPosition", x.id', 'AND x."closedAt" IS NULL')}
) AS record
FROM "Partnership" p WHERE p.id = $1::uuid`;

type Rows<K extends keyof Database> = Database[K] extends { findMany(...args: never[]): Promise<infer R> } ? R : never;
interface StoredRecord {
  row: Omit<NonNullable<Awaited<ReturnType<Database['partnership']['findUnique']>>>, 'createdAt'> & { createdAt: string };
  parties: Rows<'party'>;
  contributions: Rows<'contribution'>;
  goals: Rows<'learningGoal'>;
  versions: { version: number; locked: boolean; savedAtRevision: number }[];
  reviews: Rows<'legalReview'>;
  answers: Rows<'legalReviewAnswer'>;
  decisions: Rows<'decision'>;
  terms: Rows<'partnershipTerm'>;
  followUps: Rows<'followUp'>;
  deviations: Rows<'deviation'>;
  adjustments: Rows<'adjustment'>;
  disputes: Rows<'dispute'>;
  evaluations: Rows<'evaluation'>;
  renegotiations: Rows<'renegotiation'>;
  levels: Rows<'participationLevel'>;
  principles: Rows<'principleAssessment'>;
  contract: Rows<'outcomeContract'>[number] | null;
  references: Rows<'externalReference'>;
  ending: Rows<'partnershipEnding'>[number] | null;
  tasks: Rows<'task'>;
}

/** Party rows in the order the steps added them, as the partnership's record lists them. */
export const partyOrder = [{ recordedAtRevision: 'asc' as const }, { recordedPosition: 'asc' as const }];

/** One view of a party, wherever a party is shown: in the partnership's record and in its list of parties. */
export function partyView(p: Rows<'party'>[number], contributions: Rows<'contribution'>): S['parties'][number] {
  return {
    partyId: p.partyId,
    organisationId: p.organisationId,
    kind: p.kind as S['parties'][number]['kind'],
    joinedInTerm: p.joinedInTerm,
    joinedOn: p.joinedOn,
    contactIds: p.contactIds as string[],
    contributions: contributions
      .filter((c) => c.partyId === p.partyId)
      .map((c) => ({ contributionId: c.contributionId, kind: c.kind as S['parties'][number]['contributions'][number]['kind'], description: c.description, valueSek: c.valueSek })),
    leftOn: p.leftOn,
    leaveReason: p.leaveReason,
  };
}

/** The partnership's whole record, or null when there is none. */
export async function readPartnership(db: Database, id: string): Promise<PartnershipView | null> {
  // Named: each connection plans its twenty lists once, not on every read.
  const { rows: found } = await db.pool.query<{ record: StoredRecord | string }>({ name: 'partnership-record', text: recordQuery, values: [id] });
  if (found.length === 0) return null;
  const record = typeof found[0]!.record === 'string' ? (JSON.parse(found[0]!.record) as StoredRecord) : found[0]!.record;
  const { row, parties, contributions, goals, versions, reviews, answers, decisions, terms, followUps, deviations, adjustments, disputes, evaluations, renegotiations, levels, principles, contract, references, ending, tasks } = record;
  return {
    id: row.id,
    title: row.title,
    caseNumber: row.caseNumber,
    coordinator: { name: row.coordinatorName, email: row.coordinatorEmail },
    createdAt: new Date(row.createdAt).toISOString(),
    workflowId: partnershipWorkflowId(row.id),
    phase: row.phase as S['phase'],
    phaseEnteredOn: row.phaseEnteredOn,
    term: row.term,
    revision: row.revision,
    challenge: row.challenge,
    cooperationForm: row.cooperationForm ? { chosen: row.cooperationForm as NonNullable<S['cooperationForm']>['chosen'], rationale: row.cooperationRationale ?? '' } : null,
    parties: parties.map((p) => partyView(p, contributions)),
    learningGoals: goals.map((g) => ({ learningGoalId: g.learningGoalId, partyId: g.partyId, description: g.description })),
    participationLevels: Object.fromEntries(levels.map((l) => [l.phase, l.level])) as S['participationLevels'],
    principlesAssessment: principles.map((p) => ({ principle: p.principle as S['principlesAssessment'][number]['principle'], assessment: p.assessment })),
    outcomeContract: contract
      ? {
          investor: contract.investor,
          metrics: contract.metrics as NonNullable<S['outcomeContract']>['metrics'],
          measurementDate: contract.measurementDate,
          measurements: contract.measurements as NonNullable<S['outcomeContract']>['measurements'],
        }
      : null,
    externalReferences: references.map((r) => ({ system: r.system, partyId: r.partyId, reference: r.reference })),
    agreementVersions: versions,
    submittedVersion: row.submittedVersion,
    versionInForce: row.versionInForce,
    legalReviews: reviews.map((r) => ({
      round: r.round,
      agreementVersion: r.agreementVersion,
      conclusion: r.conclusion as S['legalReviews'][number]['conclusion'],
      note: r.note,
      answers: answers
        .filter((a) => a.round === r.round)
        .map((a) => ({
          item: a.item as S['legalReviews'][number]['answers'][number]['item'],
          outcome: a.outcome as S['legalReviews'][number]['answers'][number]['outcome'],
          reviewerKeyId: a.reviewerKeyId,
          note: a.note,
          ...(a.publicContractCriteria ? { publicContractCriteria: a.publicContractCriteria as Record<string, boolean> } : {}),
        })),
    })),
    decisions: decisions.map(({ partnershipId: _p, term: _t, supersededAtRevision: _s, recordedAtRevision: _r, recordedPosition: _o, ...d }) => ({
      ...d,
      outcome: d.outcome as 'YES' | 'NO',
      decidingBodyKind: d.decidingBodyKind as S['decisions'][number]['decidingBodyKind'],
    })),
    implementation: row.implementationStartDate
      ? { startDate: row.implementationStartDate, beforeFinal: row.beforeFinalReason ? { reason: row.beforeFinalReason } : null }
      : null,
    terms: terms.map((t) => ({ term: t.term, startDate: t.startDate, endDate: t.endDate })),
    followUps: followUps.map((f) => ({
      followUpId: f.followUpId,
      term: f.term,
      date: f.date,
      participantPartyIds: f.participantPartyIds as string[],
      summary: f.summary,
      keyFigures: f.keyFigures as S['followUps'][number]['keyFigures'],
    })),
    deviations: deviations.map((d) => ({ deviationId: d.deviationId, term: d.term, raisedOn: d.raisedOn, raisedByPartyId: d.raisedByPartyId, description: d.description })),
    adjustments: adjustments.map((a) => ({
      adjustmentId: a.adjustmentId,
      term: a.term,
      agreedOn: a.agreedOn,
      description: a.description,
      consentingPartyIds: a.consentingPartyIds as string[],
      newTermEndDate: a.newTermEndDate,
    })),
    disputes: disputes.map((d) => ({
      disputeId: d.disputeId,
      term: d.term,
      raisedOn: d.raisedOn,
      raisedByPartyId: d.raisedByPartyId,
      description: d.description,
      agreementClause: d.agreementClause,
      resolvedOn: d.resolvedOn,
      outcome: d.outcome as S['disputes'][number]['outcome'],
      resolution: d.resolution,
    })),
    evaluations: evaluations.map((e) => ({
      evaluationId: e.evaluationId,
      term: e.term,
      recordedOn: e.recordedOn,
      learningGoalAssessments: e.learningGoalAssessments as S['evaluations'][number]['learningGoalAssessments'],
      conflictsToPrevent: e.conflictsToPrevent,
    })),
    renegotiations: renegotiations.map((r) => ({
      term: r.term,
      outcome: r.outcome as 'CONTINUE' | 'END',
      consents: r.consents as S['renegotiations'][number]['consents'],
      note: r.note,
      nextTerm: (r.nextTerm ?? null) as S['renegotiations'][number]['nextTerm'],
    })),
    ending: ending
      ? {
          kind: ending.kind as NonNullable<S['ending']>['kind'],
          reason: ending.reason,
          agreementClause: ending.agreementClause,
          surplus: ending.surplusHandling
            ? { handling: ending.surplusHandling as NonNullable<NonNullable<S['ending']>['surplus']>['handling'], amountSek: ending.surplusSek, note: ending.surplusNote ?? '' }
            : null,
          betterForm: ending.betterForm as NonNullable<S['ending']>['betterForm'],
        }
      : null,
    timingOverrides: row.timingOverrides as S['timingOverrides'],
    waitingOn: tasks.map((t) => ({ key: t.key, kind: t.kind, partyId: t.partyId, waitsOnRole: t.waitsOnRole, dueOn: t.dueOn })),
  };
}

/**
 * What a representative of one party does not see of a partnership (OWASP API3): the legal review's
 * itemised answers (the public party's own legal assessment; its conclusion stays visible) and the
 * case numbers that other parties' case systems gave it.
 */
export function partnershipAsSeenBy(view: PartnershipView, scope: Scope | undefined, organisationId: string | null | undefined): PartnershipView {
  if (scope !== 'own') return view;
  const own = view.parties.filter((p) => p.organisationId === organisationId).map((p) => p.partyId);
  return {
    ...view,
    legalReviews: view.legalReviews.map((review) => ({ ...review, answers: [], note: null })),
    externalReferences: view.externalReferences.filter((r) => r.partyId === null || own.includes(r.partyId)),
  };
}
