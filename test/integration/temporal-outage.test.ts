import { Client, Connection } from '@temporalio/client';
import { createLogger } from '../../platform/logger';
import { testRun } from '../support/run-config';
import { api, examplePartnership, serveApp, startSystem, type TestSystem } from '../support/system';
import { TcpProxy } from '../support/tcp-proxy';

describe('when the workflow engine is down', () => {
  let system: TestSystem;
  let proxy: TcpProxy;
  let connection: Connection;
  let served: { baseUrl: string; close: () => Promise<void> };
  let partnershipId: string;

  beforeAll(async () => {
    system = await startSystem();
    const registered = await api(system, 'POST', '/api/v1/partnerships', { key: system.adminKey, body: examplePartnership });
    expect(registered.status).toBe(201);
    partnershipId = registered.body.id;
    const [host, port] = testRun().temporalAddress.split(':') as [string, string];
    proxy = await new TcpProxy({ host, port: Number(port) }).start();
    connection = await Connection.connect({ address: `127.0.0.1:${proxy.port}` });
    // A second API, on the same database and task queue, whose Temporal is behind the proxy.
    served = await serveApp({
      db: system.db,
      temporal: new Client({ connection }),
      taskQueue: system.taskQueue,
      logger: createLogger({ level: 'silent', name: 'temporal-outage-test' }),
      publicBaseUrl: 'http://127.0.0.1:3000',
      stepAnswerDeadlineMs: 3_000,
    });
  });

  afterAll(async () => {
    await served?.close();
    await connection?.close().catch(() => undefined);
    await proxy?.stop();
    await system?.stop();
  });

  it('when a registration cannot reach it, then 503 within the deadline and no partnership, audit row or event is left', async () => {
    const counts = async () => [await system.db.partnership.count(), await system.db.auditEvent.count(), await system.db.partnershipEvent.count(), await system.db.task.count()];
    const before = await counts();
    proxy.refuse();
    try {
      const refused = await api(served, 'POST', '/api/v1/partnerships', { key: system.adminKey, body: examplePartnership });

      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBeTruthy();
      expect(await counts()).toEqual(before);
    } finally {
      proxy.pass();
    }
  });

  it('when a step cannot reach it, then 503 problem+json with Retry-After within the deadline, nothing changes, and the step goes through once it is back', async () => {
    const before = (await api(system, 'GET', `/api/v1/partnerships/${partnershipId}`, { key: system.adminKey })).body.revision;
    proxy.refuse();
    const started = Date.now();
    const refused = await api(served, 'POST', `/api/v1/partnerships/${partnershipId}/actions/complete-initiation`, { key: system.adminKey, body: {} });

    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await api(system, 'GET', `/api/v1/partnerships/${partnershipId}`, { key: system.adminKey })).body.revision).toBe(before);

    // Back: the client reconnects after its backoff; sent again with one key, the step is taken once.
    proxy.pass();
    const send = () =>
      api(served, 'POST', `/api/v1/partnerships/${partnershipId}/actions/describe-challenge`, {
        key: system.adminKey,
        body: { challenge: 'Ofrivillig ensamhet bland äldre.' },
        headers: { 'Idempotency-Key': `outage-${partnershipId}` },
      });
    let taken = await send();
    for (let tries = 0; taken.status === 503 && tries < 20; tries++) taken = await send();
    expect(taken.status).toBe(200);
    expect(taken.body.revision).toBe(before + 1);
  });
});
