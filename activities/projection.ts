import type { Prisma } from '../platform/database';
import type { PartnershipState } from '../domain/state';

type Transaction = Prisma.TransactionClient;

/**
 * Writes the lifecycle's records from the workflow's state. The state holds their whole history,
 * so each table is replaced for the partnership; decisions are kept across rounds, since a new
 * round clears them from the state.
 */
export async function projectLifecycle(tx: Transaction, state: PartnershipState): Promise<void> {
  const partnershipId = state.partnershipId;
  const where = { partnershipId };

  await tx.party.deleteMany({ where });
  await tx.party.createMany({
    data: state.parties.map((p) => ({ partnershipId, partyId: p.partyId, organisationId: p.organisationId, kind: p.kind, joinedInTerm: p.joinedInTerm })),
  });

  await tx.contribution.deleteMany({ where });
  await tx.contribution.createMany({
    data: state.parties.flatMap((p) =>
      p.contributions.map((c) => ({ partnershipId, contributionId: c.contributionId, partyId: p.partyId, kind: c.kind, description: c.description, valueSek: c.valueSek })),
    ),
  });

  await tx.learningGoal.deleteMany({ where });
  await tx.learningGoal.createMany({ data: state.learningGoals.map((g) => ({ partnershipId, ...g })) });

  await tx.agreementVersion.deleteMany({ where });
  await tx.agreementVersion.createMany({
    data: state.agreementVersions.map((v) => ({ partnershipId, version: v.version, sections: v.sections, locked: v.locked })),
  });

  await tx.legalReviewAnswer.deleteMany({ where });
  await tx.legalReviewAnswer.createMany({
    data: state.legalReviews.flatMap((review) =>
      review.answers.map((a) => ({
        partnershipId,
        round: review.round,
        agreementVersion: review.agreementVersion,
        conclusion: review.conclusion,
        item: a.item,
        outcome: a.outcome,
        reviewerKeyId: a.reviewerKeyId,
        note: a.note,
        ...(a.publicContractCriteria ? { publicContractCriteria: a.publicContractCriteria } : {}),
      })),
    ),
  });

  for (const d of state.decisions) {
    const key = { partnershipId, partyId: d.partyId, term: state.term, agreementVersion: d.agreementVersion };
    const { appealed: _appealed, ...fields } = d;
    await tx.decision.upsert({
      where: { partnershipId_partyId_term_agreementVersion: key },
      create: { ...fields, ...key },
      update: { final: d.final, appealWindowEnds: d.appealWindowEnds },
    });
  }

  await tx.followUp.deleteMany({ where });
  await tx.followUp.createMany({ data: state.followUps.map((f) => ({ partnershipId, ...f })) });

  await tx.evaluation.deleteMany({ where });
  await tx.evaluation.createMany({ data: state.evaluations.map((e) => ({ partnershipId, ...e })) });

  await tx.deviation.deleteMany({ where });
  await tx.deviation.createMany({ data: state.deviations.map((d) => ({ partnershipId, ...d })) });

  await tx.adjustment.deleteMany({ where });
  await tx.adjustment.createMany({ data: state.adjustments.map((a) => ({ partnershipId, ...a })) });

  await tx.renegotiation.deleteMany({ where });
  await tx.renegotiation.createMany({ data: state.renegotiations.map((r) => ({ partnershipId, ...r })) });

  await tx.participationLevel.deleteMany({ where });
  await tx.participationLevel.createMany({
    data: Object.entries(state.participationLevels).map(([phase, level]) => ({ partnershipId, phase, level: level! })),
  });

  if (state.ending) {
    const { kind, reason, agreementClause, surplus } = state.ending;
    const ending = { kind, reason, agreementClause, surplusHandling: surplus?.handling ?? null, surplusSek: surplus?.amountSek ?? null, surplusNote: surplus?.note ?? null };
    await tx.partnershipEnding.upsert({ where: { partnershipId }, create: { partnershipId, ...ending }, update: ending });
  }

  await tx.partnershipTerm.deleteMany({ where });
  await tx.partnershipTerm.createMany({ data: state.terms.map((t) => ({ partnershipId, ...t })) });
}
