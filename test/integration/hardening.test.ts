import type { HardeningSettings } from '../../api/http/hardening';
import { randomUUID } from 'node:crypto';
import { createDatabase } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { testRun } from '../support/run-config';
import { api, serveApp, startSystem, type TestSystem } from '../support/system';

const problemJson = 'application/problem+json; charset=utf-8';

// The limits every request passes (OWASP API4, API8), on the real app over HTTP.
describe('limits and hardening', () => {
  let system: TestSystem;
  const apps: Awaited<ReturnType<typeof serveApp>>[] = [];

  beforeAll(async () => {
    system = await startSystem({ worker: false });
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await system.stop();
  });

  /** The same app as the system's, with settings of the test's own. */
  async function appWith(hardening: Partial<HardeningSettings>): Promise<{ baseUrl: string }> {
    const app = await serveApp({
      db: system.db,
      temporal: system.temporal,
      taskQueue: system.taskQueue,
      logger: createLogger({ level: 'silent', name: 'hardening' }),
      publicBaseUrl: 'http://127.0.0.1',
      hardening,
    });
    apps.push(app);
    return app;
  }

  it('when any response is sent, then it carries the security headers and no X-Powered-By', async () => {
    const response = await api(system, 'GET', '/api/v1/tasks', { key: system.adminKey });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('when a browser asks from a configured origin, then CORS allows exactly it; from any other, or with none configured, then not at all', async () => {
    const configured = await appWith({ corsOrigins: ['https://e-tjanst.boras.se'] });
    const preflight = (base: { baseUrl: string }, origin: string) =>
      fetch(`${base.baseUrl}/api/v1/tasks`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-api-key' } });

    const allowed = await preflight(configured, 'https://e-tjanst.boras.se');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://e-tjanst.boras.se');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('X-API-Key');
    expect((await preflight(configured, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(system, 'https://e-tjanst.boras.se')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('when one key sends more than its limit in a minute, then it gets 429 problem+json while another key goes on', async () => {
    const limited = await appWith({ rateLimitPerMinute: 5 });
    const other = (await system.newKey('AUDITOR')).key;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await api(limited, 'GET', '/api/v1/tasks', { key: system.adminKey })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await api(limited, 'GET', '/api/v1/tasks', { key: system.adminKey });
    expect(refused.headers.get('content-type')).toBe(problemJson);
    expect(refused.body).toMatchObject({ status: 429, type: '/problems/too-many-requests' });
    expect((await api(limited, 'GET', '/api/v1/tasks', { key: other })).status).toBe(200);
  });

  it('when two API processes serve one deployment, then a key’s limit holds across both, counted in PostgreSQL', async () => {
    const rateLimitScope = `shared-${randomUUID()}`;
    // The second with a database client of its own, as another process would have.
    const ownDb = createDatabase(testRun().databaseUrl, { maxConnections: 2 });
    try {
      const first = await appWith({ rateLimitPerMinute: 5, rateLimitScope });
      const second = await serveApp({ db: ownDb, temporal: system.temporal, taskQueue: system.taskQueue, logger: createLogger({ level: 'silent', name: 'hardening' }), publicBaseUrl: 'http://127.0.0.1', hardening: { rateLimitPerMinute: 5, rateLimitScope } });
      apps.push(second);
      const statuses: number[] = [];
      for (let i = 0; i < 7; i += 1) statuses.push((await api(i % 2 ? second : first, 'GET', '/api/v1/tasks', { key: system.adminKey })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    } finally {
      await ownDb.$disconnect();
    }
  });

  it('when one address sends more than its limit, then it gets 429 however it spoofs X-Forwarded-For', async () => {
    const limited = await appWith({ rateLimitPerMinute: 2, trustProxyHops: 0 });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      statuses.push((await api(limited, 'GET', '/api/v1/tasks', { headers: { 'x-forwarded-for': `203.0.113.${i}` } })).status);
    }
    // Five times the per-key limit per address: ten anonymous calls get their 401, the eleventh 429.
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
  });

  it('when a body is larger than 256 kB, then it is refused with 413 problem+json before it is parsed', async () => {
    const response = await api(system, 'POST', '/api/v1/partnerships', { key: system.adminKey, body: JSON.stringify({ title: 'x'.repeat(300_000) }) });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe(problemJson);
    expect(response.body).toMatchObject({ type: '/problems/body-too-large' });
  });

  it('when a body is not JSON, then it is refused with 415 problem+json', async () => {
    const response = await api(system, 'POST', '/api/v1/partnerships', { key: system.adminKey, body: 'title=Språkvänner', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toBe(problemJson);
    expect(await system.db.partnership.count({ where: { title: 'Språkvänner' } })).toBe(0);
  });

  it('when a page larger than the cap is asked for, then it is refused with 400 naming the field', async () => {
    for (const path of ['/api/v1/tasks?limit=201', `/api/v1/partnerships/${crypto.randomUUID()}/audit-events?limit=1001`]) {
      const response = await api(system, 'GET', path, { key: system.adminKey });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ in: 'query', field: 'limit' })]);
    }
  });

  it('when a path is asked with a method it does not have, then 405 problem+json says which methods it has', async () => {
    for (const [method, path, allow] of [
      ['PATCH', '/api/v1/partnerships', 'GET, HEAD, POST'],
      ['DELETE', '/api/v1/tasks', 'GET, HEAD'],
      ['GET', `/api/v1/partnerships/${crypto.randomUUID()}/actions/add-party`, 'POST'],
      ['PUT', '/healthz', 'GET, HEAD'],
    ] as const) {
      const response = await api(system, method, path, { key: system.adminKey });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe(allow);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it('when a cursor is past 2^63, negative or not a number, then it is refused with 400 naming it, never a failed query', async () => {
    for (const after of ['9223372036854775808', '99999999999999999999999', '-1', '1e3', 'abc']) {
      const response = await api(system, 'GET', `/api/v1/partnerships/${crypto.randomUUID()}/audit-events?after=${after}`, { key: system.adminKey });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ in: 'query', field: 'after' })]);
    }
    const largest = await api(system, 'GET', `/api/v1/partnerships/${crypto.randomUUID()}/audit-events?after=9223372036854775807`, { key: system.adminKey });
    expect(largest.status).not.toBe(400);
    expect(largest.status).toBeLessThan(500);
  });

  it('when an error answers a request that carried a token in its query, then the problem does not repeat the token', async () => {
    const response = await api(system, 'GET', `/api/v1/partnerships/${crypto.randomUUID()}/calendar.ics?token=not-a-real-token`);
    expect(response.status).toBe(401);
    expect(JSON.stringify(response.body)).not.toContain('not-a-real-token');
  });
});
