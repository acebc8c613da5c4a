import { pruneExpired, retentionDays } from '../../records/retention';
import { ensureRetentionSchedule, retentionScheduleId } from '../../worker/retention-schedule';
import { recordWorkflowHistoryIfAsked } from '../support/record-history';
import { eventually, startSystem, type TestSystem } from '../support/system';

// What is kept only for a while, in the real database.
describe('retention', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem({ worker: false });
  });
  afterAll(() => system.stop());

  it('when records pass their retention, then they are pruned, and younger ones and the audit trail are kept', async () => {
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const caller = `retention-${crypto.randomUUID()}`;
    const record = (key: string, updatedAt: Date) => ({ callerId: caller, key, operation: 'registerPartnership', requestHash: 'x', status: 'DONE', resourceId: crypto.randomUUID(), updatedAt, createdAt: updatedAt });
    await system.db.idempotencyRecord.createMany({ data: [record('old', ago(retentionDays.idempotencyRecords + 1)), record('young', ago(1))] });
    const subscriptionId = crypto.randomUUID();
    const delivery = (at: Date) => ({ subscriptionId, eventId: 'e', attempt: 1, latencyMs: 1, succeeded: true, at });
    await system.db.webhookDelivery.createMany({ data: [delivery(ago(retentionDays.webhookDeliveries + 1)), delivery(ago(10))] });
    const audit = await system.db.auditEvent.count();

    const pruned = await pruneExpired(system.db, now);

    expect(pruned.idempotencyRecords).toBeGreaterThanOrEqual(1);
    expect(pruned.webhookDeliveries).toBeGreaterThanOrEqual(1);
    expect((await system.db.idempotencyRecord.findMany({ where: { callerId: caller } })).map((r) => r.key)).toEqual(['young']);
    expect(await system.db.webhookDelivery.count({ where: { subscriptionId } })).toBe(1);
    expect(await system.db.auditEvent.count()).toBeGreaterThanOrEqual(audit);
    // Pruning again finds nothing more of these.
    await pruneExpired(system.db, now);
    expect((await system.db.idempotencyRecord.findMany({ where: { callerId: caller } })).map((r) => r.key)).toEqual(['young']);
  });

  it('when two workers start at once, then one retention schedule exists, it prunes at once, and one run is started an hour', async () => {
    const withWorker = await startSystem();
    const id = retentionScheduleId(withWorker.taskQueue);
    try {
      const caller = `retention-${crypto.randomUUID()}`;
      const old = new Date(Date.now() - (retentionDays.idempotencyRecords + 1) * 86_400_000);
      await withWorker.db.idempotencyRecord.create({ data: { callerId: caller, key: 'old', operation: 'registerPartnership', requestHash: 'x', status: 'DONE', resourceId: crypto.randomUUID(), updatedAt: old, createdAt: old } });

      const made = await Promise.all([ensureRetentionSchedule(withWorker.temporal, withWorker.taskQueue), ensureRetentionSchedule(withWorker.temporal, withWorker.taskQueue)]);
      expect(made.sort()).toEqual([false, true]);
      await eventually(async () => (await withWorker.db.idempotencyRecord.count({ where: { callerId: caller } })) === 0);

      const schedule = await withWorker.temporal.schedule.getHandle(id).describe();
      expect(schedule.spec.intervals?.map((interval) => interval.every)).toEqual([3_600_000]);
      expect(schedule.policies.overlap).toBe('SKIP');
      expect(schedule.info.recentActions).toHaveLength(1);
      const run = schedule.info.recentActions[0]!.action.workflow.workflowId;
      await withWorker.temporal.workflow.getHandle(run).result();
      await recordWorkflowHistoryIfAsked(withWorker.temporal, run, 'retention-run');
    } finally {
      await withWorker.temporal.schedule.getHandle(id).delete().catch(() => undefined);
      await withWorker.stop();
    }
  }, 60_000);
});
