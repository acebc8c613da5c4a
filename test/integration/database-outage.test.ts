import { createDatabase, type Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { testRun } from '../support/run-config';
import { api, eventually, examplePartnership, serveApp, startSystem, type TestSystem } from '../support/system';
import { TcpProxy } from '../support/tcp-proxy';

// The bounds this API is given: a connection within 1 s, a statement within 2 s (3 s when the
// server cannot even cancel it). A request must be answered well within 1 + 3 + the step's work.
const bound = { connectTimeoutMs: 1_000, statementTimeoutMs: 2_000 };
const answeredWithinMs = 6_000;

describe('when the database is down or hung', () => {
  let system: TestSystem;
  let proxy: TcpProxy;
  let throughProxy: Database;
  let served: { baseUrl: string; close: () => Promise<void> };
  let partnershipId: string;

  beforeAll(async () => {
    system = await startSystem();
    const registered = await api(system, 'POST', '/api/v1/partnerships', { key: system.adminKey, body: examplePartnership });
    expect(registered.status).toBe(201);
    partnershipId = registered.body.id;
    const target = new URL(testRun().databaseUrl);
    proxy = await new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) }).start();
    throughProxy = createDatabase(proxy.urlFor(testRun().databaseUrl), { maxConnections: 3, ...bound });
    // A second API, on the same Temporal and task queue, whose database is behind the proxy.
    served = await serveApp({
      db: throughProxy,
      temporal: system.temporal,
      taskQueue: system.taskQueue,
      logger: createLogger({ level: 'silent', name: 'database-outage-test' }),
      publicBaseUrl: 'http://127.0.0.1:3000',
    });
  });

  afterAll(async () => {
    await served?.close();
    await throughProxy?.$disconnect().catch(() => undefined);
    await proxy?.stop();
    await system?.stop();
  });

  afterEach(async () => {
    // Cut whatever the hang left half-spoken, then serve again until a request goes through.
    proxy.refuse();
    proxy.pass();
    await eventually(async () => (await api(served, 'GET', `/api/v1/partnerships/${partnershipId}`, { key: system.adminKey })).status === 200, 20_000);
  });

  async function timed<T>(request: () => Promise<T>): Promise<{ answer: T; ms: number }> {
    const started = Date.now();
    const answer = await request();
    return { answer, ms: Date.now() - started };
  }

  it('when it is down, then a read with a valid key answers 503 problem+json with Retry-After, not 401 and not 500', async () => {
    proxy.refuse();
    const { answer, ms } = await timed(() => api(served, 'GET', `/api/v1/partnerships/${partnershipId}`, { key: system.adminKey }));
    expect(answer.status).toBe(503);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.headers.get('retry-after')).toBe('5');
    expect(answer.body).toMatchObject({ type: '/problems/database-unavailable', status: 503 });
    expect(ms).toBeLessThan(answeredWithinMs);
  });

  it('when it is down, then a step answers 503 and the partnership has not changed', async () => {
    const before = (await api(system, 'GET', `/api/v1/partnerships/${partnershipId}`, { key: system.adminKey })).body.revision;
    proxy.refuse();
    const { answer, ms } = await timed(() =>
      api(served, 'POST', `/api/v1/partnerships/${partnershipId}/actions/add-learning-goal`, { key: system.adminKey, body: { description: 'Fler mötesplatser.' } }),
    );
    expect(answer.status).toBe(503);
    expect(ms).toBeLessThan(answeredWithinMs);
    expect((await api(system, 'GET', `/api/v1/partnerships/${partnershipId}`, { key: system.adminKey })).body.revision).toBe(before);
  });

  it('when it hangs, then a request is answered 503 within the bound rather than held open', async () => {
    // A pooled connection first, so that the hang meets one mid-conversation as well as new ones.
    expect((await api(served, 'GET', `/api/v1/partnerships/${partnershipId}`, { key: system.adminKey })).status).toBe(200);
    proxy.hang();
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => timed(() => api(served, 'GET', `/api/v1/partnerships/${partnershipId}`, { key: system.adminKey }))),
    );
    for (const { answer, ms } of answers) {
      expect(answer.status).toBe(503);
      expect(ms).toBeLessThan(answeredWithinMs);
    }
  });

  it('when it comes back, then the same requests are served again', async () => {
    proxy.refuse();
    expect((await api(served, 'GET', `/api/v1/partnerships/${partnershipId}`, { key: system.adminKey })).status).toBe(503);
    proxy.pass();
    await eventually(async () => (await api(served, 'GET', `/api/v1/partnerships/${partnershipId}`, { key: system.adminKey })).status === 200, 10_000);
  });
});
