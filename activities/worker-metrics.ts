// The worker's own metrics, recorded through the Temporal SDK's meter so that they are served with
// the SDK's (worker/create-worker.ts), on the one endpoint an operator scrapes. Called from within an
// activity: the meter is the activity's, with its type and task queue among the tags.
import { metricMeter } from '@temporalio/activity';

/** A deadline's notice: how many of its e-mails went out and were refused, and how late it went out. */
export function countNotice(kind: string, outcome: { sent: number; refused: number }, plannedAt: number | undefined): void {
  const notices = metricMeter.createCounter('iop_notices', 'emails', 'Deadline notices to a recipient, by deadline kind and outcome (sent, refused)');
  if (outcome.sent) notices.add(outcome.sent, { kind, outcome: 'sent' });
  if (outcome.refused) notices.add(outcome.refused, { kind, outcome: 'refused' });
  // Runs begun before the instant was handed along have none to measure against.
  if (plannedAt === undefined) return;
  const lateness = metricMeter.createHistogram('iop_notice_lateness', 'float', 'seconds', "How long after its planned moment a deadline's notice went out");
  lateness.record(Math.max(0, Date.now() - plannedAt) / 1000, { kind });
}

/** A subscription whose receiver refused its events for days, stopped. */
export function countWebhookDisabled(): void {
  metricMeter.createCounter('iop_webhook_subscriptions_disabled', 'subscriptions', 'Webhook subscriptions disabled because their receiver failed for days').add(1);
}

/** One attempt at delivering an event to a webhook; a delivered one also tells how long the event waited in the outbox. */
export function countWebhookDelivery(outcome: 'delivered' | 'failed' | 'skipped', eventTime?: Date): void {
  metricMeter.createCounter('iop_webhook_deliveries', 'attempts', 'Webhook delivery attempts by outcome (delivered, failed, skipped: the subscription stopped or the event is not its)').add(1, { outcome });
  if (eventTime) {
    metricMeter
      .createHistogram('iop_outbox_lag', 'float', 'seconds', "The outbox's lag: from an event's recording to its delivery to a webhook")
      .record(Math.max(0, Date.now() - eventTime.getTime()) / 1000);
  }
}
