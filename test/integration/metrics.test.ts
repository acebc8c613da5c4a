import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addDays } from '../../domain/dates';
import { freePort } from '../support/postgres';
import { sampleSum, scrape } from '../support/prometheus';
import { createLogger } from '../../platform/logger';
import { api, eventually, serveApp } from '../support/system';
import { TimeSkippingSystem } from '../support/time-skipping';
import { WorkerProcess } from '../support/worker-process';

const coordinator = 'anna.andersson@example.se';

// One partnership's path on the time-skipping server, with a webhook listening, a step refused and
// one sent twice; then what an operator's Prometheus would scrape from the API and from the worker.
describe('the metrics an operator scrapes', () => {
  let timers: TimeSkippingSystem;
  let workerMetricsUrl: string;
  let receiver: Server;
  let received = 0;
  let worker: WorkerProcess;

  beforeAll(async () => {
    timers = await TimeSkippingSystem.start();
    // The real worker, in a process of its own: its runtime, and so its metrics, are its own.
    const port = await freePort();
    workerMetricsUrl = `http://127.0.0.1:${port}/metrics`;
    worker = await new WorkerProcess({ taskQueue: timers.taskQueue, smtpUrl: timers.smtp.url, temporalAddress: timers.env.address, metricsAddress: `127.0.0.1:${port}`, webhookAllowPrivateUrls: true }).running();
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received += 1;
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterEach(() => timers.terminateLeftovers());
  afterAll(async () => {
    worker.kill('SIGTERM');
    await worker.exited;
    await new Promise((resolve) => receiver.close(resolve));
    await timers.stop();
  });

  it("when a partnership has gone through steps, notices and a webhook's deliveries, then the API's and the worker's scrapes show each family with plausible values", async () => {
    const { system } = timers;
    {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;
      const subscription = await api(system, 'POST', '/api/v1/webhook-subscriptions', { key: system.adminKey, body: { url, contactEmail: 'integration@kommun.example.se' } });
      expect(subscription.status).toBe(201);

      const driver = await timers.register();
      await timers.toLegalReview(driver);
      const entered = await timers.today();
      // In legal review already: refused, and the same request under the same key is answered from the first answer.
      const again = () => api(system, 'POST', `/api/v1/partnerships/${driver.id}/actions/submit-for-legal-review`, { key: system.adminKey, body: {}, headers: { 'Idempotency-Key': 'metrics-refused-once' } });
      const refused = await again();
      expect(refused.status).toBe(409);
      expect((await again()).headers.get('idempotent-replayed')).toBe('true');

      await timers.sleepUntil(addDays(entered, 14));
      // The escalation's address is refused for good (550).
      timers.smtp.refused.add(coordinator);
      await timers.sleepUntil(addDays(entered, 29));
      expect(await timers.notices(driver)).toEqual([`${addDays(entered, 14)} REVIEW_REMINDER ${coordinator}`, `${addDays(entered, 28)} REVIEW_ESCALATION ${coordinator}`]);
      await eventually(async () => received >= 3);

      // A workflow the worker does not know fails its workflow task, as a broken deployment's would.
      const broken = await timers.env.client.workflow.start('noSuchWorkflow', { taskQueue: timers.taskQueue, workflowId: `broken-${driver.id}` });
      const fromWorker = await eventually(async () => {
        const text = await scrape(workerMetricsUrl);
        return (sampleSum(text, 'temporal_workflow_task_execution_failed_total') ?? 0) > 0 && text;
      });
      await broken.terminate();
      await api(system, 'DELETE', `/api/v1/webhook-subscriptions/${subscription.body.id}`, { key: system.adminKey });

      // The worker: the SDK's own families and the product's.
      expect(sampleSum(fromWorker, 'temporal_workflow_task_execution_latency_seconds_count')).toBeGreaterThan(0);
      expect(sampleSum(fromWorker, 'temporal_activity_execution_latency_seconds_count')).toBeGreaterThan(0);
      expect(sampleSum(fromWorker, 'iop_notices_total', { kind: 'REVIEW_REMINDER', outcome: 'sent' })).toBe(1);
      expect(sampleSum(fromWorker, 'iop_notices_total', { kind: 'REVIEW_ESCALATION', outcome: 'refused' })).toBe(1);
      expect(sampleSum(fromWorker, 'iop_notice_lateness_seconds_count')).toBe(2);
      expect(sampleSum(fromWorker, 'iop_notice_lateness_seconds_sum')).toBeGreaterThanOrEqual(0);
      expect(sampleSum(fromWorker, 'iop_notice_lateness_seconds_bucket', { le: '86400' })).toBe(2);
      expect(sampleSum(fromWorker, 'iop_webhook_deliveries_total', { outcome: 'delivered' })).toBeGreaterThanOrEqual(3);
      expect(sampleSum(fromWorker, 'iop_outbox_lag_seconds_count')).toBeGreaterThanOrEqual(3);

      // The API: requests by route template, steps by outcome and reason, replays, the pool, the process.
      const fromApi = await scrape(`${system.baseUrl}/metrics`);
      expect(sampleSum(fromApi, 'iop_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/partnerships/:id/actions/submit-for-legal-review', status: '200' })).toBe(1);
      expect(sampleSum(fromApi, 'iop_http_request_duration_seconds_count', { route: '/api/v1/partnerships/:id/actions/submit-for-legal-review', status: '409' })).toBe(2);
      expect(fromApi).not.toContain(driver.id);
      expect(sampleSum(fromApi, 'iop_steps_total', { step: 'submitForLegalReview', outcome: 'applied' })).toBe(1);
      expect(sampleSum(fromApi, 'iop_steps_total', { step: 'submitForLegalReview', outcome: 'refused', reason: refused.body.reason })).toBe(1);
      expect(sampleSum(fromApi, 'iop_idempotency_replays_total', { operation: 'submitForLegalReview' })).toBe(1);
      expect(sampleSum(fromApi, 'iop_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
      expect(sampleSum(fromApi, 'iop_api_process_resident_memory_bytes')).toBeGreaterThan(0);
      expect([sampleSum(fromApi, 'iop_dependency_up', { dependency: 'database' }), sampleSum(fromApi, 'iop_dependency_up', { dependency: 'temporal' })]).toEqual([1, 1]);
    }
  }, 120_000);

  it('when METRICS_TOKEN is set, then a scrape without it is answered 401 as a problem and one with it is served', async () => {
    const token = 'scrape-token-of-sixteen-or-more';
    const served = await serveApp({ db: timers.db, temporal: timers.env.client, taskQueue: timers.taskQueue, logger: createLogger({ level: 'silent', name: 'metrics' }), publicBaseUrl: 'http://127.0.0.1', metricsToken: token });
    try {
      const anonymous = await fetch(`${served.baseUrl}/metrics`);
      expect([anonymous.status, anonymous.headers.get('content-type')]).toEqual([401, 'application/problem+json; charset=utf-8']);
      const wrong = await fetch(`${served.baseUrl}/metrics`, { headers: { authorization: `Bearer ${token.slice(1)}x` } });
      expect(wrong.status).toBe(401);
      expect(sampleSum(await scrape(`${served.baseUrl}/metrics`, { authorization: `Bearer ${token}` }), 'iop_http_request_duration_seconds_count', { route: '/metrics', status: '401' })).toBe(2);
    } finally {
      await served.close();
    }
  });

  it('when METRICS_ENABLED is false, then /metrics is not served and the API still answers', async () => {
    const served = await serveApp({ db: timers.db, temporal: timers.env.client, taskQueue: timers.taskQueue, logger: createLogger({ level: 'silent', name: 'metrics' }), publicBaseUrl: 'http://127.0.0.1', metrics: false });
    try {
      const scraped = await fetch(`${served.baseUrl}/metrics`);
      expect([scraped.status, scraped.headers.get('content-type')]).toEqual([404, 'application/problem+json; charset=utf-8']);
      expect((await fetch(`${served.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await served.close();
    }
  });
});
