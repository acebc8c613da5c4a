// What a webhook's workflow asks of the records: the next events for it, and, when a receiver has
// failed for days, to disable the subscription and tell its owner once.
import { createHash } from 'node:crypto';
import type { Database } from '../platform/database';
import type { Mailer } from '../platform/mailer';
import { eventsHeldBack, partiesOfOrganisation, readEvents, type FeedFilter } from '../records/events-feed';
import { decodePosition, encodePosition, eventAsSeenBy, type FeedPosition } from './feed';

/**
 * The next events for a subscription, after a position: their ids, the position read up to, whether
 * the page was full (`more`: read on at once) and whether an event after it was held back behind a
 * transaction still running (`heldBack`: look again shortly, as no one will say when that one ends).
 */
export async function nextWebhookEvents(
  db: Database,
  input: { subscriptionId: string; after: string; limit: number },
): Promise<{ active: boolean; eventIds: string[]; next: string; more: boolean; heldBack: boolean }> {
  const subscription = await db.webhookSubscription.findUnique({ where: { id: input.subscriptionId } });
  if (!subscription || subscription.status !== 'ACTIVE') return { active: false, eventIds: [], next: input.after, more: false, heldBack: false };
  const filter: FeedFilter = {
    types: subscription.eventTypes as string[],
    ...(subscription.organisationId ? { organisationId: subscription.organisationId, asRepresentative: true } : {}),
  };
  const after = decodePosition(input.after) ?? [0n, 0n];
  const rows = await readEvents(db, after, input.limit, filter);
  // An organisation's subscription is told what its representatives' feed tells.
  const ownParties = subscription.organisationId ? await partiesOfOrganisation(db, subscription.organisationId) : null;
  const told = ownParties ? rows.filter((row) => eventAsSeenBy(row, ownParties) !== null) : rows;
  const last = rows.at(-1);
  const next: FeedPosition = last ? [last.txid, last.seq] : after;
  const more = rows.length === input.limit;
  return { active: true, eventIds: told.map((r) => r.id), next: last ? encodePosition(next) : input.after, more, heldBack: !more && (await eventsHeldBack(db, next, filter)) };
}

/**
 * Disables the subscription and tells its owner. A retry after the e-mail failed finds it disabled
 * for this reason already, and sends the e-mail again under the same Message-ID, so that a receiving
 * system drops a duplicate; `disabled` is called once, when the subscription is disabled.
 */
export async function disableWebhook(
  deps: { db: Database; mailer: Mailer; mailFrom: string },
  input: { subscriptionId: string; reason: string },
  disabled: () => void = () => undefined,
): Promise<void> {
  const changed = await deps.db.webhookSubscription.updateMany({
    where: { id: input.subscriptionId, status: 'ACTIVE' },
    data: { status: 'DISABLED', disabledReason: input.reason, disabledAt: new Date() },
  });
  if (changed.count === 1) disabled();
  const subscription = await deps.db.webhookSubscription.findUniqueOrThrow({ where: { id: input.subscriptionId } });
  if (changed.count === 0 && !(subscription.status === 'DISABLED' && subscription.disabledReason === input.reason)) return;
  const messageId = `<webhook-disabled-${createHash('sha256').update(subscription.id).digest('hex').slice(0, 24)}@iop-lifecycle>`;
  await deps.mailer.sendMail({
    from: deps.mailFrom,
    to: subscription.contactEmail,
    messageId,
    subject: 'Webhook avstängd / Webhook disabled',
    text: [
      `Webhooken ${subscription.id} till ${subscription.url} har stängts av: ${input.reason}.`,
      'Kontrollera mottagaren och registrera en ny prenumeration; missade händelser finns i flödet GET /api/v1/events.',
      '',
      `The webhook ${subscription.id} to ${subscription.url} has been disabled: ${input.reason}.`,
      'Check the receiver and register a new subscription; missed events are in the feed, GET /api/v1/events.',
    ].join('\n'),
  });
}
