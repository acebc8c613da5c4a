// What is kept only for a while: an Idempotency-Key's stored answer (a retry comes within hours,
// the contract promises 24) and a webhook's delivery log. The audit trail, the records and the
// events are kept for good. Each API process prunes at start and every hour; deleting twice is harmless.
import type { Database } from '../platform/database';

export const retentionDays = { idempotencyRecords: 7, webhookDeliveries: 90 };

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

export async function pruneExpired(db: Database, now = new Date()): Promise<{ idempotencyRecords: number; webhookDeliveries: number }> {
  const [idempotencyRecords, webhookDeliveries] = await Promise.all([
    db.idempotencyRecord.deleteMany({ where: { updatedAt: { lt: daysBefore(now, retentionDays.idempotencyRecords) } } }),
    db.webhookDelivery.deleteMany({ where: { at: { lt: daysBefore(now, retentionDays.webhookDeliveries) } } }),
  ]);
  return { idempotencyRecords: idempotencyRecords.count, webhookDeliveries: webhookDeliveries.count };
}
