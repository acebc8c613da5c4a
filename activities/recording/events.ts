// What integrations are told of a step: one CloudEvent per change, written to the outbox in the
// step's own transaction. Events carry ids, document references and every party's case numbers
// (diarienummer), so that each case system files them under its own number; never a text.
import type { Change } from '../../domain/changes';
import type { Prisma } from '../../platform/database';
import type { OutboxEvent } from '../../platform/outbox';

/** `decision.added` is `se.iop.partnership.decision.added`; the partnership's own fields are `se.iop.partnership.changed`. */
export const eventTypeOf = (change: Pick<Change, 'entity' | 'op'>) =>
  change.entity === 'partnership' ? 'se.iop.partnership.changed' : `se.iop.partnership.${change.entity.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.${change.op}`;

/** The events of one recorded step, with the case numbers as they stand after it. */
export async function stepEvents(
  tx: Prisma.TransactionClient,
  record: { partnershipId: string; revision: number; step: string; changes: Change[] },
): Promise<OutboxEvent[]> {
  const [references] = await tx.$queryRaw<{ caseNumber: string | null; refs: { system: string; partyId: string | null; reference: string }[] }[]>`
    SELECT p."caseNumber",
      (SELECT coalesce(jsonb_agg(jsonb_build_object('system', r.system, 'partyId', r."partyId", 'reference', r.reference) ORDER BY r."recordedAtRevision", r.key), '[]'::jsonb)
       FROM "ExternalReference" r WHERE r."partnershipId" = p.id) AS refs
    FROM "Partnership" p WHERE p.id = ${record.partnershipId}::uuid`;
  return record.changes.map((change, i) => ({
    id: `${record.partnershipId}:${record.revision}:${i + 1}`,
    type: eventTypeOf(change),
    data: {
      partnershipId: record.partnershipId,
      revision: record.revision,
      step: record.step,
      entity: change.entity,
      op: change.op,
      key: change.key,
      ...(change.op === 'removed' ? {} : { value: change.value }),
      caseNumber: references?.caseNumber ?? null,
      externalReferences: references?.refs ?? [],
    },
  }));
}
