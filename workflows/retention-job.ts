// Retention, once an hour for the whole deployment: run by a Temporal Schedule
// (worker/retention-schedule.ts), not by every API process. What is pruned is records/retention.ts's.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { pruneExpired } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  // The next hour's run prunes what this one could not.
  retry: { initialInterval: '30 seconds', maximumAttempts: 5 },
});

export async function retentionWorkflow(): Promise<void> {
  await pruneExpired();
}
