// How each changed entity is written to its row of the records, as one part of the step's single
// statement. Texts arrive as document references and are written out in full, so that reads need no
// second look-up.
import type { Change, EntityName, EntityValue } from '../domain/changes';
import type { Columns, Table } from './row-types';
import { json, jsonOrNull, matching, upsert, type Statement } from './statement';

export interface RowContext {
  s: Statement;
  partnershipId: string;
  revision: number;
  /** The change's place among the step's changes. */
  position: number;
  /** The text behind a document reference; a literal (a reason the system gave) passes as it is. */
  text: (value: string | null | undefined) => string | null;
}

type Of<E extends EntityName> = EntityValue<E>;
type Writer<E extends EntityName> = { upsert: (ctx: RowContext, key: string, value: Of<E>) => string; remove?: (ctx: RowContext, key: string) => string };

/** The partnership's own columns: written by the step's one UPDATE of its row, with the revision. */
export function partnershipColumns({ text }: Pick<RowContext, 'text'>, p: Of<'partnership'>): Columns<'Partnership'> {
  return {
    phase: p.phase,
    phaseEnteredOn: p.phaseEnteredOn,
    term: p.term,
    challenge: text(p.challenge),
    cooperationForm: p.cooperationForm?.chosen ?? null,
    cooperationRationale: text(p.cooperationForm?.rationale),
    submittedVersion: p.submittedVersion,
    versionInForce: p.versionInForce,
    implementationStartDate: p.implementation?.startDate ?? null,
    beforeFinalReason: text(p.implementation?.beforeFinal?.reason),
    timingOverrides: json(p.timingOverrides),
    termEndDate: p.termEndDate ?? null,
  };
}

/** Removes the partnership's row of a table with a key of its own. */
const removal =
  <T extends Table>(table: T, keyOf: (key: string) => Columns<T>) =>
  ({ s, partnershipId }: RowContext, key: string) =>
    `DELETE FROM "${table}" WHERE ${matching(s, table, { partnershipId, ...keyOf(key) })}`;

export const rows: { [E in Exclude<EntityName, 'partnership'>]: Writer<E> } = {
  party: {
    upsert: ({ s, partnershipId, revision, position, text }, partyId, p) =>
      upsert(
        s,
        'Party',
        { partnershipId, partyId },
        {
          organisationId: p.organisationId,
          kind: p.kind,
          joinedInTerm: p.joinedInTerm,
          joinedOn: p.joinedOn ?? null,
          contactIds: json(p.contactIds),
          leftOn: p.leftOn ?? null,
          leaveReason: text(p.leaveReason),
        },
        { recordedAtRevision: revision, recordedPosition: position },
      ),
    remove: removal('Party', (partyId) => ({ partyId })),
  },
  contribution: {
    upsert: ({ s, partnershipId, revision, position, text }, contributionId, c) =>
      upsert(
        s,
        'Contribution',
        { partnershipId, contributionId },
        { partyId: c.partyId, kind: c.kind, description: text(c.description) ?? '', valueSek: c.valueSek },
        { recordedAtRevision: revision, recordedPosition: position },
      ),
    remove: removal('Contribution', (contributionId) => ({ contributionId })),
  },
  learningGoal: {
    upsert: ({ s, partnershipId, revision, position, text }, learningGoalId, g) =>
      upsert(s, 'LearningGoal', { partnershipId, learningGoalId }, { partyId: g.partyId, description: text(g.description) ?? '' }, { recordedAtRevision: revision, recordedPosition: position }),
    remove: removal('LearningGoal', (learningGoalId) => ({ learningGoalId })),
  },
  agreementVersion: {
    upsert: ({ s, partnershipId, text }, _key, v) =>
      upsert(
        s,
        'AgreementVersion',
        { partnershipId, version: v.version },
        { sections: json(Object.fromEntries(Object.entries(v.sections).map(([heading, ref]) => [heading, text(ref)]))), locked: v.locked, savedAtRevision: v.savedAtRevision },
      ),
  },
  legalReview: {
    upsert: ({ s, partnershipId, text }, _key, r) =>
      upsert(s, 'LegalReview', { partnershipId, round: r.round }, { agreementVersion: r.agreementVersion, conclusion: r.conclusion, note: text(r.note) }),
  },
  legalReviewAnswer: {
    upsert: ({ s, partnershipId, revision, text }, _key, a) =>
      upsert(
        s,
        'LegalReviewAnswer',
        { partnershipId, round: a.round, item: a.item },
        {
          recordedAtRevision: revision,
          agreementVersion: a.agreementVersion,
          outcome: a.outcome,
          reviewerKeyId: a.reviewerKeyId,
          note: text(a.note) ?? '',
          publicContractCriteria: jsonOrNull(a.publicContractCriteria),
        },
      ),
  },
  decision: {
    upsert: ({ s, partnershipId, revision, position }, _key, d) =>
      upsert(
        s,
        'Decision',
        { partnershipId, partyId: d.partyId, term: d.term, agreementVersion: d.agreementVersion },
        {
          outcome: d.outcome,
          decidingBody: d.decidingBody,
          decidingBodyKind: d.decidingBodyKind,
          meetingDate: d.meetingDate,
          paragraph: d.paragraph,
          minutesReference: d.minutesReference,
          approvalDate: d.approvalDate,
          postingDate: d.postingDate,
          appealWindowEnds: d.appealWindowEnds,
          appealed: d.appealed ?? false,
          final: d.final,
          // Decided again after an annulment: current once more.
          supersededAtRevision: null,
        },
        { recordedAtRevision: revision, recordedPosition: position },
      ),
    // Every decision of every round is kept: one that a new round or an annulment replaced is marked, not deleted.
    remove: ({ s, partnershipId, revision }, key) => {
      const [term, agreementVersion, partyId] = key.split(':') as [string, string, string];
      return `UPDATE "Decision" SET "supersededAtRevision" = ${s.param(revision)} WHERE ${matching(s, 'Decision', { partnershipId, partyId, term: Number(term), agreementVersion: Number(agreementVersion) })}`;
    },
  },
  term: {
    upsert: ({ s, partnershipId }, _key, t) => upsert(s, 'PartnershipTerm', { partnershipId, term: t.term }, { startDate: t.startDate, endDate: t.endDate }),
  },
  followUp: {
    upsert: ({ s, partnershipId, text }, followUpId, f) =>
      upsert(
        s,
        'FollowUp',
        { partnershipId, followUpId },
        { term: f.term, date: f.date, summary: text(f.summary) ?? '', participantPartyIds: json(f.participantPartyIds), keyFigures: json(f.keyFigures) },
      ),
  },
  deviation: {
    upsert: ({ s, partnershipId, text }, deviationId, d) =>
      upsert(s, 'Deviation', { partnershipId, deviationId }, { term: d.term, raisedOn: d.raisedOn, raisedByPartyId: d.raisedByPartyId, description: text(d.description) ?? '' }),
  },
  adjustment: {
    upsert: ({ s, partnershipId, text }, adjustmentId, a) =>
      upsert(
        s,
        'Adjustment',
        { partnershipId, adjustmentId },
        { term: a.term, agreedOn: a.agreedOn, description: text(a.description) ?? '', consentingPartyIds: json(a.consentingPartyIds), newTermEndDate: a.newTermEndDate },
      ),
  },
  dispute: {
    upsert: ({ s, partnershipId, text }, disputeId, d) =>
      upsert(
        s,
        'Dispute',
        { partnershipId, disputeId },
        {
          term: d.term,
          raisedOn: d.raisedOn,
          raisedByPartyId: d.raisedByPartyId,
          description: text(d.description) ?? '',
          agreementClause: d.agreementClause,
          resolvedOn: d.resolvedOn,
          outcome: d.outcome,
          resolution: text(d.resolution),
        },
      ),
  },
  evaluation: {
    upsert: ({ s, partnershipId, text }, evaluationId, e) =>
      upsert(
        s,
        'Evaluation',
        { partnershipId, evaluationId },
        {
          term: e.term,
          recordedOn: e.recordedOn,
          learningGoalAssessments: json(e.learningGoalAssessments.map((a) => ({ learningGoalId: a.learningGoalId, assessment: text(a.assessment) }))),
          conflictsToPrevent: text(e.conflictsToPrevent),
        },
      ),
  },
  renegotiation: {
    upsert: ({ s, partnershipId, text }, _key, r) =>
      upsert(s, 'Renegotiation', { partnershipId, term: r.term }, { outcome: r.outcome, consents: json(r.consents), note: text(r.note) ?? '', nextTerm: jsonOrNull(r.nextTerm) }),
  },
  participationLevel: {
    upsert: ({ s, partnershipId }, phase, p) => upsert(s, 'ParticipationLevel', { partnershipId, phase }, { level: p.level }),
  },
  principleAssessment: {
    upsert: ({ s, partnershipId, revision, text }, principle, a) =>
      upsert(s, 'PrincipleAssessment', { partnershipId, principle }, { assessment: text(a.assessment) ?? '', recordedAtRevision: revision }),
  },
  outcomeContract: {
    upsert: ({ s, partnershipId, text }, _key, c) =>
      upsert(
        s,
        'OutcomeContract',
        { partnershipId },
        { investor: c.investor, metrics: json(c.metrics), measurementDate: c.measurementDate, measurements: json(c.measurements.map((m) => ({ ...m, note: text(m.note) }))) },
      ),
  },
  externalReference: {
    upsert: ({ s, partnershipId, revision }, key, r) =>
      upsert(s, 'ExternalReference', { partnershipId, key }, { system: r.system, partyId: r.partyId, reference: r.reference, recordedAtRevision: revision }),
    remove: removal('ExternalReference', (key) => ({ key })),
  },
  ending: {
    upsert: ({ s, partnershipId, text }, _key, e) =>
      upsert(
        s,
        'PartnershipEnding',
        { partnershipId },
        {
          kind: e.kind,
          reason: text(e.reason) ?? '',
          agreementClause: e.agreementClause,
          surplusHandling: e.surplus?.handling ?? null,
          surplusSek: e.surplus?.amountSek ?? null,
          surplusNote: text(e.surplus?.note),
          betterForm: e.betterForm,
        },
      ),
  },
};

/** The statement that writes one change to its row, or null where nothing is written. */
export function changeStatement(ctx: RowContext, change: Exclude<Change, { entity: 'partnership' }>): string | null {
  const writer = rows[change.entity] as Writer<Exclude<EntityName, 'partnership'>>;
  if (change.op === 'removed') return writer.remove ? writer.remove(ctx, change.key) : null;
  return writer.upsert(ctx, change.key, change.value as never);
}
