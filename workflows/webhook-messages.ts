// The contract between a webhook subscription's workflow and those who start and wake it (the API,
// and whoever records events: events/wake-webhooks.ts). Imported by both sides, so it holds only
// ids and Temporal message definitions.
import { defineSignal } from '@temporalio/workflow';

export function webhookDeliveryWorkflowId(subscriptionId: string): string {
  return `webhook-${subscriptionId}`;
}

/**
 * Look at the subscription and the feed again: events were recorded, or the subscription was
 * stopped. It carries nothing, as the records say what changed.
 */
export const webhookWakeSignal = defineSignal('wake');
