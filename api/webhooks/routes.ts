// Webhook subscriptions: an integration names a URL and the events it wants, and its own workflow
// delivers them, signed (Standard Webhooks), in order, with retries (workflows/webhook-delivery.ts).
import { randomBytes, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Database } from '../../platform/database';
import { encodePosition } from '../../events/feed';
import { deliverEvent, eventForSubscription } from '../../events/webhook-attempt';
import { webhookUrlProblem } from '../../events/webhook-url-guard';
import { feedEnd } from '../../records/events-feed';
import type { webhookDeliveryWorkflow } from '../../workflows/webhook-delivery';
import { webhookDeliveryWorkflowId, webhookWakeSignal } from '../../workflows/webhook-messages';
import { emailAddress } from '../http/formats';
import { afterParameter, cursorCodec, cursorParts } from '../http/cursor';
import { problems } from '../http/problem';
import type { RouteTable } from '../http/route';

export interface WebhookRouteDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
  /** WEBHOOK_ALLOW_PRIVATE_URLS: development and tests only. */
  allowPrivateUrls: boolean;
}

const subscriptionSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    eventTypes: z.array(z.string()),
    organisationId: z.uuid().nullable(),
    contactEmail: z.string(),
    status: z.enum(['ACTIVE', 'DISABLED']),
    disabledReason: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'WebhookSubscription' });

const withSecretSchema = subscriptionSchema
  .extend({ secret: z.string().meta({ description: 'The signing secret (whsec_…), shown this once: verify each delivery with it (Standard Webhooks)' }) })
  .meta({ id: 'WebhookSubscriptionWithSecret' });

// A URL's authority as the WHATWG parser (Node's URL) takes it, and nothing it refuses: a domain
// whose last label starts with a letter (one that ends in a digit is read as an IPv4 address), an
// IPv4 or IPv6 address, a port up to 65535, and no credentials. Printable ASCII after it. (A label
// `xn--…` that is not valid punycode is the one form it lets through that the parser refuses.)
const h16 = '[0-9A-Fa-f]{1,4}';
const ipv6 = [
  `(?:${h16}:){7}${h16}`,
  `(?:${h16}:){1,7}:`,
  `(?:${h16}:){1,6}:${h16}`,
  `(?:${h16}:){1,5}(?::${h16}){1,2}`,
  `(?:${h16}:){1,4}(?::${h16}){1,3}`,
  `(?:${h16}:){1,3}(?::${h16}){1,4}`,
  `(?:${h16}:){1,2}(?::${h16}){1,5}`,
  `${h16}:(?::${h16}){1,6}`,
  `:(?:(?::${h16}){1,7}|:)`,
].join('|');
const octet = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const host = `(?:(?:[A-Za-z0-9_-]+\\.)*[A-Za-z][A-Za-z0-9_-]*\\.?|(?:${octet}\\.){3}${octet}|\\[(?:${ipv6})\\])`;
const port = '(?::(?:[0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])?)?';
const webhookUrlPattern = (schemes: string) => new RegExp(`^${schemes}://${host}${port}(?:[/?#][\\x21-\\x7e]*)?$`);

/**
 * The URL's form as the deployment takes it, so that the document states it: https, or http too only
 * where private addresses are allowed (development and tests). Where its host resolves to is
 * checked when it is sent, beyond what a schema can state.
 */
const createSubscription = (allowHttp: boolean) =>
  z
    .object({
      url: z
        .string()
        .max(2_000)
        .regex(webhookUrlPattern(allowHttp ? 'https?' : 'https'), `must be an absolute ${allowHttp ? 'http(s)' : 'https'} URL to a host name or address, percent-encoded, without credentials`)
        .meta({ description: 'https, to a public address', example: 'https://diarium.example.se/iop-events' }),
      eventTypes: z
        .array(z.string().min(1).max(100).regex(/^se\.iop\.partnership(\.[a-z0-9-]+)+$/))
        .max(100)
        .default([])
        .meta({ description: 'Only these event types; every type when empty', example: ['se.iop.partnership.decision.added'] }),
      organisationId: z.uuid().nullable().default(null).meta({ description: 'Only the partnerships this organisation is party to' }),
      contactEmail: emailAddress().meta({ description: 'Told if the subscription is disabled', example: 'integration@kommun.example.se' }),
    })
    .strict()
    .meta({ id: 'CreateWebhookSubscription' });

const deliverySchema = z
  .object({ eventId: z.string(), attempt: z.number().int(), statusCode: z.number().int().nullable(), error: z.string().nullable(), latencyMs: z.number().int(), succeeded: z.boolean(), at: z.iso.datetime() })
  .meta({ id: 'WebhookDelivery' });

const idParams = z.object({ id: z.uuid() }).strict();
/** An event's id, as the feed and every delivery give it: the partnership, the revision, the change. */
const eventId = z.string().regex(/^[0-9a-f-]{36}:\d{1,9}:\d{1,4}$/, 'must be an event id from the feed');
/** The deliveries' order, newest first, as a key: the id, within PostgreSQL's bigint. */
const deliveryCursor = cursorCodec(z.tuple([cursorParts.count(18)]));
const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

type Row = NonNullable<Awaited<ReturnType<Database['webhookSubscription']['findUnique']>>>;
const view = (row: Row) => ({
  id: row.id,
  url: row.url,
  eventTypes: row.eventTypes as string[],
  organisationId: row.organisationId,
  contactEmail: row.contactEmail,
  status: row.status as 'ACTIVE' | 'DISABLED',
  disabledReason: row.disabledReason,
  createdAt: row.createdAt.toISOString(),
});

export function webhookRoutes(routes: RouteTable, basePath: string, deps: WebhookRouteDeps): void {
  const { db } = deps;
  // The route table has already answered a representative 404 for another organisation's (owner: 'webhook').
  const find = async (id: string) => {
    const row = await db.webhookSubscription.findUnique({ where: { id } });
    if (!row) throw problems.notFound('No such subscription');
    return row;
  };

  routes.add(basePath, {
    method: 'post',
    path: '/webhook-subscriptions',
    operationId: 'createWebhookSubscription',
    summary: 'Subscribe a URL to partnership events; they are delivered in order, signed, from now on',
    tags: ['Webhooks'],
    access: 'api-key',
    body: createSubscription(deps.allowPrivateUrls),
    responses: { 201: { description: 'Subscribed; the secret is shown once', schema: withSecretSchema, headers: { Location: 'The URL of the subscription' } }, 404: { description: 'The organisation named is not registered (`reference-not-found`)' } },
    handler: async ({ body, principal, scope }) => {
      const urlProblem = await webhookUrlProblem(body.url, deps.allowPrivateUrls);
      if (urlProblem) throw problems.validation([{ in: 'body', field: 'url', pointer: '#/url', detail: `The URL ${urlProblem}` }]);
      const organisationId = scope === 'own' ? principal!.organisationId : body.organisationId;
      if (scope === 'own' && body.organisationId && body.organisationId !== organisationId) throw problems.forbidden('A representative subscribes to its own organisation only', 'NOT_YOUR_PARTY');
      if (organisationId && !(await db.organisation.findUnique({ where: { id: organisationId }, select: { id: true } }))) {
        throw problems.referenceNotFound([{ in: 'body', field: 'organisationId', pointer: '#/organisationId', detail: 'No organisation is registered with this id' }]);
      }
      const id = randomUUID();
      const secret = newSecret();
      const row = await db.webhookSubscription.create({
        data: { id, url: body.url, eventTypes: body.eventTypes, organisationId, ownerKeyId: principal!.keyId, contactEmail: body.contactEmail, secrets: [secret] },
      });
      try {
        await deps.temporal.workflow.start<typeof webhookDeliveryWorkflow>('webhookDeliveryWorkflow', {
          workflowId: webhookDeliveryWorkflowId(id),
          taskQueue: deps.taskQueue,
          args: [{ subscriptionId: id, after: encodePosition(await feedEnd(db)) }],
        });
      } catch {
        await db.webhookSubscription.delete({ where: { id } });
        throw problems.unavailable('The workflow engine cannot be reached; nothing was subscribed');
      }
      return { status: 201, body: { ...view(row), secret }, headers: { Location: `${basePath}/webhook-subscriptions/${id}` } };
    },
  });

  routes.add(basePath, {
    method: 'get',
    path: '/webhook-subscriptions',
    operationId: 'listWebhookSubscriptions',
    summary: 'The webhook subscriptions, without their secrets',
    tags: ['Webhooks'],
    access: 'api-key',
    responses: { 200: { description: 'The subscriptions', schema: z.object({ subscriptions: z.array(subscriptionSchema) }).meta({ id: 'WebhookSubscriptionList' }) } },
    handler: async ({ principal, scope }) => {
      const rows = await db.webhookSubscription.findMany({ where: scope === 'own' ? { organisationId: principal?.organisationId ?? '00000000-0000-0000-0000-000000000000' } : {}, orderBy: { createdAt: 'asc' }, take: 1_000 });
      return { status: 200, body: { subscriptions: rows.map(view) } };
    },
  });

  routes.add(basePath, {
    method: 'delete',
    path: '/webhook-subscriptions/:id',
    operationId: 'deleteWebhookSubscription',
    summary: 'Stop a webhook: nothing more is delivered',
    tags: ['Webhooks'],
    access: 'api-key',
    owner: 'webhook',
    params: idParams,
    responses: { 204: { description: 'Stopped' }, 404: { description: 'No such subscription' } },
    handler: async ({ params }) => {
      await find(params.id);
      // Woken, the workflow looks, finds it stopped and ends; a delivery under way checks it too. The
      // answer does not wait for the wake: were it lost, nothing more is delivered all the same.
      await db.webhookSubscription.updateMany({ where: { id: params.id, status: 'ACTIVE' }, data: { status: 'DISABLED', disabledReason: 'stopped on request', disabledAt: new Date() } });
      void deps.temporal.workflow.getHandle(webhookDeliveryWorkflowId(params.id)).signal(webhookWakeSignal).catch(() => undefined);
      return { status: 204 };
    },
  });

  routes.add(basePath, {
    method: 'post',
    path: '/webhook-subscriptions/:id/secret-rotation',
    operationId: 'rotateWebhookSecret',
    summary: 'A new signing secret; for 24 hours deliveries are signed with the old one too',
    tags: ['Webhooks'],
    access: 'api-key',
    owner: 'webhook',
    params: idParams,
    responses: { 200: { description: 'The new secret, shown once', schema: withSecretSchema }, 404: { description: 'No such subscription' } },
    handler: async ({ params }) => {
      const row = await find(params.id);
      const secret = newSecret();
      const updated = await db.webhookSubscription.update({
        where: { id: row.id },
        data: { secrets: [secret, ...(row.secrets as string[]).slice(0, 1)], previousSecretExpiresAt: new Date(Date.now() + 24 * 3_600_000) },
      });
      return { status: 200, body: { ...view(updated), secret } };
    },
  });

  routes.add(basePath, {
    method: 'get',
    path: '/webhook-subscriptions/:id/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: 'Every attempt to deliver to a webhook: its answer and its latency, newest first',
    tags: ['Webhooks'],
    access: 'api-key',
    owner: 'webhook',
    params: idParams,
    query: z.object({ eventId: eventId.optional(), limit: z.coerce.number().int().min(1).max(500).default(100), after: afterParameter }).strict(),
    responses: {
      200: {
        description: 'The attempts, newest first; `next` is the cursor of the next page',
        schema: z.object({ deliveries: z.array(deliverySchema), next: z.string().nullable() }).meta({ id: 'WebhookDeliveryList' }),
      },
      404: { description: 'No such subscription' },
    },
    handler: async ({ params, query }) => {
      await find(params.id);
      const after = query.after ? deliveryCursor.decode(query.after)[0] : null;
      const rows = await db.webhookDelivery.findMany({
        where: { subscriptionId: params.id, ...(query.eventId ? { eventId: query.eventId } : {}), ...(after ? { id: { lt: BigInt(after) } } : {}) },
        orderBy: { id: 'desc' },
        take: query.limit + 1,
      });
      return {
        status: 200,
        body: {
          deliveries: rows.slice(0, query.limit).map(({ id: _id, subscriptionId: _s, at, ...r }) => ({ ...r, at: at.toISOString() })),
          next: deliveryCursor.next(rows, query.limit, (r) => [String(r.id)]),
        },
      };
    },
  });

  routes.add(basePath, {
    method: 'post',
    path: '/webhook-subscriptions/:id/redeliveries',
    operationId: 'redeliverWebhookEvent',
    summary: 'Send one event to the webhook again, now, with its own webhook-id',
    tags: ['Webhooks'],
    access: 'api-key',
    owner: 'webhook',
    params: idParams,
    body: z.object({ eventId: eventId.meta({ description: 'The event, as its webhook-id' }) }).strict(),
    responses: {
      200: { description: 'The attempt', schema: deliverySchema },
      404: { description: 'No such subscription or event' },
      409: { description: 'The subscription is disabled' },
    },
    handler: async ({ params, body }) => {
      const row = await find(params.id);
      if (row.status !== 'ACTIVE') throw problems.refused('WEBHOOK_DISABLED', 'The subscription is disabled; register a new one');
      if (!(await eventForSubscription(db, row, body.eventId))) throw problems.notFound('No such event');
      const attempts = await db.webhookDelivery.count({ where: { subscriptionId: row.id, eventId: body.eventId } });
      await deliverEvent({ db, apiBasePath: basePath, allowPrivateUrls: deps.allowPrivateUrls }, { subscriptionId: row.id, eventId: body.eventId, attempt: attempts + 1 }).catch(() => undefined);
      const attempt = await db.webhookDelivery.findFirstOrThrow({ where: { subscriptionId: row.id, eventId: body.eventId }, orderBy: { id: 'desc' } });
      const { id: _id, subscriptionId: _s, at, ...rest } = attempt;
      return { status: 200, body: { ...rest, at: at.toISOString() } };
    },
  });
}
