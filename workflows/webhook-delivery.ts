// One workflow per webhook subscription: it reads the feed from where it stopped and delivers each
// event in order, retrying a failing receiver with backoff for up to three days before it disables
// the subscription and tells its owner. It carries ids and a feed position, never an event's body.
// Idle, it waits with no timer until it is woken (webhookWakeSignal: events were recorded, or the
// subscription was stopped), so that a quiet subscription adds nothing to its history.
import { condition, continueAsNew, patched, proxyActivities, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { webhookWakeSignal } from './webhook-messages';

const { nextWebhookEvents } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

// Every attempt is a retry of one activity, so the receiver sees the same webhook-id each time.
const { deliverWebhookEvent } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '3 days',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

const { disableWebhook } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '15 minutes' },
});

export interface WebhookDeliveryInput {
  subscriptionId: string;
  /** The feed position delivered up to (events/feed.ts). */
  after: string;
}

/** How long an idle subscription of a run from before the wake by signal waits before it looks at the feed again. */
export const webhookPollInterval = '3 seconds';

/** How soon a subscription looks again at an event held back behind a transaction still running: nothing signals when that one ends. */
export const heldBackEventWait = '1 second';

export async function webhookDeliveryWorkflow(input: WebhookDeliveryInput): Promise<void> {
  // A run begun before the wake by signal polls on, as its history says; a run begun since, one
  // continued as new too, is woken.
  const wokenByEvents = patched('webhook-wake-on-event');
  // Set by a wake whenever it comes and cleared just before each read: a wake that comes during a
  // read or a delivery makes the loop read again before it waits.
  let woken = false;
  setHandler(webhookWakeSignal, () => {
    woken = true;
  });
  let after = input.after;
  for (;;) {
    woken = false;
    const batch = await nextWebhookEvents({ subscriptionId: input.subscriptionId, after, limit: 20 });
    if (!batch.active) return;
    for (const eventId of batch.eventIds) {
      try {
        await deliverWebhookEvent({ subscriptionId: input.subscriptionId, eventId });
      } catch {
        // Three days of failures: the order cannot be kept by skipping, so the subscription stops.
        await disableWebhook({ subscriptionId: input.subscriptionId, reason: `the receiver has not accepted event ${eventId} for three days` });
        return;
      }
    }
    after = batch.next;
    if (!wokenByEvents) {
      if (batch.eventIds.length === 0) await condition(() => false, webhookPollInterval);
    } else if (batch.heldBack) {
      await condition(() => woken, heldBackEventWait);
    } else if (!batch.more) {
      await condition(() => woken);
    }
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > 1_000) return continueAsNew<typeof webhookDeliveryWorkflow>({ subscriptionId: input.subscriptionId, after });
  }
}
