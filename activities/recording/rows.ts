// How each changed entity is written to its row of the read model. Texts arrive as document
// references and are written out in full, so that reads need no second look-up.
import type { Change, EntityName, EntityValue } from '../../domain/changes';
import { Prisma } from '../../platform/database';

type Transaction = Prisma.TransactionClient;

export interface RowContext {
  tx: Transaction;
  partnershipId: string;
  revision: number;
  /** The text behind a document reference; a literal (a reason the system gave) passes as it is. */
  text: (value: string | null | undefined) => string | null;
}

type Of<E extends EntityName> = EntityValue<E>;
type Writer<E extends EntityName> = { upsert: (ctx: RowContext, key: string, value: Of<E>) => Promise<unknown>; remove?: (ctx: RowContext, key: string) => Promise<unknown> };

const json = (value: unknown) => value as Prisma.InputJsonValue;

export const rows: { [E in EntityName]: Writer<E> } = {
  partnership: {
    upsert: ({ tx, partnershipId, text }, _key, p) =>
      tx.partnership.update({
        where: { id: partnershipId },
        data: {
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
        },
      }),
  },
  party: {
    upsert: ({ tx, partnershipId, revision, text }, partyId, p) => {
      const data = {
        organisationId: p.organisationId,
        kind: p.kind,
        joinedInTerm: p.joinedInTerm,
        joinedOn: p.joinedOn ?? null,
        contactIds: json(p.contactIds),
        leftOn: p.leftOn ?? null,
        leaveReason: text(p.leaveReason),
      };
      return tx.party.upsert({ where: { partnershipId_partyId: { partnershipId, partyId } }, create: { partnershipId, partyId, recordedAtRevision: revision, ...data }, update: data });
    },
    remove: ({ tx, partnershipId }, partyId) => tx.party.deleteMany({ where: { partnershipId, partyId } }),
  },
  contribution: {
    upsert: ({ tx, partnershipId, revision, text }, contributionId, c) => {
      const data = { partyId: c.partyId, kind: c.kind, description: text(c.description) ?? '', valueSek: c.valueSek };
      return tx.contribution.upsert({
        where: { partnershipId_contributionId: { partnershipId, contributionId } },
        create: { partnershipId, contributionId, recordedAtRevision: revision, ...data },
        update: data,
      });
    },
    remove: ({ tx, partnershipId }, contributionId) => tx.contribution.deleteMany({ where: { partnershipId, contributionId } }),
  },
  learningGoal: {
    upsert: ({ tx, partnershipId, revision, text }, learningGoalId, g) => {
      const data = { partyId: g.partyId, description: text(g.description) ?? '' };
      return tx.learningGoal.upsert({
        where: { partnershipId_learningGoalId: { partnershipId, learningGoalId } },
        create: { partnershipId, learningGoalId, recordedAtRevision: revision, ...data },
        update: data,
      });
    },
    remove: ({ tx, partnershipId }, learningGoalId) => tx.learningGoal.deleteMany({ where: { partnershipId, learningGoalId } }),
  },
  agreementVersion: {
    upsert: ({ tx, partnershipId, text }, _key, v) => {
      const data = { sections: json(Object.fromEntries(Object.entries(v.sections).map(([heading, ref]) => [heading, text(ref)]))), locked: v.locked, savedAtRevision: v.savedAtRevision };
      return tx.agreementVersion.upsert({ where: { partnershipId_version: { partnershipId, version: v.version } }, create: { partnershipId, version: v.version, ...data }, update: data });
    },
  },
  legalReview: {
    upsert: ({ tx, partnershipId, text }, _key, r) => {
      const data = { agreementVersion: r.agreementVersion, conclusion: r.conclusion, note: text(r.note) };
      return tx.legalReview.upsert({ where: { partnershipId_round: { partnershipId, round: r.round } }, create: { partnershipId, round: r.round, ...data }, update: data });
    },
  },
  legalReviewAnswer: {
    upsert: ({ tx, partnershipId, revision, text }, _key, a) => {
      const data = {
        recordedAtRevision: revision,
        agreementVersion: a.agreementVersion,
        outcome: a.outcome,
        reviewerKeyId: a.reviewerKeyId,
        note: text(a.note) ?? '',
        publicContractCriteria: a.publicContractCriteria ? json(a.publicContractCriteria) : Prisma.DbNull,
      };
      const key = { partnershipId, round: a.round, item: a.item };
      return tx.legalReviewAnswer.upsert({ where: { partnershipId_round_item: key }, create: { ...key, ...data }, update: data });
    },
  },
  decision: {
    upsert: ({ tx, partnershipId, revision }, _key, d) => {
      const { partyId, term, agreementVersion, ...fields } = d;
      const key = { partnershipId, partyId, term, agreementVersion };
      // Decided again after an annulment: current once more.
      const data = { ...fields, supersededAtRevision: null };
      return tx.decision.upsert({ where: { partnershipId_partyId_term_agreementVersion: key }, create: { ...key, recordedAtRevision: revision, ...data }, update: data });
    },
    // Every decision of every round is kept: one that a new round or an annulment replaced is marked, not deleted.
    remove: ({ tx, partnershipId, revision }, key) => {
      const [term, agreementVersion, partyId] = key.split(':') as [string, string, string];
      return tx.decision.updateMany({
        where: { partnershipId, partyId, term: Number(term), agreementVersion: Number(agreementVersion) },
        data: { supersededAtRevision: revision },
      });
    },
  },
  term: {
    upsert: ({ tx, partnershipId }, _key, t) =>
      tx.partnershipTerm.upsert({
        where: { partnershipId_term: { partnershipId, term: t.term } },
        create: { partnershipId, ...t },
        update: { startDate: t.startDate, endDate: t.endDate },
      }),
  },
  followUp: {
    upsert: ({ tx, partnershipId, text }, followUpId, f) => {
      const data = { term: f.term, date: f.date, summary: text(f.summary) ?? '', participantPartyIds: json(f.participantPartyIds), keyFigures: json(f.keyFigures) };
      return tx.followUp.upsert({ where: { partnershipId_followUpId: { partnershipId, followUpId } }, create: { partnershipId, followUpId, ...data }, update: data });
    },
  },
  deviation: {
    upsert: ({ tx, partnershipId, text }, deviationId, d) => {
      const data = { term: d.term, raisedOn: d.raisedOn, raisedByPartyId: d.raisedByPartyId, description: text(d.description) ?? '' };
      return tx.deviation.upsert({ where: { partnershipId_deviationId: { partnershipId, deviationId } }, create: { partnershipId, deviationId, ...data }, update: data });
    },
  },
  adjustment: {
    upsert: ({ tx, partnershipId, text }, adjustmentId, a) => {
      const data = {
        term: a.term,
        agreedOn: a.agreedOn,
        description: text(a.description) ?? '',
        consentingPartyIds: json(a.consentingPartyIds),
        newTermEndDate: a.newTermEndDate,
      };
      return tx.adjustment.upsert({ where: { partnershipId_adjustmentId: { partnershipId, adjustmentId } }, create: { partnershipId, adjustmentId, ...data }, update: data });
    },
  },
  dispute: {
    upsert: ({ tx, partnershipId, text }, disputeId, d) => {
      const data = {
        term: d.term,
        raisedOn: d.raisedOn,
        raisedByPartyId: d.raisedByPartyId,
        description: text(d.description) ?? '',
        agreementClause: d.agreementClause,
        resolvedOn: d.resolvedOn,
        outcome: d.outcome,
        resolution: text(d.resolution),
      };
      return tx.dispute.upsert({ where: { partnershipId_disputeId: { partnershipId, disputeId } }, create: { partnershipId, disputeId, ...data }, update: data });
    },
  },
  evaluation: {
    upsert: ({ tx, partnershipId, text }, evaluationId, e) => {
      const data = {
        term: e.term,
        recordedOn: e.recordedOn,
        learningGoalAssessments: json(e.learningGoalAssessments.map((a) => ({ learningGoalId: a.learningGoalId, assessment: text(a.assessment) }))),
        conflictsToPrevent: text(e.conflictsToPrevent),
      };
      return tx.evaluation.upsert({ where: { partnershipId_evaluationId: { partnershipId, evaluationId } }, create: { partnershipId, evaluationId, ...data }, update: data });
    },
  },
  renegotiation: {
    upsert: ({ tx, partnershipId, text }, _key, r) => {
      const data = { outcome: r.outcome, consents: json(r.consents), note: text(r.note) ?? '', nextTerm: r.nextTerm ? json(r.nextTerm) : Prisma.DbNull };
      return tx.renegotiation.upsert({ where: { partnershipId_term: { partnershipId, term: r.term } }, create: { partnershipId, term: r.term, ...data }, update: data });
    },
  },
  participationLevel: {
    upsert: ({ tx, partnershipId }, phase, p) =>
      tx.participationLevel.upsert({ where: { partnershipId_phase: { partnershipId, phase } }, create: { partnershipId, phase, level: p.level }, update: { level: p.level } }),
  },
  principleAssessment: {
    upsert: ({ tx, partnershipId, revision, text }, principle, a) => {
      const data = { assessment: text(a.assessment) ?? '', recordedAtRevision: revision };
      return tx.principleAssessment.upsert({ where: { partnershipId_principle: { partnershipId, principle } }, create: { partnershipId, principle, ...data }, update: data });
    },
  },
  outcomeContract: {
    upsert: ({ tx, partnershipId, text }, _key, c) => {
      const data = {
        investor: c.investor,
        metrics: json(c.metrics),
        measurementDate: c.measurementDate,
        measurements: json(c.measurements.map((m) => ({ ...m, note: text(m.note) }))),
      };
      return tx.outcomeContract.upsert({ where: { partnershipId }, create: { partnershipId, ...data }, update: data });
    },
  },
  externalReference: {
    upsert: ({ tx, partnershipId, revision }, key, r) => {
      const data = { system: r.system, partyId: r.partyId, reference: r.reference, recordedAtRevision: revision };
      return tx.externalReference.upsert({ where: { partnershipId_key: { partnershipId, key } }, create: { partnershipId, key, ...data }, update: data });
    },
    remove: ({ tx, partnershipId }, key) => tx.externalReference.deleteMany({ where: { partnershipId, key } }),
  },
  ending: {
    upsert: ({ tx, partnershipId, text }, _key, e) => {
      const data = {
        kind: e.kind,
        reason: text(e.reason) ?? '',
        agreementClause: e.agreementClause,
        surplusHandling: e.surplus?.handling ?? null,
        surplusSek: e.surplus?.amountSek ?? null,
        surplusNote: text(e.surplus?.note),
        betterForm: e.betterForm,
      };
      return tx.partnershipEnding.upsert({ where: { partnershipId }, create: { partnershipId, ...data }, update: data });
    },
  },
};

/** Writes one change to its row: added and changed are the same upsert; a removal deletes, or marks where history is kept. */
export function writeChange(ctx: RowContext, change: Change): Promise<unknown> {
  const writer = rows[change.entity] as Writer<EntityName>;
  if (change.op === 'removed') return writer.remove ? writer.remove(ctx, change.key) : Promise.resolve();
  return writer.upsert(ctx, change.key, change.value as never);
}
