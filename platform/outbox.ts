// The outbox of partnership events (CloudEvents), shared by the API (a registration) and the
// recording activity (every step): written inside the caller's transaction, never apart from it.
import type { Prisma } from './database';

export interface OutboxEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

export async function writeEvents(
  tx: Prisma.TransactionClient,
  partnershipId: string,
  events: OutboxEvent[],
): Promise<void> {
  if (events.length === 0) return;
  // One statement for all of a step's events; the transaction's id orders the feed.
  await tx.$executeRaw`
    INSERT INTO "PartnershipEvent" (id, txid, "partnershipId", type, data)
    SELECT e->>'id', pg_current_xact_id()::text::bigint, ${partnershipId}::uuid, e->>'type', e->'data'
    FROM jsonb_array_elements(${JSON.stringify(events)}::jsonb) AS e`;
}

