// Baselines: for bench/lifecycle.ts, a workflow that takes Updates and runs one no-op local
// activity for each, as the partnership's workflow runs one recording for each step.
import { condition, defineUpdate, proxyActivities, proxyLocalActivities, setHandler, sleep } from '@temporalio/workflow';

const { noop } = proxyLocalActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '1 minute' });

export const takeStep = defineUpdate<number, []>('takeStep');

export async function bareWorkflow(steps: number): Promise<void> {
  let taken = 0;
  setHandler(takeStep, async () => {
    await noop();
    taken += 1;
    return taken;
  });
  await condition(() => taken >= steps);
}

const { remind } = proxyActivities<{ remind(id: string): Promise<void> }>({ startToCloseTimeout: '1 minute' });

/** The baseline of bench/timers.ts part 3: one timer, then one no-op activity, as a reminder is. */
export async function bareReminder(id: string, dueInstant: number): Promise<void> {
  await sleep(Math.max(dueInstant - Date.now(), 1));
  await remind(id);
}

/** The baseline of bench/timers.ts part 2: a workflow asleep on one timer, as a partnership is between deadlines. */
export async function bareSleeper(): Promise<void> {
  await sleep('30 days');
}
