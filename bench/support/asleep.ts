// Workflows started in bulk and waited on until each sleeps on its first timer: the state the
// memory and lateness benchmarks measure from.
import type { Client } from '@temporalio/client';
import { partnershipWorkflowId, partnershipWorkflowType, type PartnershipWorkflowInput } from '../../workflows/messages';
import { inPool } from './pool';
import { sleep } from './run';
import type { WorkerChild } from './services';

/** Starts a partnership's workflow for each input, `concurrency` at a time; answers the seconds it took. */
export async function startPartnerships(client: Client, taskQueue: string, inputs: PartnershipWorkflowInput[], concurrency: number): Promise<number> {
  const started = Date.now();
  await inPool(inputs, concurrency, async (input) => {
    await client.workflow.start(partnershipWorkflowType, {
      workflowId: partnershipWorkflowId(input.partnershipId),
      taskQueue,
      args: [input],
    });
  });
  return (Date.now() - started) / 1000;
}

/** The event id of the first TimerStarted of a workflow: once there, its first workflow task is done. */
export async function firstTimerEventId(client: Client, workflowId: string, timeoutMs = 120_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const timer = history.events?.find((e) => e.timerStartedEventAttributes);
    if (timer) return Number(timer.eventId);
    if (Date.now() > deadline) throw new Error(`${workflowId} started no timer in ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

/**
 * Waits until every workflow's history holds its first timer, i.e. its first workflow task ran,
 * asking `concurrency` at a time. `done` tells how many did; fewer than all when the worker died
 * or the time ran out.
 */
export function waitUntilAsleep(
  client: Client,
  workflowIds: string[],
  timerEventId: number,
  timeoutMs: number,
  worker: WorkerChild | null,
  concurrency: number,
): { progress: { asleep: number }; done: Promise<{ asleep: number; stoppedBy: string | null }> } {
  const deadline = Date.now() + timeoutMs;
  const progress = { asleep: 0 };
  let stoppedBy: string | null = null;
  const done = inPool(workflowIds, concurrency, async (workflowId) => {
    while (!stoppedBy) {
      const { historyLength } = await client.workflow.getHandle(workflowId).describe();
      if (historyLength >= timerEventId) {
        progress.asleep += 1;
        return;
      }
      if (worker?.ended) stoppedBy = `the worker process ended (${worker!.ended})`;
      else if (Date.now() > deadline) stoppedBy = `time ran out after ${Math.round(timeoutMs / 1000)} s`;
      else await sleep(500);
    }
  }).then(() => ({ asleep: progress.asleep, stoppedBy }));
  return { progress, done };
}
