// What integrations are told of a step: one CloudEvent per change, written to the outbox in the
// step's own statement. Events carry ids, document references and every party's case numbers
// (diarienummer), so that each case system files them under its own number; never a text.
import type { Change } from '../domain/changes';
import type { Statement } from './statement';

/** `decision.added` is `se.iop.partnership.decision.added`; the partnership's own fields are `se.iop.partnership.changed`. */
export const eventTypeOf = (change: Pick<Change, 'entity' | 'op'>) =>
  change.entity === 'partnership' ? 'se.iop.partnership.changed' : `se.iop.partnership.${change.entity.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.${change.op}`;

/**
 * The insert of a step's events, each with the case numbers as they stand after the step. It runs
 * in the statement that writes the step's references, and so sees the rows as they were before it:
 * the step's own changes to the references are laid over them here.
 */
export function stepEventsStatement(s: Statement, record: { partnershipId: string; revision: number; step: string; changes: Change[] }): string | null {
  if (record.changes.length === 0) return null;
  const events = record.changes.map((change, i) => ({
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
    },
  }));
  const touched = record.changes.filter((c) => c.entity === 'externalReference');
  const written = touched.flatMap((c) => (c.op === 'removed' ? [] : [{ key: c.key, system: c.value.system, partyId: c.value.partyId, reference: c.value.reference }]));
  const partnership = s.param(record.partnershipId);
  // The transaction's id orders the feed (events/feed.ts).
  return `INSERT INTO "PartnershipEvent" (id, txid, "partnershipId", type, data)
    SELECT e.value->>'id', pg_current_xact_id()::text::bigint, p.id, e.value->>'type',
      (e.value->'data') || jsonb_build_object('caseNumber', p."caseNumber", 'externalReferences', (
        SELECT coalesce(jsonb_agg(jsonb_build_object('system', r.system, 'partyId', r."partyId", 'reference', r.reference) ORDER BY r.revision, r.key), '[]'::jsonb)
        FROM (
          SELECT x.system, x."partyId", x.reference, x."recordedAtRevision" AS revision, x.key FROM "ExternalReference" x
          WHERE x."partnershipId" = p.id AND NOT (x.key = ANY(${s.param(touched.map((c) => c.key))}::text[]))
          UNION ALL
          SELECT w.system, w."partyId", w.reference, ${s.param(record.revision)}::int, w.key
          FROM jsonb_to_recordset(${s.param(JSON.stringify(written))}::jsonb) AS w(key text, system text, "partyId" text, reference text)
        ) r))
    FROM jsonb_array_elements(${s.param(JSON.stringify(events))}::jsonb) WITH ORDINALITY AS e(value, n), "Partnership" p
    WHERE p.id = ${partnership}::uuid
    ORDER BY e.n`;
}
