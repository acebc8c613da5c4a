// The baseline of bench/lifecycle.ts: a workflow that takes Updates and runs one no-op local
// activity for each, as the partnership's workflow runs one recording for each step.
import { condition, defineUpdate, proxyLocalActivities, setHandler } from '@temporalio/workflow';

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
