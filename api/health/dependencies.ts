// What the API depends on, asked now, each within a bounded time: read by /readyz and by the metrics
// (iop_dependency_up), so that a probe and an alert tell the same story.
import type { Client } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import type { Database } from '../../platform/database';
import { databaseAnswers } from '../../records/database-answers';

const checkTimeoutMs = 2_000;

/**
 * A worker's long poll is renewed at least once a minute: one seen in the last 90 s is polling now.
 * Temporal lists a poller for minutes after it went away, so the time of its last poll decides.
 */
const pollerFreshMs = 90_000;

export interface DependencyChecks {
  database: 'up' | 'down';
  temporal: 'up' | 'down';
  /** A worker polling the API's task queue: without one, steps are accepted but none is taken. */
  worker: 'up' | 'down';
}

async function probe(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), checkTimeoutMs);
  });
  try {
    return (await Promise.race([check(), timeout])) === false ? 'down' : 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

export async function checkDependencies(deps: { db: Database; temporal: Client; taskQueue: string }): Promise<DependencyChecks> {
  // The deadline ends the call itself, not only our wait for it: no retry outlives the probe.
  const withinDeadline = <T>(call: () => Promise<T>) => deps.temporal.withDeadline(Date.now() + checkTimeoutMs, call);
  const [database, temporal, worker] = await Promise.all([
    probe(() => databaseAnswers(deps.db)),
    probe(() => withinDeadline(() => deps.temporal.workflowService.getSystemInfo({}))),
    probe(async () => {
      const { pollers } = await withinDeadline(() =>
        deps.temporal.workflowService.describeTaskQueue({
          namespace: deps.temporal.options.namespace,
          taskQueue: { name: deps.taskQueue, kind: proto.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
          taskQueueType: proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        }),
      );
      return pollers.some((poller) => Date.now() - Number(poller.lastAccessTime?.seconds ?? 0) * 1000 < pollerFreshMs);
    }),
  ]);
  return { database, temporal, worker };
}
