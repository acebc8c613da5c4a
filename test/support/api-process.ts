import { EntryProcess } from './entry-process';
import { freePort } from './identity-provider';
import { testRun } from './run-config';

type ApiSettings = { taskQueue: string; rateLimitPerMinute?: number; temporalAddress?: string; settings?: Record<string, string> };

/**
 * The real API entry point (api/main.ts) as a process of its own, on a loopback port of its own: what
 * a deployment runs several of behind its load balancer. Settings not given are the configuration's
 * defaults, never the test process's own sign-in settings.
 */
export class ApiProcess extends EntryProcess {
  private constructor(
    readonly baseUrl: string,
    port: number,
    env: ApiSettings,
  ) {
    const run = testRun();
    const inherited = { ...process.env };
    for (const name of Object.keys(inherited)) if (/^(JWT_|OIDC_|SESSION_SECRET|CORS_|TRUST_PROXY|METRICS_TOKEN)/.test(name)) delete inherited[name];
    super(
      'api/main.ts',
      {
        ...inherited,
        DATABASE_URL: run.databaseUrl,
        TEMPORAL_ADDRESS: env.temporalAddress ?? run.temporalAddress,
        TEMPORAL_TASK_QUEUE: env.taskQueue,
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_BASE_URL: baseUrl,
        ...(env.rateLimitPerMinute ? { RATE_LIMIT_PER_MINUTE: String(env.rateLimitPerMinute) } : {}),
        LOG_LEVEL: 'info',
        ...env.settings,
      },
      '"api listening"',
      'api',
    );
  }

  static async start(env: ApiSettings): Promise<ApiProcess> {
    const port = await freePort();
    return new ApiProcess(`http://127.0.0.1:${port}`, port, env);
  }
}
