// `npm start`: the whole system on embedded defaults. Each dependency comes from its environment
// variable when set, otherwise from an embedded service whose data lives in .data/.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createDatabase } from '../platform/database';
import { temporalCliPath } from '../platform/temporal-binaries';
import { bootstrapAdministratorKey, registerDemoOrganisations } from './lib/first-start';
import { demoOrganisations } from './lib/demo-people';
import { dataDir, embedded, embeddedDatabaseUrl, projectRoot } from './lib/defaults';
import { portOpen, runToEnd, startChild, waitFor } from './lib/processes';
import { Supervised } from './lib/supervisor';

const bin = (name: string) => path.join(projectRoot, 'node_modules', '.bin', name);
// Children run TypeScript through tsx as a loader: one process each, so signals reach them directly.
const tsx = ['--import', 'tsx'];
// Every child is supervised: one that dies is started again, and the others go on (scripts/lib/supervisor.ts).
const services: Supervised[] = [];
const stoppers: (() => Promise<void>)[] = [];
let shuttingDown = false;

async function startPostgres(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const launch = () => startChild('postgres', process.execPath, [...tsx, 'scripts/embedded-postgres.ts'], { logToFile: true, ipc: true });
  const postgres = new Supervised('postgres', launch);
  services.push(postgres);
  // Ready when the wrapper says so, not when the port answers: the port opens before the
  // application's database exists, and a server left running by an earlier start, which the wrapper
  // stops first, answers on it too. A server that cannot start at all (a bad data directory) stops
  // `npm start` rather than restart for ever.
  const ready = new Promise<void>((resolve) => postgres.current.process.on('message', (message) => message === 'ready' && resolve()));
  const failed = postgres.current.exited.then((code) => {
    throw new Error(`embedded PostgreSQL exited with ${code}; its log is ${path.relative(projectRoot, path.join(dataDir, 'logs', 'postgres.log'))}`);
  });
  failed.catch(() => undefined);
  await Promise.race([ready, failed]);
  return embeddedDatabaseUrl;
}

async function startTemporal(): Promise<{ address: string; ui?: string }> {
  if (process.env.TEMPORAL_ADDRESS) return { address: process.env.TEMPORAL_ADDRESS };
  const dbFilename = path.join(dataDir, 'temporal', 'dev-server.sqlite');
  mkdirSync(path.dirname(dbFilename), { recursive: true });
  const ui = `http://127.0.0.1:${embedded.temporalUiPort}`;
  const cli = temporalCliPath();
  if (cli) {
    const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(embedded.temporalPort)];
    args.push('--ui-port', String(embedded.temporalUiPort), '--db-filename', dbFilename, '--log-level', 'warn');
    services.push(new Supervised('temporal', () => startChild('temporal', cli, args, { logToFile: true })));
  } else {
    // No binary on this machine: the SDK downloads the dev server, as on a connected laptop.
    // Imported only here: the testing package loads the SDK's native runtime.
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'cached-download' },
        ip: '127.0.0.1',
        port: embedded.temporalPort,
        dbFilename,
        ui: true,
        uiPort: embedded.temporalUiPort,
      },
    });
    stoppers.push(() => env.teardown());
  }
  await waitFor('Temporal dev server', () => portOpen(embedded.temporalPort));
  return { address: `127.0.0.1:${embedded.temporalPort}`, ui };
}

async function startSmtp(): Promise<{ url: string; inbox?: string }> {
  if (process.env.SMTP_URL) return { url: process.env.SMTP_URL };
  const mailDir = path.join(dataDir, 'mail');
  mkdirSync(mailDir, { recursive: true });
  const args = ['--smtp', String(embedded.smtpPort), '--web', String(embedded.inboxPort), '--ip', '127.0.0.1'];
  args.push('--mail-directory', mailDir, '--silent');
  services.push(new Supervised('inbox', () => startChild('inbox', bin('maildev'), args, { logToFile: true })));
  await waitFor('SMTP inbox', () => portOpen(embedded.smtpPort));
  return { url: `smtp://127.0.0.1:${embedded.smtpPort}`, inbox: `http://127.0.0.1:${embedded.inboxPort}` };
}

async function shutdown(code: number): Promise<never> {
  if (shuttingDown) return new Promise<never>(() => undefined);
  shuttingDown = true;
  console.log('\nstopping: API and worker first (the worker drains its activities), then the services');
  const [apps, rest] = [services.filter((s) => s.name === 'api' || s.name === 'worker'), services.filter((s) => s.name !== 'api' && s.name !== 'worker')];
  await Promise.all(apps.map((s) => s.stop()));
  await Promise.all([...rest.map((s) => s.stop()), ...stoppers.map((stop) => stop())]);
  process.exit(code);
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const migrated = startPostgres().then(async (url) => {
    await runToEnd(bin('prisma'), ['migrate', 'deploy'], { ...process.env, DATABASE_URL: url });
    return url;
  });
  // Bundled once here rather than by the worker at its start: a worker that is started again is
  // back in seconds.
  const workflowBundlePath = path.join(dataDir, 'workflow-bundle.js');
  const bundled = runToEnd(process.execPath, [...tsx, 'scripts/bundle-workflows.ts', workflowBundlePath], process.env);
  const [databaseUrl, temporal, smtp] = await Promise.all([migrated, startTemporal(), startSmtp(), bundled]);

  const db = createDatabase(databaseUrl, { maxConnections: 1 });
  const adminKey = await bootstrapAdministratorKey(db);
  const demo = process.env.JWT_ISSUER ? false : await registerDemoOrganisations(db);
  await db.$disconnect();

  const port = process.env.PORT ?? '3000';
  const publicBaseUrl = process.env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`;
  const identity = await startIdentityProvider(publicBaseUrl);
  const env = {
    ...process.env,
    PORT: port,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    SMTP_URL: smtp.url,
    PUBLIC_BASE_URL: publicBaseUrl,
    CALENDAR_FEED_SECRET: process.env.CALENDAR_FEED_SECRET ?? keptSecret('calendar-feed-secret'),
    SESSION_SECRET: process.env.SESSION_SECRET ?? keptSecret('session-secret'),
    ...identity.env,
    WORKFLOW_BUNDLE_PATH: workflowBundlePath,
    WORKER_METRICS_ADDRESS: process.env.WORKER_METRICS_ADDRESS ?? '127.0.0.1:9464',
  };
  for (const name of ['worker', 'api'] as const) {
    services.push(new Supervised(name, () => startChild(name, process.execPath, [...tsx, `${name}/main.ts`], { env })));
  }
  await waitFor('API', async () => (await fetch(`${publicBaseUrl}/readyz`).catch(() => null))?.ok === true);

  const lines = [
    '',
    'IOP Lifecycle is running',
    `  Workspace    ${publicBaseUrl}/  (sign in as one of the demo people${identity.embedded ? '' : ': not here, at JWT_ISSUER'})`,
    `  API          ${publicBaseUrl}/api/v1`,
    `  API docs     ${publicBaseUrl}/docs`,
    `  Temporal UI  ${temporal.ui ?? `(external Temporal at ${temporal.address})`}`,
    `  Inbox        ${smtp.inbox ?? '(external SMTP server)'}`,
    `  Data         ${process.env.DATABASE_URL ? 'external PostgreSQL' : path.relative(projectRoot, dataDir) + '/'}`,
  ];
  if (demo) lines.push('', 'Demo organisations registered: ' + demoOrganisations.map((o) => o.name).join(', '));
  if (adminKey) {
    lines.push('', 'First administrator API key (shown once, store it now; send it as X-API-Key):', `  ${adminKey}`);
  }
  lines.push('', 'A part that dies is started again. Ctrl-C stops everything.', '');
  console.log(lines.join('\n'));
}

main().catch(async (error: unknown) => {
  console.error('npm start failed:', error instanceof Error ? error.message : error);
  await shutdown(1);
});

/**
 * A secret made once and kept in .data/ (mode 600): calendar subscription URLs handed out, the
 * workspace's sessions and the identity provider's client survive a restart.
 */
function keptSecret(name: string): string {
  const file = path.join(dataDir, name);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * Where people sign in: the deployment's own identity provider when JWT_ISSUER is set (its client
 * then comes from OIDC_CLIENT_ID and OIDC_CLIENT_SECRET), otherwise the embedded one, whose demo
 * people cover every role.
 */
async function startIdentityProvider(publicBaseUrl: string): Promise<{ env: NodeJS.ProcessEnv; embedded: string | null }> {
  if (process.env.JWT_ISSUER) return { env: {}, embedded: null };
  const issuer = `http://127.0.0.1:${embedded.identityProviderPort}`;
  const audience = `${publicBaseUrl}/api/v1`;
  const clientSecret = keptSecret('identity-client-secret');
  const env = {
    ...process.env,
    IDP_ISSUER: issuer,
    IDP_AUDIENCE: audience,
    IDP_CLIENT_ID: 'iop-workspace',
    IDP_CLIENT_SECRET: clientSecret,
    IDP_REDIRECT_URI: `${publicBaseUrl}/auth/callback`,
    IDP_POST_LOGOUT_REDIRECT_URI: `${publicBaseUrl}/`,
    IDP_KEY_FILE: path.join(dataDir, 'identity', 'signing-key.json'),
  };
  services.push(new Supervised('identity', () => startChild('identity', process.execPath, [...tsx, 'scripts/identity-provider.ts'], { env, logToFile: true })));
  await waitFor('identity provider', () => portOpen(embedded.identityProviderPort));
  return {
    env: { JWT_JWKS_URL: `${issuer}/jwks`, JWT_ISSUER: issuer, JWT_AUDIENCE: audience, OIDC_CLIENT_ID: 'iop-workspace', OIDC_CLIENT_SECRET: clientSecret },
    embedded: issuer,
  };
}
