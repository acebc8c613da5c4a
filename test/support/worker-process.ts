import { EntryProcess } from './entry-process';
import { testRun } from './run-config';

/** The real worker entry point (worker/main.ts) as a process of its own, to be killed and restarted. */
export class WorkerProcess extends EntryProcess {
  constructor(env: { taskQueue: string; smtpUrl: string; temporalAddress?: string; metricsAddress?: string; webhookAllowPrivateUrls?: boolean; settings?: Record<string, string> }) {
    const run = testRun();
    super(
      'worker/main.ts',
      {
        ...process.env,
        DATABASE_URL: run.databaseUrl,
        TEMPORAL_ADDRESS: env.temporalAddress ?? run.temporalAddress,
        ...(env.metricsAddress ? { WORKER_METRICS_ADDRESS: env.metricsAddress } : {}),
        ...(env.webhookAllowPrivateUrls ? { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' } : {}),
        TEMPORAL_TASK_QUEUE: env.taskQueue,
        SMTP_URL: env.smtpUrl,
        WORKFLOW_BUNDLE_PATH: run.workflowBundlePath,
        LOG_LEVEL: 'info',
        ...env.settings,
      },
      '"worker running"',
      'worker',
    );
  }
}
