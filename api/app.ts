import { randomUUID } from 'node:crypto';
import { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { Client } from '@temporalio/client';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { webhookWaker, type WebhookWaker } from '../events/wake-webhooks';
import type { Database } from '../platform/database';
import type { Logger } from '../platform/logger';
import { apiKeyHeader, createAuthenticator, type SessionAuthentication } from './auth/authenticate';
import type { Principal } from './auth/principal';
import { createRelyingParty } from './sign-in/relying-party';
import { sessionDescriber, signInRoutes } from './sign-in/routes';
import { serveWorkspace } from './workspace/serve';
import { sessionPrincipal, workspaceSessions } from './sign-in/workspace-session';
import { eventRoutes } from './events/routes';
import { webhookRoutes } from './webhooks/routes';
import { formRoutes } from './forms/routes';
import { apiKeyRoutes } from './keys/routes';
import { healthRoutes } from './health/routes';
import { checkDependencies } from './health/dependencies';
import { notFoundHandler, problemHandler } from './http/problem';
import { serveProblemTypes } from './http/problem-types';
import { RouteTable } from './http/route';
import { harden, type HardeningSettings } from './http/hardening';
import { serveMetrics } from './http/api-metrics';
import { postgresRateLimitStore } from '../records/rate-limit-store';
import { createOwnership } from './auth/ownership';
import { createPersonVerifier, type PeopleSettings } from './auth/people';
import { organisationRoutes } from './organisations/routes';
import { partnershipStepRoutes } from './partnerships/step-routes';
import { partnershipCalendarRoutes } from './partnerships/calendar-routes';
import { partnershipNotificationRoutes } from './partnerships/notification-routes';
import { partnershipRecordRoutes } from './partnerships/record-routes';
import { partnershipPublicationRoutes } from './partnerships/publication-routes';
import { taskRoutes } from './tasks/routes';
import { partnershipCoordinatorRoutes } from './partnerships/coordinator-routes';
import { partnershipImportRoutes } from './partnerships/import-routes';
import { partnershipListRoute, partnershipRoutes } from './partnerships/routes';
import { createPartnershipService } from './partnerships/service';
import { defaultRegisterSettings, registerRouter, type RegisterSettings } from './register/routes';

export const apiBasePath = '/api/v1';

export interface AppDependencies {
  db: Database;
  temporal: Client;
  taskQueue: string;
  logger: Logger;
  publicBaseUrl: string;
  /** CASE_LINK_TEMPLATE: the case's link in calendar events (domain/case-link.ts). */
  caseLinkTemplate?: string;
  /** Signs calendar subscription URLs (CALENDAR_FEED_SECRET); unset, a feed is read with an API key only. */
  calendarFeedSecret?: string;
  /** Verifies people's bearer tokens; unset, only API keys are accepted. */
  people?: PeopleSettings;
  /** Signing people in to the workspace at the issuer of `people` (OpenID Connect); unset, no sign-in. */
  signIn?: { clientId: string; clientSecret: string; sessionSecret: string; idleMinutes: number; maxHours: number };
  /** How long a step's caller waits for its outcome before it is answered 202 Accepted (30 s). */
  stepAnswerDeadlineMs?: number;
  /** CORS, proxies and rate limits; the configuration's defaults when left out. */
  hardening?: Partial<HardeningSettings>;
  /** WEBHOOK_ALLOW_PRIVATE_URLS: webhooks may point at private addresses (development and tests only). */
  webhookAllowPrivateUrls?: boolean;
  /** METRICS_TOKEN: /metrics is read with it as a bearer token; unset, by anyone who reaches the API. */
  metricsToken?: string;
  /** METRICS_ENABLED: false, no request is counted and /metrics is not served. */
  metrics?: boolean;
  /** The public register's own limits; its defaults when left out. */
  register?: Partial<RegisterSettings>;
  /** Wakes the webhook deliveries after a registration's commit; one of the app's own when not given. */
  webhooks?: WebhookWaker;
}

const defaultHardening: HardeningSettings = { corsOrigins: [], trustProxyHops: 0, rateLimitPerMinute: 600, rateLimitScope: 'iop' };

const requestIdPattern = /^[A-Za-z0-9._-]{1,128}$/;

export function createApp(deps: AppDependencies): { app: Express; routes: RouteTable } {
  const routes = new RouteTable();
  healthRoutes(routes, deps);
  const webhooks = deps.webhooks ?? webhookWaker(deps.temporal, deps.db, deps.logger);
  const partnerships = createPartnershipService({ ...deps, wakeWebhooks: webhooks.wake });
  partnershipRoutes(routes, apiBasePath, partnerships);
  partnershipListRoute(routes, apiBasePath, deps.db);
  partnershipStepRoutes(routes, apiBasePath, partnerships);
  partnershipImportRoutes(routes, apiBasePath, partnerships);
  partnershipRecordRoutes(routes, apiBasePath, deps.db, deps.temporal);
  partnershipCalendarRoutes(routes, apiBasePath, deps);
  partnershipNotificationRoutes(routes, apiBasePath, deps.db);
  partnershipCoordinatorRoutes(routes, apiBasePath, deps.db);
  partnershipPublicationRoutes(routes, apiBasePath, deps.db);
  organisationRoutes(routes, apiBasePath, deps.db);
  taskRoutes(routes, apiBasePath, deps.db);
  formRoutes(routes, apiBasePath);
  eventRoutes(routes, apiBasePath, deps.db);
  webhookRoutes(routes, apiBasePath, { db: deps.db, temporal: deps.temporal, taskQueue: deps.taskQueue, allowPrivateUrls: deps.webhookAllowPrivateUrls ?? false });
  apiKeyRoutes(routes, apiBasePath, deps.db);

  const document = openApiDocument(routes, deps.publicBaseUrl);

  const app = express();
  app.disable('x-powered-by');
  app.use(
    pinoHttp({
      logger: deps.logger,
      // A caller's own request id is kept so that its logs and ours can be joined.
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // A calendar subscription URL carries its credential in the query: it never reaches a log.
      // The status is what a reader needs of a response; its headers are the same on every line.
      serializers: { req: redactQueryCredentials(routes.list().flatMap((r) => (r.queryCredential ? [r.queryCredential] : []))), res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }) },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    }),
  );
  // Before the limits: a scrape is never refused, and a refusal of theirs is counted.
  if (deps.metrics !== false) serveMetrics(app, { connections: deps.db.poolStatistics, dependencies: () => checkDependencies(deps), token: deps.metricsToken });
  const hardening = { ...defaultHardening, ...deps.hardening };
  const counters = (prefix: string) => postgresRateLimitStore(deps.db, prefix);
  // The public register before the API's hardening: its own headers, CORS and rate limit, none of the API's.
  app.set('trust proxy', hardening.trustProxyHops);
  app.use('/register', registerRouter({ db: deps.db, publicBaseUrl: deps.publicBaseUrl, settings: { ...defaultRegisterSettings, ...deps.register }, counters, scope: hardening.rateLimitScope }));
  harden(app, hardening, counters);
  app.use(express.json({ limit: '256kb' }));

  app.get(`${apiBasePath}/openapi.json`, (_req, res) => {
    res.json(document);
  });
  serveProblemTypes(app);
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(undefined, { swaggerOptions: { url: `${apiBasePath}/openapi.json` } }));

  const verifyPerson = deps.people ? createPersonVerifier(deps.people) : undefined;
  const signIn = deps.people && deps.signIn && verifyPerson ? mountSignIn(app, deps, deps.people, deps.signIn, verifyPerson) : undefined;
  const session = signIn?.authentication;
  const authenticate = createAuthenticator(deps.db, verifyPerson, session);
  const ownership = createOwnership(deps.db);
  const root = express.Router();
  routes.mount(root, '', authenticate, ownership, deps.db);
  app.use(root);
  const v1 = express.Router();
  routes.mount(v1, apiBasePath, authenticate, ownership, deps.db);
  app.use(apiBasePath, v1);

  serveWorkspace(app, signIn?.describeSession);
  app.use(notFoundHandler);
  app.use(problemHandler);
  return { app, routes };
}

/**
 * The workspace's sessions and its sign-in routes. Requests that carry a key or a bearer token are
 * an integration's: they never touch a session.
 */
function mountSignIn(
  app: Express,
  deps: AppDependencies,
  people: PeopleSettings,
  settings: NonNullable<AppDependencies['signIn']>,
  verify: (token: string) => Promise<Principal | null>,
): { authentication: SessionAuthentication; describeSession: ReturnType<typeof sessionDescriber> } {
  const sessions = workspaceSessions(deps.db, { secret: settings.sessionSecret, idleMinutes: settings.idleMinutes, maxHours: settings.maxHours, secure: deps.publicBaseUrl.startsWith('https:') });
  const relyingParty = createRelyingParty({
    issuer: people.issuer,
    audience: people.audience,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    redirectUri: `${deps.publicBaseUrl}/auth/callback`,
    postLogoutRedirectUri: `${deps.publicBaseUrl}/`,
  });
  app.use((req, res, next) => (req.get(apiKeyHeader) || req.get('authorization') ? next() : sessions.middleware(req, res, next)));
  const principal = sessionPrincipal(sessions, relyingParty, verify);
  const describeSession = sessionDescriber(sessions, principal);
  app.use('/auth', signInRoutes({ relyingParty, sessions, publicBaseUrl: deps.publicBaseUrl, verify, describeSession, logger: deps.logger }));
  return { authentication: { principal, csrfValid: (req) => sessions.csrf.isRequestValid(req) }, describeSession };
}

/** The routes' query credentials (a calendar subscription's token), taken out of a request's log line. */
function redactQueryCredentials(names: string[]) {
  return (req: { url?: string; query?: Record<string, unknown> }) => {
    if (req.url?.includes('?')) {
      const [path, query] = req.url.split('?', 2) as [string, string];
      const params = new URLSearchParams(query);
      for (const name of names) if (params.has(name)) params.set(name, '[redacted]');
      req.url = `${path}?${params.toString()}`;
    }
    if (req.query) for (const name of names) if (name in req.query) req.query = { ...req.query, [name]: '[redacted]' };
    return req;
  };
}

/** The OpenAPI document of the routes, served at /api/v1/openapi.json and linted against the DIGG profile (.spectral.yaml). */
export function openApiDocument(routes: RouteTable, publicBaseUrl: string) {
  return new OpenApiGeneratorV31(routes.registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'IOP Lifecycle API',
      version: '1.0.0',
      description: 'Case handling for idéburna offentliga partnerskap (IOP), from initiation to renegotiation.',
      contact: { name: 'IOP Lifecycle', url: `${publicBaseUrl}/docs` },
      license: { name: 'Proprietary: licensed to the municipalities, regions and organisations that run it', url: `${publicBaseUrl}/docs` },
    },
    servers: [{ url: publicBaseUrl, description: 'This deployment' }],
    tags: Object.entries(tagDescriptions).map(([name, description]) => ({ name, description })),
  });
}

/** Every tag the routes use, described: the OpenAPI document declares them (DIGG profile, .spectral.yaml). */
const tagDescriptions: Record<string, string> = {
  Partnerships: 'Register, import, find and read partnerships (IOP), and hand a case to another coordinator',
  'Partnership steps': 'The lifecycle, one step at a time: each is decided by the partnership’s workflow',
  'Partnership records': 'What a partnership has recorded: agreement versions, parties, decisions, follow-ups, deadlines, the audit trail, notifications, its calendar',
  Organisations: 'The public bodies, idéburna organisations and private actors that can be parties, and their contact persons',
  'Work list': 'What waits on whom, across partnerships',
  Events: 'Every recorded change as CloudEvents, in order, from a cursor',
  Webhooks: 'Subscriptions that deliver the events to a URL, signed (Standard Webhooks)',
  'API keys': 'Who has access: keys issued, rotated and revoked by administrators',
  Forms: 'Each step’s payload as a JSON Schema, for e-service forms',
  'Public register': 'What the public register of IOPs shows of a partnership: its area, early publication and withholdings on grounds of offentlighets- och sekretesslagen',
  Operations: 'Health probes for the platform',
};
