import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { Client as PgClient } from 'pg';
import { Webhook } from 'standardwebhooks';
import { fullAgreement, PartnershipDriver, registerOrganisation } from '../support/lifecycle';
import { recordWorkflowHistoryIfAsked } from '../support/record-history';
import { testRun } from '../support/run-config';
import { api, eventually, startSystem, type TestSystem } from '../support/system';
import { WorkerProcess } from '../support/worker-process';
import { deliverEvent } from '../../events/webhook-attempt';
import type { Resolver } from '../../events/webhook-url-guard';

/** A case system's webhook endpoint on loopback: it checks every delivery's signature with the Standard Webhooks library. */
class Receiver {
  readonly received: { id: string; verified: boolean; body: any; signature: string }[] = [];
  down = false;
  private server!: Server;
  constructor(public secrets: string[]) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const headers = { 'webhook-id': String(req.headers['webhook-id']), 'webhook-timestamp': String(req.headers['webhook-timestamp']), 'webhook-signature': String(req.headers['webhook-signature']) };
        const verified = this.secrets.every((secret) => {
          try {
            new Webhook(secret).verify(body, headers);
            return true;
          } catch {
            return false;
          }
        });
        this.received.push({ id: headers['webhook-id'], verified, body: JSON.parse(body), signature: headers['webhook-signature'] });
        res.statusCode = this.down ? 503 : 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/iop-events`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('webhooks', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem({ webhookAllowPrivateUrls: true, rateLimitPerMinute: 10_000 });
  });
  afterAll(() => system.stop());

  const subscribe = async (url: string, extra: object = {}) => {
    const created = await api(system, 'POST', '/api/v1/webhook-subscriptions', { key: system.adminKey, body: { url, contactEmail: 'integration@kommun.example.se', ...extra } });
    expect(created.status).toBe(201);
    return created.body as { id: string; secret: string };
  };
  const eventsOf = async (partnershipId: string) =>
    (await system.db.partnershipEvent.findMany({ where: { partnershipId }, orderBy: [{ txid: 'asc' }, { seq: 'asc' }] })).map((e) => e.id);

  it('when steps are taken, then every event is delivered once, in order, each signature checked by the standardwebhooks library', async () => {
    const receiver = new Receiver([]);
    const subscription = await subscribe(await receiver.start());
    receiver.secrets = [subscription.secret];
    const driver = await PartnershipDriver.register(system);
    await driver.initiate();

    const expected = await eventsOf(driver.id);
    await eventually(async () => receiver.received.filter((r) => r.body.subject === driver.id).length >= expected.length || undefined, 30_000);
    const ours = receiver.received.filter((r) => r.body.subject === driver.id);
    expect(ours.map((r) => r.id)).toEqual(expected);
    expect(ours.every((r) => r.verified)).toBe(true);
    expect(ours[0]!.body).toMatchObject({ specversion: '1.0', type: 'se.iop.partnership.registered', subject: driver.id });
    const log = (await api(system, 'GET', `/api/v1/webhook-subscriptions/${subscription.id}/deliveries`, { key: system.adminKey })).body.deliveries;
    expect(log.filter((d: any) => expected.includes(d.eventId)).every((d: any) => d.succeeded && d.statusCode === 204 && d.latencyMs >= 0)).toBe(true);
    await recordWorkflowHistoryIfAsked(system.temporal, `webhook-${subscription.id}`, 'webhook-delivers-in-order');
    await api(system, 'DELETE', `/api/v1/webhook-subscriptions/${subscription.id}`, { key: system.adminKey });
    await receiver.stop();
  }, 60_000);

  it('when the receiver is down for a while, then afterwards it gets every event, in order, under the same ids', async () => {
    const receiver = new Receiver([]);
    const subscription = await subscribe(await receiver.start());
    receiver.secrets = [subscription.secret];
    receiver.down = true;
    const driver = await PartnershipDriver.register(system);
    await driver.step('describe-challenge', { challenge: 'Ensamhet.' });
    await driver.step('add-party', { organisationId: await registerOrganisation(system, 'PUBLIC'), kind: 'PUBLIC' });
    await eventually(async () => receiver.received.filter((r) => r.body.subject === driver.id).length >= 2 || undefined, 30_000);
    receiver.down = false;

    const expected = await eventsOf(driver.id);
    const failedIds = receiver.received.filter((r) => r.body.subject === driver.id).map((r) => r.id);
    await eventually(async () => {
      const log = await system.db.webhookDelivery.findMany({ where: { subscriptionId: subscription.id, succeeded: true } });
      return expected.every((id) => log.some((d) => d.eventId === id)) || undefined;
    }, 60_000);
    const succeeded = await system.db.webhookDelivery.findMany({ where: { subscriptionId: subscription.id, succeeded: true }, orderBy: { id: 'asc' } });
    expect(succeeded.map((d) => d.eventId).filter((id) => expected.includes(id))).toEqual(expected);
    // The attempts while it was down carried the ids it got afterwards.
    expect(failedIds.every((id) => expected.includes(id))).toBe(true);
    const first = await system.db.webhookDelivery.findMany({ where: { subscriptionId: subscription.id, eventId: expected[0] }, orderBy: { attempt: 'asc' } });
    expect(first.length).toBeGreaterThan(1);
    expect(first.map((d) => d.attempt)).toEqual(first.map((_, i) => i + 1));
    expect(receiver.received.filter((r) => r.body.subject === driver.id).every((r) => r.verified)).toBe(true);

    // A delivery can be sent again on request, with its own id.
    const again = await api(system, 'POST', `/api/v1/webhook-subscriptions/${subscription.id}/redeliveries`, { key: system.adminKey, body: { eventId: expected[0] } });
    expect(again).toMatchObject({ status: 200, body: { eventId: expected[0], succeeded: true, statusCode: 204 } });
    expect(receiver.received.at(-1)!.id).toBe(expected[0]);
    await api(system, 'DELETE', `/api/v1/webhook-subscriptions/${subscription.id}`, { key: system.adminKey });
    await receiver.stop();
  }, 90_000);

  it("when an organisation's representative subscribes, then its webhook is told what its feed tells: its own partnerships' events, the legal review's note blanked, no other party's case number, and no other partnership's event on request", async () => {
    const driver = await PartnershipDriver.register(system);
    const [kommun, , forening] = await driver.initiate();
    const organisationId = (await driver.state()).parties.find((p: any) => p.partyId === forening).organisationId;
    const representative = (await system.newKey('ORGANISATION_REPRESENTATIVE', organisationId)).key;
    const receiver = new Receiver([]);
    const created = await api(system, 'POST', '/api/v1/webhook-subscriptions', { key: representative, body: { url: await receiver.start(), contactEmail: 'integration@forening.example.se' } });
    expect(created.status).toBe(201);
    receiver.secrets = [created.body.secret];
    await driver.step('record-external-reference', { system: 'Public 360°', partyId: kommun, reference: 'KS 2026/31' });
    await driver.step('record-external-reference', { system: 'Föreningens diarium', partyId: forening, reference: 'F-31' });
    await driver.step('save-agreement-draft', { sections: fullAgreement });
    await driver.step('submit-for-legal-review');
    await driver.step('conclude-legal-review', { conclusion: 'CHANGES_REQUESTED', note: 'Intern bedömning: ersättningen liknar ett köp.' });
    const concluded = (await eventsOf(driver.id)).at(-1)!;
    await eventually(async () => receiver.received.some((r) => r.id === concluded) || undefined, 30_000);

    const told = receiver.received.filter((r) => r.body.subject === driver.id);
    const reviews = told.filter((r) => r.body.type.startsWith('se.iop.partnership.legal-review.'));
    expect(reviews.length).toBeGreaterThan(0);
    expect(reviews.map((r) => r.body.data.value.note)).toEqual(reviews.map(() => null));
    expect(JSON.stringify(told)).not.toContain('KS 2026/31');
    expect(told.filter((r) => r.body.type.startsWith('se.iop.partnership.external-reference.')).map((r) => r.body.data.value.reference)).toEqual(['F-31']);
    expect(told.every((r) => r.verified)).toBe(true);

    const other = await PartnershipDriver.register(system);
    const elsewhere = (await eventsOf(other.id))[0];
    const refused = await api(system, 'POST', `/api/v1/webhook-subscriptions/${created.body.id}/redeliveries`, { key: representative, body: { eventId: elsewhere } });
    expect(refused.status).toBe(404);
    expect(receiver.received.some((r) => r.id === elsewhere)).toBe(false);
    await api(system, 'DELETE', `/api/v1/webhook-subscriptions/${created.body.id}`, { key: system.adminKey });
    await receiver.stop();
  }, 60_000);

  /** The length of a workflow's history once it has stopped growing for a second and a half. */
  const settledHistoryLength = async (workflowId: string) => {
    const handle = system.temporal.workflow.getHandle(workflowId);
    let last = (await handle.describe()).historyLength;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const now = (await handle.describe()).historyLength;
      if (now === last) return now;
      last = now;
    }
  };

  // Stopped whether its test passed or not: a receiver left listening keeps Jest from ending.
  const idleReceivers: Receiver[] = [];
  afterEach(async () => {
    await Promise.all(idleReceivers.splice(0).map((receiver) => receiver.stop()));
  });

  /** A subscription that has been told of one partnership's registration, and is idle since. */
  const idleSubscription = async () => {
    const receiver = new Receiver([]);
    const url = await receiver.start();
    idleReceivers.push(receiver);
    const subscription = await subscribe(url);
    receiver.secrets = [subscription.secret];
    const driver = await PartnershipDriver.register(system);
    await eventually(async () => receiver.received.some((r) => r.body.subject === driver.id) || undefined, 30_000);
    const workflowId = `webhook-${subscription.id}`;
    return { receiver, subscription, workflowId, historyLength: await settledHistoryLength(workflowId) };
  };

  it("when a subscription is idle, then its workflow's history does not grow", async () => {
    const { subscription, workflowId, historyLength } = await idleSubscription();
    const events = await system.db.partnershipEvent.count();

    // Long enough for two looks of a subscription that polls every 3 s.
    await new Promise((resolve) => setTimeout(resolve, 7_000));

    expect(await system.db.partnershipEvent.count()).toBe(events);
    expect((await system.temporal.workflow.getHandle(workflowId).describe()).historyLength).toBe(historyLength);
    await api(system, 'DELETE', `/api/v1/webhook-subscriptions/${subscription.id}`, { key: system.adminKey });
  }, 60_000);

  it("when an event is recorded, then the idle subscription's webhook delivers it within seconds, and when the subscription is stopped, then its workflow ends", async () => {
    const { receiver, subscription, workflowId } = await idleSubscription();
    const driver = await PartnershipDriver.register(system);
    const registered = Date.now();
    await driver.step('describe-challenge', { challenge: 'Ensamhet bland äldre.' });

    const expected = await eventsOf(driver.id);
    await eventually(async () => receiver.received.filter((r) => r.body.subject === driver.id).length >= expected.length || undefined, 5_000);
    expect(Date.now() - registered).toBeLessThan(5_000);
    expect(receiver.received.filter((r) => r.body.subject === driver.id).map((r) => r.id)).toEqual(expected);
    await recordWorkflowHistoryIfAsked(system.temporal, workflowId, 'webhook-woken-after-quiet');

    await api(system, 'DELETE', `/api/v1/webhook-subscriptions/${subscription.id}`, { key: system.adminKey });
    await eventually(async () => (await system.temporal.workflow.getHandle(workflowId).describe()).status.name === 'COMPLETED' || undefined, 5_000);
  }, 60_000);

  it('when an event is held back behind an older transaction still running, then it is delivered once that transaction ends, with no wake', async () => {
    const { receiver, subscription, workflowId } = await idleSubscription();
    // A transaction that has written, and so holds back the feed behind it, as an API key's use or an e-mail's row may.
    const older = new PgClient({ connectionString: testRun().databaseUrl });
    await older.connect();
    try {
      await older.query('BEGIN');
      await older.query('SELECT pg_current_xact_id()');
      const driver = await PartnershipDriver.register(system);
      const registered = `${driver.id}:0:1`;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(receiver.received.some((r) => r.id === registered)).toBe(false);

      await older.query('COMMIT');
      await eventually(async () => receiver.received.some((r) => r.id === registered) || undefined, 5_000);
      await recordWorkflowHistoryIfAsked(system.temporal, workflowId, 'webhook-event-held-back');
    } finally {
      await older.end();
    }
    await api(system, 'DELETE', `/api/v1/webhook-subscriptions/${subscription.id}`, { key: system.adminKey });
  }, 60_000);

  it("when an event's wake was lost while the worker was down, then a worker's start makes up for it", async () => {
    const { receiver, subscription } = await idleSubscription();
    const driver = await PartnershipDriver.register(system);
    await eventually(async () => receiver.received.some((r) => r.body.subject === driver.id) || undefined, 30_000);
    // As a step's recording commits its events when the worker dies before it can wake anyone.
    const lost = `${driver.id}:1:1`;
    await system.db.$executeRaw`
      INSERT INTO "PartnershipEvent" (id, txid, "partnershipId", type, data)
      VALUES (${lost}, pg_current_xact_id()::text::bigint, ${driver.id}::uuid, 'se.iop.partnership.changed', ${JSON.stringify({ partnershipId: driver.id, revision: 1 })}::jsonb)`;
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(receiver.received.some((r) => r.id === lost)).toBe(false);

    const restarted = await new WorkerProcess({ taskQueue: `iop-test-${crypto.randomUUID()}`, smtpUrl: system.smtp.url }).running();
    try {
      await eventually(async () => receiver.received.some((r) => r.id === lost) || undefined, 15_000);
    } finally {
      restarted.kill('SIGTERM');
      await restarted.exited;
    }
    await api(system, 'DELETE', `/api/v1/webhook-subscriptions/${subscription.id}`, { key: system.adminKey });
  }, 90_000);

  it('when the secret is rotated, then deliveries are signed by the new and the old secret alike for the grace period', async () => {
    const receiver = new Receiver([]);
    const subscription = await subscribe(await receiver.start());
    const rotated = await api(system, 'POST', `/api/v1/webhook-subscriptions/${subscription.id}/secret-rotation`, { key: system.adminKey });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(subscription.secret);
    receiver.secrets = [subscription.secret, rotated.body.secret];
    const driver = await PartnershipDriver.register(system);
    await eventually(async () => receiver.received.some((r) => r.body.subject === driver.id) || undefined, 30_000);
    const delivery = receiver.received.find((r) => r.body.subject === driver.id)!;
    expect(delivery.verified).toBe(true);
    expect(delivery.signature.split(' ')).toHaveLength(2);
    await api(system, 'DELETE', `/api/v1/webhook-subscriptions/${subscription.id}`, { key: system.adminKey });
    await receiver.stop();
  }, 60_000);
});

describe('webhook URLs (OWASP API7)', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem({ worker: false });
  });
  afterAll(() => system.stop());

  it('when a subscription points at a private, loopback or link-local address, or is not https, then it is refused and nothing is stored', async () => {
    const before = await system.db.webhookSubscription.count();
    for (const url of [
      'http://diarium.example.se/hook',
      'https://127.0.0.1/hook',
      'https://10.1.2.3/hook',
      'https://192.168.0.10/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/hook',
      'https://[fd00::1]/hook',
      'https://localhost/hook',
      // Special-purpose blocks of the IANA registries that ipaddr.js 1.9 called unicast, and the like.
      'https://198.18.0.1/hook',
      'https://192.52.193.1/hook',
      'https://[fec0::1]/hook',
      'https://[100::1]/hook',
      'https://[100:0:0:1::1]/hook',
      'https://[2001:db8::1]/hook',
      'https://[3fff::1]/hook',
      'https://[5f00::1]/hook',
      'https://[::ffff:8.8.8.8]/hook',
      'https://[64:ff9b::7f00:1]/hook',
      'https://[4000::1]/hook',
      'https://user:pass@example.com/hook',
      'ftp://example.com/hook',
    ]) {
      const refused = await api(system, 'POST', '/api/v1/webhook-subscriptions', { key: system.adminKey, body: { url, contactEmail: 'integration@kommun.example.se' } });
      expect([url, refused.status]).toEqual([url, 400]);
      expect(JSON.stringify(refused.body)).toContain('url');
    }
    expect(await system.db.webhookSubscription.count()).toBe(before);
  });

  it('when a name resolves to a public address when checked and to loopback when connected to (DNS rebinding), then the delivery is refused at the connection and nothing reaches loopback', async () => {
    const connections: Socket[] = [];
    const server = createNetServer((socket) => {
      connections.push(socket);
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    // The first answer, for the check before the delivery, is public; every later one is loopback, as a rebinding name answers.
    const answers: string[] = [];
    const rebinding: Resolver = async () => {
      const address = answers.length === 0 ? '93.184.215.14' : '127.0.0.1';
      answers.push(address);
      return [{ address, family: 4 }];
    };
    // As made when the name still resolved to a public address.
    const subscription = await system.db.webhookSubscription.create({
      data: { id: crypto.randomUUID(), url: `https://localhost:${port}/hook`, contactEmail: 'integration@kommun.example.se', secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] },
    });
    try {
      const driver = await PartnershipDriver.register(system);
      const [event] = await system.db.partnershipEvent.findMany({ where: { partnershipId: driver.id } });
      const delivery = deliverEvent({ db: system.db, apiBasePath: '/api/v1', allowPrivateUrls: false, resolve: rebinding }, { subscriptionId: subscription.id, eventId: event!.id, attempt: 1 });
      await expect(delivery).rejects.toThrow('localhost resolves to 127.0.0.1, a private or special address');
      expect(answers).toEqual(['93.184.215.14', '127.0.0.1']);
      expect(connections).toHaveLength(0);
      const [attempt] = await system.db.webhookDelivery.findMany({ where: { subscriptionId: subscription.id } });
      expect(attempt).toMatchObject({ succeeded: false, statusCode: null });
      await system.db.webhookSubscription.update({ where: { id: subscription.id }, data: { status: 'DISABLED' } });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
