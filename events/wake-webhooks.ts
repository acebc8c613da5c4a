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
 * Signals the workflow of each subscription given, or of every active one when none are given, once;
 * answers how many were woken. A workflow that has ended (its subscription stopped meanwhile) is passed over.
 */
export async function wakeWebhookDeliveries(temporal: Client, db: Pick<Database, 'pool'>, subscriptionIds?: Iterable<string>): Promise<number> {
  const active = [...(subscriptionIds ?? (await activeSubscriptionIds(db)))];
  let woken = 0;
  for (let i = 0; i < active.length; i += signalsAtOnce) {
    await Promise.all(
      active.slice(i, i + signalsAtOnce).map(async (id) => {
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
  /**
   * Wakes the subscriptions' workflows soon, without holding up the caller: call it after a commit of
   * events, with the active subscriptions where the commit's statement read them (a step's
   * recording), or with none to have them read.
   */
  wake(subscriptionIds?: readonly string[]): void;
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
  /** The subscriptions asked for since the last round began; null: every active one, read afresh. */
  let wanted: Set<string> | null = new Set();
  let running: Promise<void> | null = null;

  async function rounds(): Promise<void> {
    let failures = 0;
    try {
      while (asked) {
        asked = false;
        const these = wanted;
        wanted = new Set();
        try {
          await wakeWebhookDeliveries(temporal, db, these ?? undefined);
          failures = 0;
        } catch (error) {
          const delay = retryDelaysMs[failures++];
          logger.warn({ err: error, retryInMs: delay ?? null }, 'waking the webhook deliveries failed');
          if (delay === undefined) return;
          asked = true;
          // The round is tried again with what it was to wake, and what has been asked since.
          if (these === null) wanted = null;
          else if (wanted !== null) for (const id of these) wanted.add(id);
          await new Promise((resolve) => setTimeout(resolve, delay).unref());
        }
      }
    } finally {
      // In the same turn as the last look at `asked`: a wake asked for after it starts a round of its own.
      running = null;
    }
  }

  return {
    wake(subscriptionIds) {
      // No active subscription when the step's statement read them: nothing to wake, and no round.
      if (subscriptionIds?.length === 0) return;
      if (!subscriptionIds) wanted = null;
      else if (wanted !== null) for (const id of subscriptionIds) wanted.add(id);
      asked = true;
      running ??= rounds();
    },
    settled: () => running ?? Promise.resolve(),
  };
}
