import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../api/app';
import { createDatabase } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { testRun } from '../support/run-config';
import { api, eventually, examplePartnership, startSystem, type TestSystem } from '../support/system';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

// Nothing listens on port 9 (discard) on loopback: connections are refused at once.
const unreachableDatabase = 'postgresql://postgres@127.0.0.1:9/iop';
const unreachableTemporal = '127.0.0.1:9';

async function serve(databaseUrl: string, temporalAddress: string) {
  const db = createDatabase(databaseUrl, { maxConnections: 2 });
  const connection = Connection.lazy({ address: temporalAddress });
  const temporal = new Client({ connection });
  const logger = createLogger({ level: 'silent', name: 'readiness-test' });
  const { app } = createApp({ db, temporal, taskQueue: 'unused', logger, publicBaseUrl: 'http://127.0.0.1' });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    db,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.$disconnect();
      await connection.close().catch(() => undefined);
    },
  };
}

describe('liveness and readiness', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem({ worker: false });
  });
  afterAll(() => system.stop());

  it('when PostgreSQL and Temporal answer, then /readyz is 200 and /healthz is 200', async () => {
    const ready = await api(system, 'GET', '/readyz');
    const live = await api(system, 'GET', '/healthz');

    expect(ready).toMatchObject({ status: 200, body: { status: 'ready', checks: { database: 'up', temporal: 'up' } } });
    expect(live).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('when no worker polls the task queue, then /readyz stays 200 and reports the worker down; once one polls, up', async () => {
    expect(await api(system, 'GET', '/readyz')).toMatchObject({ status: 200, body: { status: 'ready', checks: { database: 'up', temporal: 'up', worker: 'down' } } });
    await system.startWorker();
    try {
      await eventually(async () => (await api(system, 'GET', '/readyz')).body.checks.worker === 'up');
      expect(await api(system, 'GET', '/readyz')).toMatchObject({ status: 200, body: { status: 'ready', checks: { worker: 'up' } } });
    } finally {
      await system.stopWorker();
    }
  });

  it('when PostgreSQL is unreachable, then /readyz is 503 naming the database, while /healthz stays 200', async () => {
    const app = await serve(unreachableDatabase, testRun().temporalAddress);
    try {
      const ready = await api(app, 'GET', '/readyz');
      expect(ready).toMatchObject({ status: 503, body: { status: 'not-ready', checks: { database: 'down', temporal: 'up' } } });
      expect((await api(app, 'GET', '/healthz')).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('when Temporal is unreachable, then /readyz is 503 and a new partnership is refused with 503, leaving no row', async () => {
    const app = await serve(testRun().databaseUrl, unreachableTemporal);
    try {
      const ready = await api(app, 'GET', '/readyz');
      expect(ready).toMatchObject({ status: 503, body: { checks: { database: 'up', temporal: 'down' } } });

      const before = await app.db.partnership.count();
      const auditBefore = await app.db.auditEvent.count();
      const created = await api(app, 'POST', '/api/v1/partnerships', { key: system.adminKey, body: examplePartnership });
      expect(created.status).toBe(503);
      expect(created.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expect(await app.db.partnership.count()).toBe(before);
      expect(await app.db.auditEvent.count()).toBe(auditBefore);
    } finally {
      await app.close();
    }
  });
});
