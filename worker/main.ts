import './worker-tracing';
import { writeFileSync } from 'node:fs';
import { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { webhookWaker } from '../events/wake-webhooks';
import { ConfigError, loadConfig } from '../platform/config';
import { createDatabase } from '../platform/database';
import { temporalConnectionOptions } from '../platform/temporal-connection';
import { createLogger } from '../platform/logger';
import { clientTracingInterceptors, stopTracing } from '../platform/tracing';
import { createMailer } from '../platform/mailer';
import { createWorker, installRuntime } from './create-worker';
import { ensureRetentionSchedule, retentionScheduleId } from './retention-schedule';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'iop-worker' });
  installRuntime(logger, { metricsAddress: config.WORKER_METRICS_ADDRESS });

  const db = createDatabase(config.DATABASE_URL, { maxConnections: config.DATABASE_POOL_SIZE });
  const connection = await NativeConnection.connect(temporalConnectionOptions(config));
  const mailer = createMailer(config.SMTP_URL, { requireTls: config.SMTP_REQUIRE_TLS });
  // The activities wake webhook deliveries through a client on the worker's own connection.
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, interceptors: clientTracingInterceptors() });
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowBundlePath: config.WORKFLOW_BUNDLE_PATH,
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    stickyQueueTimeoutSeconds: config.WORKER_STICKY_QUEUE_TIMEOUT_SECONDS,
    dependencies: {
      db,
      mailer,
      mailFrom: config.MAIL_FROM,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      caseLinkTemplate: config.CASE_LINK_TEMPLATE,
      webhookAllowPrivateUrls: config.WEBHOOK_ALLOW_PRIVATE_URLS,
      temporal,
      logger,
    },
  });
  // Retention runs once an hour for the deployment, whichever workers run (worker/retention-schedule.ts).
  // Which worker made it, and that the others found it, is in their logs: an operator sees one schedule for N workers.
  await ensureRetentionSchedule(temporal, config.TEMPORAL_TASK_QUEUE).then(
    (made) => logger.info({ scheduleId: retentionScheduleId(config.TEMPORAL_TASK_QUEUE) }, made ? 'retention schedule made' : 'retention schedule found'),
    (error: unknown) => logger.warn({ err: error }, 'the retention schedule could not be made; the next worker to start tries again'),
  );
  // A wake lost while this worker was down (after a step's commit, before its signal) is made up for now.
  webhookWaker(temporal, db, logger).wake();
  // The SDK's worker shuts down on SIGINT and SIGTERM by itself: run() resolves once in-flight
  // activities have drained.
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'worker running');
  const healthFile = config.WORKER_HEALTH_FILE;
  const heartbeat = healthFile
    ? setInterval(() => {
        if (worker.getState() === 'RUNNING') writeFileSync(healthFile, String(Date.now()));
      }, 10_000)
    : undefined;
  await worker.run();
  clearInterval(heartbeat);
  await connection.close();
  mailer.close();
  await db.$disconnect();
  await stopTracing();
  logger.info('worker stopped');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('worker failed:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
