// One attempt to deliver one event to one webhook, signed as Standard Webhooks specifies: the same
// webhook-id (the event's id) on every attempt, a fresh timestamp, and a signature by every current
// secret. The attempt is logged whatever its outcome; a failure is thrown for Temporal to retry.
// Shared by the delivery activity and a redelivery asked for over the API.
import { ApplicationFailure } from '@temporalio/common';
import { Webhook } from 'standardwebhooks';
import { Agent, fetch } from 'undici';
import type { Database } from '../platform/database';
import { eventById, partiesOfOrganisation } from '../records/events-feed';
import { cloudEvent, eventAsSeenBy, type StoredEvent } from './feed';
import { publicOnlyLookup, systemResolver, webhookUrlProblem, type Resolver } from './webhook-url-guard';

export interface WebhookDeps {
  db: Database;
  apiBasePath: string;
  /** WEBHOOK_ALLOW_PRIVATE_URLS: development and tests only. */
  allowPrivateUrls: boolean;
  /** How names are resolved, for the check and for the connection alike; the system's by default. */
  resolve?: Resolver;
}

// undici's Agent connects to the address its `connect.lookup` answers: the check is made on the
// address the connection uses, not on an earlier answer that a rebinding name may since have changed.
const guardedAgents = new WeakMap<Resolver, Agent>();
function guardedAgent(resolve: Resolver): Agent {
  let agent = guardedAgents.get(resolve);
  if (!agent) guardedAgents.set(resolve, (agent = new Agent({ connect: { lookup: publicOnlyLookup(resolve) } })));
  return agent;
}

/** What went wrong, with the reason undici gives beneath its "fetch failed". */
function failureText(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  return cause.cause instanceof Error ? `${cause.message}: ${cause.cause.message}` : cause.message;
}

const timeoutMs = 10_000;

/** The secrets that sign now: the newest, and the previous one while its grace lasts. */
export function signingSecrets(secrets: string[], previousExpiresAt: Date | null): string[] {
  return previousExpiresAt && previousExpiresAt > new Date() ? secrets.slice(0, 2) : secrets.slice(0, 1);
}

/**
 * The event as a subscription is told it; null when there is none such for it. An organisation's
 * subscription is told what its representatives' feed tells (events/feed.ts): only its own
 * partnerships' events, cut as their view is cut, whether delivered in turn or asked for again.
 */
export async function eventForSubscription(
  db: Database,
  subscription: { organisationId: string | null },
  eventId: string,
): Promise<{ event: StoredEvent; data: Record<string, unknown> } | null> {
  const event = await eventById(db, eventId);
  if (!event) return null;
  if (!subscription.organisationId) return { event, data: event.data };
  const ownParties = await partiesOfOrganisation(db, subscription.organisationId, event.partnershipId);
  const data = ownParties.size > 0 ? eventAsSeenBy(event, ownParties) : null;
  return data ? { event, data } : null;
}

export async function deliverEvent(deps: WebhookDeps, input: { subscriptionId: string; eventId: string; attempt: number }): Promise<{ delivered: boolean; statusCode: number | null; eventTime?: Date }> {
  const subscription = await deps.db.webhookSubscription.findUnique({ where: { id: input.subscriptionId } });
  if (!subscription || subscription.status !== 'ACTIVE') return { delivered: false, statusCode: null };
  const told = await eventForSubscription(deps.db, subscription, input.eventId);
  if (!told) return { delivered: false, statusCode: null };
  const { event, data } = told;

  const body = JSON.stringify(cloudEvent(event, deps.apiBasePath, data));
  const timestamp = new Date();
  const signatures = signingSecrets(subscription.secrets as string[], subscription.previousSecretExpiresAt).map((secret) =>
    new Webhook(secret).sign(event.id, timestamp, body),
  );
  const started = Date.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  const resolve = deps.resolve ?? systemResolver;
  const urlProblem = await webhookUrlProblem(subscription.url, deps.allowPrivateUrls, resolve);
  if (urlProblem) {
    error = `The URL ${urlProblem}`;
  } else {
    try {
      const response = await fetch(subscription.url, {
        method: 'POST',
        redirect: 'manual',
        ...(deps.allowPrivateUrls ? {} : { dispatcher: guardedAgent(resolve) }),
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/cloudevents+json; charset=utf-8',
          'webhook-id': event.id,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signatures.join(' '),
          'user-agent': 'IOP-Lifecycle-Webhooks/1',
        },
        body,
      });
      statusCode = response.status;
      await response.body?.cancel();
      if (statusCode < 200 || statusCode > 299) error = `The receiver answered ${statusCode}`;
    } catch (cause) {
      error = `No answer: ${failureText(cause)}`.slice(0, 500);
    }
  }
  const succeeded = error === null;
  await deps.db.webhookDelivery.create({
    data: { subscriptionId: subscription.id, eventId: event.id, attempt: input.attempt, statusCode, error, latencyMs: Date.now() - started, succeeded },
  });
  if (!succeeded) throw ApplicationFailure.retryable(error!, 'WEBHOOK_DELIVERY_FAILED');
  return { delivered: true, statusCode, eventTime: event.time };
}
