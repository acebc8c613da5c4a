import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import { createActivities, type ActivityDependencies } from '../activities';
import type { Logger } from '../platform/logger';
import { workerTracing } from '../platform/tracing';
import { ensureSearchAttributes } from './ensure-search-attributes';
import { workflowBundlerOptions, workflowsPath, workflowTracingModule } from './workflow-bundle';

const levels: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

let runtimeInstalled = false;

// Seconds to hours: a notice held up by a worker that was down is late by that long, and is to be told apart from one late by a second.
const histogramBucketOverrides = {
  iop_notice_lateness: [1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 24 * 3600],
  iop_outbox_lag: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 4 * 3600],
};

/**
 * Sends the Temporal SDK's own log lines into the application's pino logger and, given an address,
 * serves its metrics there for Prometheus: the SDK's own and the product's (activities/worker-metrics.ts).
 * Once per process.
 */
export function installRuntime(logger: Logger, options: { metricsAddress?: string } = {}): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const temporalLogger = logger.child({ component: 'temporal-sdk' });
  const threshold: LogLevel = logger.levelVal <= 10 ? 'TRACE' : logger.levelVal <= 20 ? 'DEBUG' : logger.levelVal <= 30 ? 'INFO' : logger.levelVal <= 40 ? 'WARN' : 'ERROR';
  Runtime.install({
    logger: new DefaultLogger(threshold, ({ level, message, meta }) => {
      temporalLogger[levels[level]](meta ?? {}, message);
    }),
    ...(options.metricsAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: options.metricsAddress, countersTotalSuffix: true, unitSuffix: true, useSecondsForDurations: true, histogramBucketOverrides } } } } : {}),
  });
}

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dependencies: ActivityDependencies;
  /** A pre-built workflow bundle (tests, production); otherwise the workflows are bundled from source. */
  workflowBundlePath?: string;
  maxCachedWorkflows?: number;
  /** WORKER_STICKY_QUEUE_TIMEOUT_SECONDS (platform/config.ts); the SDK's 10 s when not given. */
  stickyQueueTimeoutSeconds?: number;
}

export const defaultMaxCachedWorkflows = 500;

export async function createWorker(options: WorkerOptions): Promise<Worker> {
  await ensureSearchAttributes(options.connection, options.namespace, options.dependencies.logger);
  const tracing = workerTracing();
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: createActivities(options.dependencies),
    sinks: tracing.sinks,
    // A pre-built bundle has the workflow's interceptors inside (worker/workflow-bundle.ts); one made here is told of them.
    ...(options.workflowBundlePath
      ? { workflowBundle: { codePath: options.workflowBundlePath }, interceptors: tracing.interceptors }
      : { workflowsPath, bundlerOptions: workflowBundlerOptions(), interceptors: { ...tracing.interceptors, workflowModules: [workflowTracingModule] } }),
    // Partnerships sleep for weeks between steps: a bounded cache keeps the worker's memory bounded
    // however many there are; an evicted one is replayed from its history when its timer fires.
    // zod is kept out of the bundle (worker/workflow-bundle.ts): with it, each cached partnership
    // held about 2.5 MB, its own copy of zod and the schemas (bench/memory.ts).
    maxCachedWorkflows: options.maxCachedWorkflows ?? defaultMaxCachedWorkflows,
    ...(options.stickyQueueTimeoutSeconds ? { stickyQueueScheduleToStartTimeout: `${options.stickyQueueTimeoutSeconds} seconds` } : {}),
    // Let in-flight activities finish on SIGTERM before the process goes.
    shutdownGraceTime: '30 seconds',
  });
}
