import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createApiKey } from '../../api/auth/api-keys';
import type { Role } from '../../api/auth/principal';
import { createApp, type AppDependencies } from '../../api/app';
import type { RegisterPublisher } from '../../api/register/catalog';
import { createDatabase, type Database } from '../../platform/database';
import { createLogger, type Logger } from '../../platform/logger';
import { createMailer, type Mailer } from '../../platform/mailer';
import { createWorker } from '../../worker/create-worker';
import { testRun } from './run-config';
import { TestSmtpServer } from './smtp';
import { freePort, startIdentityProvider } from './identity-provider';

/** Every log line the system under test wrote, parsed. */
export class CapturedLogs {
  readonly lines: Record<string, unknown>[] = [];
  readonly raw: string[] = [];
  readonly logger: Logger;

  constructor() {
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          this.raw.push(line);
          this.lines.push(JSON.parse(line) as Record<string, unknown>);
        }
        callback();
      },
    });
    this.logger = createLogger({ level: 'debug', name: 'iop-test', destination: sink });
  }
}

export interface TestSystem {
  baseUrl: string;
  db: Database;
  temporal: Client;
  smtp: TestSmtpServer;
  logs: CapturedLogs;
  taskQueue: string;
  adminKey: string;
  newKey(role: Role, organisationId?: string): Promise<{ id: string; key: string }>;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  stop(): Promise<void>;
}

/** The API app on a loopback port of its own; `close` ends its connections too. */
export async function serveApp(deps: AppDependencies, port = 0): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  // Each app counts against rate limits of its own, though the run's apps share one database.
  const { app } = createApp({ ...deps, hardening: { rateLimitScope: randomUUID(), ...deps.hardening } });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(port, '127.0.0.1', () => resolve(listening));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The real system in one process: the API on a loopback port, a worker on a task queue of its own,
 * this run's database, the shared Temporal dev server and an SMTP server of the test's own.
 */
export async function startSystem(
  options: {
    worker?: boolean;
    smtpDown?: boolean;
    stepAnswerDeadlineMs?: number;
    rateLimitPerMinute?: number;
    /** The public register's own limit per address; high unless a test asks, as every suite reads it from 127.0.0.1. */
    registerRateLimitPerMinute?: number;
    /** Who publishes the register, as its catalogue names them; the register's defaults when not given. */
    registerPublisher?: RegisterPublisher;
    /** Partnerships on one page of the register's list: small, to reach a second page with few. */
    registerPageSize?: number;
    /** Whose rate-limit counters these are: a test that exhausts a limit counts apart from the other suites. */
    rateLimitScope?: string;
    webhookAllowPrivateUrls?: boolean;
    /** People sign in to the workspace at the embedded OpenID provider, started for this system. */
    signIn?: { accessTokenSeconds?: number; idleMinutes?: number };
    /**
     * A Temporal server, database and task queue other than the run's: a system brought back from a
     * backup serves the workflows of the one it was taken from, on that one's task queue.
     */
    temporalAddress?: string;
    databaseUrl?: string;
    taskQueue?: string;
  } = {},
): Promise<TestSystem> {
  const run = { ...testRun(), ...(options.temporalAddress ? { temporalAddress: options.temporalAddress } : {}), ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}) };
  const taskQueue = options.taskQueue ?? `iop-test-${randomUUID()}`;
  const db = createDatabase(run.databaseUrl, { maxConnections: 5 });
  const smtp = options.smtpDown ? await new TestSmtpServer().reservePort() : await new TestSmtpServer().start();
  const logs = new CapturedLogs();
  const connection = await Connection.connect({ address: run.temporalAddress });
  const temporal = new Client({ connection });

  // Signing in redirects to the API's own URL: its port is chosen before the provider starts.
  const port = options.signIn ? await freePort() : 0;
  const publicBaseUrl = options.signIn ? `http://127.0.0.1:${port}` : 'http://127.0.0.1:3000';
  const identity = options.signIn ? await startIdentityProvider({ apiBaseUrl: publicBaseUrl, audience: `${publicBaseUrl}/api/v1`, accessTokenSeconds: options.signIn.accessTokenSeconds }) : undefined;
  const served = await serveApp(
    {
      db,
      temporal,
      taskQueue,
      logger: logs.logger,
      publicBaseUrl,
      webhookAllowPrivateUrls: options.webhookAllowPrivateUrls ?? false,
      stepAnswerDeadlineMs: options.stepAnswerDeadlineMs,
      hardening: { ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}), ...(options.rateLimitScope ? { rateLimitScope: options.rateLimitScope } : {}) },
      register: { rateLimitPerMinute: options.registerRateLimitPerMinute ?? 100_000, ...(options.registerPublisher ? { publisher: options.registerPublisher } : {}), ...(options.registerPageSize ? { pageSize: options.registerPageSize } : {}) },
      ...(identity
        ? {
            people: { jwksUrl: `${identity.issuer}/jwks`, issuer: identity.issuer, audience: `${publicBaseUrl}/api/v1`, algorithms: ['RS256'], roleClaim: 'iop_role', organisationClaim: 'iop_organisation_id' },
            signIn: { clientId: identity.clientId, clientSecret: identity.clientSecret, sessionSecret: randomUUID() + randomUUID(), idleMinutes: options.signIn?.idleMinutes ?? 30, maxHours: 10 },
          }
        : {}),
    },
    port,
  );
  const baseUrl = served.baseUrl;

  let worker: { instance: Worker; running: Promise<void>; connection: NativeConnection; mailer: Mailer } | undefined;
  const system: TestSystem = {
    baseUrl,
    db,
    temporal,
    smtp,
    logs,
    taskQueue,
    adminKey: (await createApiKey(db, { role: 'ADMINISTRATOR', label: 'test administrator' })).key,
    newKey: (role, organisationId) => createApiKey(db, { role, label: `test ${role}`, organisationId }),
    async startWorker() {
      const workerConnection = await NativeConnection.connect({ address: run.temporalAddress });
      const mailer = createMailer(smtp.url);
      const instance = await createWorker({
        connection: workerConnection,
        namespace: 'default',
        taskQueue,
        workflowBundlePath: run.workflowBundlePath,
        dependencies: { db, mailer, mailFrom: 'IOP test <noreply@iop.test>', publicBaseUrl: 'http://127.0.0.1:3000', webhookAllowPrivateUrls: options.webhookAllowPrivateUrls ?? false, temporal, logger: logs.logger },
      });
      worker = { instance, running: instance.run(), connection: workerConnection, mailer };
    },
    async stopWorker() {
      if (!worker) return;
      const current = worker;
      worker = undefined;
      current.instance.shutdown();
      await current.running;
      await current.connection.close();
      current.mailer.close();
    },
    async stop() {
      await system.stopWorker();
      await served.close();
      await identity?.stop();
      await connection.close();
      await smtp.stop();
      await db.$disconnect();
    },
  };
  if (options.worker !== false) await system.startWorker();
  return system;
}

/** A JSON request to the system's API with the given key. */
export async function api(
  system: Pick<TestSystem, 'baseUrl'>,
  method: string,
  path: string,
  options: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers['x-api-key'] = options.key;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(system.baseUrl + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body };
}

export async function eventually<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const examplePartnership = {
  title: 'Språkvänner i Borås',
  challenge: 'Nyanlända behöver mötesplatser för att öva svenska och bygga nätverk.',
  caseNumber: 'KS 2026/123',
  coordinator: { name: 'Anna Andersson', email: 'anna.andersson@example.se' },
};
