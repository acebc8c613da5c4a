// A webhook subscription's workflow waits, when idle, until it is woken (workflows/webhook-delivery.ts):
// whoever commits events wakes the workflow of every active subscription after the commit (the
// recording of a step in the worker, a registration in the API), and each of the two processes wakes
// them all once when it starts, so that a wake lost while something was down is made up for.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Database } from '../platform/database';
import { activeSubscriptionIds } from '../records/events-feed';
import type { Logger } from '../platform/logger';
import { webhookDeliveryWorkflowId, webhookWakeSignal } from '../workflows/webhook-messages';

/** How many signals are in flight at once. */
const signalsAtOnce = 16;

/**
 * Signals the workflow of every active subscription once; answers how many were woken. A workflow
 * that has ended (its subscription stopped meanwhile) is passed over.
 */
export async function wakeWebhookDeliveries(temporal: Client, db: Pick<Database, 'pool'>): Promise<number> {
  const active = (await activeSubscriptionIds(db)).map((id) => ({ id }));
  let woken = 0;
  for (let i = 0; i < active.length; i += signalsAtOnce) {
    await Promise.all(
      active.slice(i, i + signalsAtOnce).map(async ({ id }) => {
        try {
          await temporal.workflow.getHandle(webhookDeliveryWorkflowId(id)).signal(webhookWakeSignal);
          woken += 1;
        } catch (error) {
          if (!(error instanceof WorkflowNotFoundError)) throw error;
        }
      }),
    );
  }
  return woken;
}

/** A round that failed is tried again after 1 s, then 2, 4 … 64 s; after that the next commit, or a restart, wakes them. */
const retryDelaysMs = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000];

export interface WebhookWaker {
  /** Wakes every active subscription's workflow soon, without holding up the caller: call it after a commit of events. */
  wake(): void;
  /** Resolves once no round is under way or due. */
  settled(): Promise<void>;
}

/**
 * Wakes the deliveries after each commit of events, one round at a time: the commits during a round
 * are followed by one more round, so a burst of steps costs two rounds, not one a step, and every
 * commit is followed by a round that began after it. It never fails its caller: a failure is
 * logged and the round tried again.
 */
export function webhookWaker(temporal: Client, db: Pick<Database, 'pool'>, logger: Pick<Logger, 'warn'>): WebhookWaker {
  let asked = false;
  let running: Promise<void> | null = null;

  async function rounds(): Promise<void> {
    let failures = 0;
    try {
      while (asked) {
        asked = false;
        try {
          await wakeWebhookDeliveries(temporal, db);
          failures = 0;
        } catch (error) {
          const delay = retryDelaysMs[failures++];
          logger.warn({ err: error, retryInMs: delay ?? null }, 'waking the webhook deliveries failed');
          if (delay === undefined) return;
          asked = true;
          await new Promise((resolve) => setTimeout(resolve, delay).unref());
        }
      }
    } finally {
      // In the same turn as the last look at `asked`: a wake asked for after it starts a round of its own.
      running = null;
    }
  }

  return {
    wake() {
      asked = true;
      running ??= rounds();
    },
    settled: () => running ?? Promise.resolve(),
  };
}
