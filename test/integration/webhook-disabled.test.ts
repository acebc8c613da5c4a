import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { api } from '../support/system';
import { TimeSkippingSystem } from '../support/time-skipping';

// A receiver that never accepts, over three simulated days on the time-skipping server.
describe('a webhook that fails for days', () => {
  let timers: TimeSkippingSystem;
  beforeAll(async () => {
    timers = await TimeSkippingSystem.start();
  });
  afterEach(() => timers.terminateLeftovers());
  afterAll(() => timers.stop());

  it('when its receiver has refused an event for three days, then the subscription is disabled and its owner told once', async () => {
    const server = createServer((_req, res) => {
      res.statusCode = 500;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const created = await api(timers.system, 'POST', '/api/v1/webhook-subscriptions', {
        key: timers.system.adminKey,
        body: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, contactEmail: 'owner@kommun.example.se' },
      });
      expect(created.status).toBe(201);
      await timers.register();
      await timers.env.sleep('2 days');
      expect((await timers.db.webhookSubscription.findUniqueOrThrow({ where: { id: created.body.id } })).status).toBe('ACTIVE');

      await timers.env.client.workflow.getHandle(`webhook-${created.body.id}`).result();
      const subscription = await timers.db.webhookSubscription.findUniqueOrThrow({ where: { id: created.body.id } });
      expect(subscription).toMatchObject({ status: 'DISABLED' });
      expect(subscription.disabledReason).toContain('three days');
      const attempts = await timers.db.webhookDelivery.count({ where: { subscriptionId: created.body.id } });
      expect(attempts).toBeGreaterThan(10);
      const told = timers.smtp.messages.filter((m) => JSON.stringify(m.to).includes('owner@kommun.example.se'));
      expect(told.map((m) => m.subject)).toEqual(['Webhook avstängd / Webhook disabled']);
      const listed = (await api(timers.system, 'GET', '/api/v1/webhook-subscriptions', { key: timers.system.adminKey })).body.subscriptions;
      expect(listed.find((s: any) => s.id === created.body.id)).toMatchObject({ status: 'DISABLED' });
    });
    await new Promise((resolve) => server.close(resolve));
  }, 180_000);
});
