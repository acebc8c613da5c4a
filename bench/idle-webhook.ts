// What an idle webhook subscription costs Temporal: the history events its delivery workflow adds
// while nothing happens, over BENCH_IDLE_SECONDS (60), scaled to an hour; then how soon an event
// recorded after the quiet reaches the receiver.
//
//   npm run bench:idle-webhook
//
// It needs the machine's PostgreSQL (BENCH_PG_SERVER, default postgresql://postgres@127.0.0.1:5432/postgres),
// where it makes a database of its own and drops it again, and the Temporal CLI of `node scripts/setup.mjs --test`.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createApiKey } from '../api/auth/api-keys';
import { createDatabase } from '../platform/database';
import { createLogger } from '../platform/logger';
import { PartnershipDriver } from '../test/support/lifecycle';
import { TestSmtpServer } from '../test/support/smtp';
import { api, serveApp, type TestSystem } from '../test/support/system';
import { onCleanup } from './support/cleanup';
import { log, machine, runBench, sleep } from './support/run';
import { buildWorkers, buildWorkflowBundle, createBenchDatabase, startDevServer, WorkerChild } from './support/services';
import { numberFromEnv, pgServer } from './support/settings';

const idleSeconds = numberFromEnv('BENCH_IDLE_SECONDS', 60);

/** A webhook receiver on loopback that accepts everything and notes when each event came. */
async function startReceiver(): Promise<{ url: string; arrived: Map<string, number> }> {
  const arrived = new Map<string, number>();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      arrived.set(String(req.headers['webhook-id']), Date.now());
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup('receiver', () => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, arrived };
}

/** Registers a partnership and answers when its first event reached the receiver, in ms after the registration was answered. */
async function registeredAndDelivered(system: TestSystem, arrived: Map<string, number>): Promise<number> {
  const driver = await PartnershipDriver.register(system);
  const answered = Date.now();
  const eventId = `${driver.id}:0:1`;
  const deadline = answered + 60_000;
  while (!arrived.has(eventId)) {
    if (Date.now() > deadline) throw new Error(`the event ${eventId} was not delivered within a minute`);
    await sleep(10);
  }
  return arrived.get(eventId)! - answered;
}

/**
 * Watches one workflow id for `seconds`: the history events its runs add, counted run by run (an
 * idle workflow that continues as new starts a fresh history), and the types of those of the last run.
 */
async function historyAdded(client: Client, workflowId: string, seconds: number): Promise<{ added: number; runs: number; types: Map<string, number> }> {
  const handle = client.workflow.getHandle(workflowId);
  const first = await handle.describe();
  const seen = new Map<string, { from: number; to: number }>([[first.runId, { from: first.historyLength, to: first.historyLength }]]);
  const end = Date.now() + seconds * 1000;
  let last = first.runId;
  while (Date.now() < end) {
    await sleep(500);
    const now = await handle.describe();
    const run = seen.get(now.runId) ?? { from: 0, to: 0 };
    run.to = now.historyLength;
    seen.set(now.runId, run);
    last = now.runId;
  }
  // A run that continued as new between two looks ended longer than last seen: its history tells.
  let added = 0;
  for (const [runId, run] of seen) {
    const length = runId === last ? run.to : ((await client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? []).length;
    added += length - run.from;
  }
  const events = (await client.workflow.getHandle(workflowId, last).fetchHistory()).events ?? [];
  const types = new Map<string, number>();
  for (const event of events.slice(seen.get(last)!.from)) {
    const type = String(temporal.api.enums.v1.EventType[event.eventType ?? 0]).replace(/^EVENT_TYPE_/, '');
    types.set(type, (types.get(type) ?? 0) + 1);
  }
  return { added, runs: seen.size, types };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  log('preparing: a database of its own (migrated), the workflow bundle, the compiled worker, a dev server, SMTP');
  const [databaseUrl, bundlePath] = await Promise.all([createBenchDatabase(pgServer, 'iop_bench_idle_webhook'), buildWorkflowBundle()]);
  const workers = buildWorkers();
  const { env, address } = await startDevServer();
  const db = createDatabase(databaseUrl, { maxConnections: 5 });
  onCleanup('database client', () => db.$disconnect());
  const smtp = await new TestSmtpServer({ parse: false }).start();
  onCleanup('SMTP server', () => smtp.stop());

  // As production runs it: the API in this process, the worker (worker/main.ts, compiled) in its own.
  const taskQueue = `bench-idle-webhook-${randomUUID()}`;
  const served = await serveApp({ db, temporal: env.client, taskQueue, logger: createLogger({ level: 'silent', name: 'bench-idle-webhook' }), publicBaseUrl: 'http://127.0.0.1', webhookAllowPrivateUrls: true });
  onCleanup('API', () => served.close());
  await new WorkerChild({ temporalAddress: address, taskQueue, databaseUrl, smtpUrl: smtp.url, bundlePath, script: workers.product, env: { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' } }).running();
  const system = { baseUrl: served.baseUrl, db, temporal: env.client, smtp, adminKey: (await createApiKey(db, { role: 'ADMINISTRATOR', label: 'bench idle webhook' })).key } as unknown as TestSystem;

  const receiver = await startReceiver();
  const created = await api(system, 'POST', '/api/v1/webhook-subscriptions', { key: system.adminKey, body: { url: receiver.url, contactEmail: 'integration@kommun.example.se' } });
  if (created.status !== 201) throw new Error(`subscribing answered ${created.status}`);
  const workflowId = `webhook-${created.body.id}`;
  log('one subscription; a first event delivered, so that its workflow is past its start');
  const firstMs = await registeredAndDelivered(system, receiver.arrived);
  await sleep(2_000);

  log(`idle for ${idleSeconds} s: counting the history events the subscription's workflow adds`);
  const idle = await historyAdded(env.client, workflowId, idleSeconds);
  const wakeMs = await registeredAndDelivered(system, receiver.arrived);

  console.log('');
  console.log(`bench:idle-webhook — ${machine()}; Temporal dev server, PostgreSQL; the worker in a process of its own`);
  console.log(`  idle subscription: ${idle.added} history events in ${idleSeconds} s (${idle.runs} run${idle.runs === 1 ? '' : 's'}), ${Math.round((idle.added * 3600) / idleSeconds)} an hour`);
  if (idle.types.size > 0) console.log(`    of which, in the last run: ${[...idle.types].map(([type, count]) => `${type} ${count}`).join(', ')}`);
  console.log(`  an event recorded after the quiet reached the receiver ${wakeMs} ms after its registration was answered (the first one, ${firstMs} ms)`);
}

runBench(main);
