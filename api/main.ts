import './api-tracing';
import { Client, Connection } from '@temporalio/client';
import { ConfigError, defaultMaxConnectionsPerClient, loadConfig } from '../platform/config';
import { createDatabase } from '../platform/database';
import { temporalConnectionOptions } from '../platform/temporal-connection';
import { createLogger } from '../platform/logger';
import { clientTracingInterceptors, stopTracing } from '../platform/tracing';
import { webhookWaker } from '../events/wake-webhooks';
import { createApp } from './app';
import { listen } from './http/server';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'iop-api' });
  const db = createDatabase(config.DATABASE_URL, { maxConnections: config.DATABASE_POOL_SIZE });
  // Lazy: the API comes up (and /readyz says 503) even while Temporal is still starting.
  const connection = Connection.lazy(temporalConnectionOptions(config));
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, interceptors: clientTracingInterceptors() });
  const webhooks = webhookWaker(temporal, db, logger);
  // A wake lost while the API was down (after a registration's commit, before its signal) is made up for now.
  webhooks.wake();
  const { app } = createApp({
    webhooks,
    db,
    temporal,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    logger,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    caseLinkTemplate: config.CASE_LINK_TEMPLATE,
    webhookAllowPrivateUrls: config.WEBHOOK_ALLOW_PRIVATE_URLS,
    calendarFeedSecret: config.CALENDAR_FEED_SECRET,
    metricsToken: config.METRICS_TOKEN,
    metrics: config.METRICS_ENABLED,
    ...(config.JWT_JWKS_URL && config.JWT_ISSUER && config.JWT_AUDIENCE
      ? {
          people: {
            jwksUrl: config.JWT_JWKS_URL,
            issuer: config.JWT_ISSUER,
            audience: config.JWT_AUDIENCE,
            algorithms: config.JWT_ALGORITHMS,
            roleClaim: config.JWT_ROLE_CLAIM,
            roleMap: config.JWT_ROLE_MAP,
            organisationClaim: config.JWT_ORGANISATION_CLAIM,
          },
        }
      : {}),
    ...(config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET && config.SESSION_SECRET
      ? {
          signIn: {
            clientId: config.OIDC_CLIENT_ID,
            clientSecret: config.OIDC_CLIENT_SECRET,
            sessionSecret: config.SESSION_SECRET,
            idleMinutes: config.SESSION_IDLE_MINUTES,
            maxHours: config.SESSION_MAX_HOURS,
          },
        }
      : {}),
    register: {
      rateLimitPerMinute: config.REGISTER_RATE_LIMIT_PER_MINUTE,
      pageSize: config.REGISTER_PAGE_SIZE,
      publisher: { name: config.REGISTER_PUBLISHER_NAME, contactEmail: config.REGISTER_CONTACT_EMAIL, ...(config.REGISTER_PUBLISHER_URL ? { url: config.REGISTER_PUBLISHER_URL } : {}) },
    },
    hardening: { corsOrigins: config.CORS_ORIGINS, trustProxyHops: config.TRUST_PROXY_HOPS, rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE },
  });

  const server = await listen(app, {
    port: config.PORT,
    host: config.HOST,
    limits: {
      maxConnections: config.HTTP_MAX_CONNECTIONS,
      maxConnectionsPerClient: config.HTTP_MAX_CONNECTIONS_PER_CLIENT ?? (config.TRUST_PROXY_HOPS > 0 ? 0 : defaultMaxConnectionsPerClient),
      requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_SECONDS * 1_000,
    },
  });
  logger.info({ port: config.PORT, host: config.HOST }, 'api listening');

  const stop = (signal: string) => {
    logger.info({ signal }, 'api stopping');
    server.close(() => {
      void Promise.allSettled([connection.close(), db.$disconnect(), stopTracing()]).then(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `api failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
