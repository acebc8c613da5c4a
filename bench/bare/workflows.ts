// Baselines: for bench/lifecycle.ts, workflows that take Updates and run one no-op activity for
// each, as the partnership's workflow runs one recording for each step: the yardstick runs
// it as an activity, the stricter one as a local activity (which the partnership's workflow uses).
import { condition, defineUpdate, proxyActivities, proxyLocalActivities, setHandler, sleep } from '@temporalio/workflow';

const { noop: noopActivity } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '1 minute' });
const { noop: noopLocalActivity } = proxyLocalActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '1 minute' });

export const takeStep = defineUpdate<number, []>('takeStep');

function takeSteps(steps: number, noop: () => Promise<void>): Promise<void> {
  let taken = 0;
  setHandler(takeStep, async () => {
    await noop();
    taken += 1;
    return taken;
  });
  return condition(() => taken >= steps);
}

/** Each Update runs one no-op activity. */
export async function bareWorkflow(steps: number): Promise<void> {
  await takeSteps(steps, noopActivity);
}

/** Each Update runs one no-op local activity. */
export async function bareLocalWorkflow(steps: number): Promise<void> {
  await takeSteps(steps, noopLocalActivity);
}

const { remind } = proxyActivities<{ remind(id: string): Promise<void> }>({ startToCloseTimeout: '1 minute' });

/**
 * The baseline of bench/lateness.ts: one timer, then one no-op activity, as a reminder is; then
 * asleep again until its next timer, as a partnership waits for its next deadline. A workflow that
 * ended there would leave the worker's cache, and in a burst larger than the cache make room for
 * the workflows still to wake, which a partnership never does.
 */
export async function bareReminder(id: string, dueInstant: number): Promise<void> {
  await sleep(Math.max(dueInstant - Date.now(), 1));
  await remind(id);
  await sleep('30 days');
}

/** The baseline of bench/memory.ts: a workflow asleep on one timer, as a partnership is between deadlines. */
export async function bareSleeper(): Promise<void> {
  await sleep('30 days');
}
