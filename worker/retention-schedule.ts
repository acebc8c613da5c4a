// The deployment's one retention job: a Temporal Schedule that starts retentionWorkflow every hour
// on the task queue. Every worker makes sure it exists at start; whichever is first makes it, and
// the others find it there, so however many workers run, retention runs once an hour.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';

/** One per task queue, so that deployments sharing a namespace keep their own. */
export const retentionScheduleId = (taskQueue: string) => `retention-${taskQueue}`;

/** Makes the schedule unless it exists; answers whether this call made it. */
export async function ensureRetentionSchedule(temporal: Client, taskQueue: string): Promise<boolean> {
  try {
    await temporal.schedule.create({
      scheduleId: retentionScheduleId(taskQueue),
      spec: { intervals: [{ every: '1 hour' }] },
      action: { type: 'startWorkflow', workflowType: 'retentionWorkflow', taskQueue, workflowId: retentionScheduleId(taskQueue) },
      // A run still going when the next is due is not doubled; a worker down for a day catches up with one run, not 24.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
      // The first run at once: a new deployment does not wait an hour to prune.
      state: { triggerImmediately: true, note: 'Prunes expired Idempotency-Key answers, webhook delivery logs and rate-limit counters (records/retention.ts)' },
    });
    return true;
  } catch (error) {
    if (error instanceof ScheduleAlreadyRunning) return false;
    throw error;
  }
}
