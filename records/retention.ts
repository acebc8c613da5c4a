// What is kept only for a while: an Idempotency-Key's stored answer (a retry comes within hours,
// the contract promises 24), a webhook's delivery log and the rate limits' ended counters. The audit trail, the records and the
// events are kept for good. A Temporal Schedule prunes once an hour for the deployment
// (worker/retention-schedule.ts); a run repeated by a retry deletes nothing twice.
import type { Database } from '../platform/database';

export const retentionDays = { idempotencyRecords: 7, webhookDeliveries: 90 };

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

export async function pruneExpired(db: Database, now = new Date()): Promise<{ idempotencyRecords: number; webhookDeliveries: number; rateLimitCounters: number }> {
  const [idempotencyRecords, webhookDeliveries, rateLimitCounters] = await Promise.all([
    db.idempotencyRecord.deleteMany({ where: { updatedAt: { lt: daysBefore(now, retentionDays.idempotencyRecords) } } }),
    db.webhookDelivery.deleteMany({ where: { at: { lt: daysBefore(now, retentionDays.webhookDeliveries) } } }),
    // A rate limit's counter whose window has ended is begun afresh by its next hit: only a key never seen again is left.
    db.rateLimitHit.deleteMany({ where: { resetAt: { lt: now } } }),
  ]);
  return { idempotencyRecords: idempotencyRecords.count, webhookDeliveries: webhookDeliveries.count, rateLimitCounters: rateLimitCounters.count };
}
