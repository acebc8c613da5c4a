import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { apiBasePath, createApp } from '../../api/app';
import { RouteTable } from '../../api/http/route';
import { policyTable } from '../../scripts/policy-table';
import { createDatabase } from '../../platform/database';
import { createLogger } from '../../platform/logger';

describe('the route table', () => {
  it('when the app is built, then every /api/v1 route requires a key and has its rights in the policy table, and only health checks are public', async () => {
    const db = createDatabase('postgresql://unused@127.0.0.1:9/unused');
    const connection = Connection.lazy({ address: '127.0.0.1:9' });
    const { routes } = createApp({
      db,
      temporal: new Client({ connection }),
      taskQueue: 'unused',
      logger: createLogger({ level: 'silent', name: 'route-test' }),
      publicBaseUrl: 'http://127.0.0.1',
    });

    const declared = routes.list();
    expect(declared.length).toBeGreaterThan(2);
    for (const route of declared.filter((r) => r.path.startsWith(apiBasePath))) {
      expect(route).toMatchObject({ access: 'api-key', rights: expect.any(Object) });
      // A right scoped to one's own organisation needs the resource it is checked against.
      const ownScoped = Object.values(route.rights ?? {}).includes('own');
      if (ownScoped && route.path.includes(':id')) expect(`${route.operationId}: ${route.owner}`).toMatch(/: (partnership|organisation|webhook)$/);
    }
    expect(declared.filter((r) => r.access === 'public').map((r) => r.path).sort()).toEqual(['/healthz', '/readyz']);
    await db.$disconnect();
  });

  it('when a route is declared with no entry in the policy table, then the table refuses it', () => {
    const routes = new RouteTable();
    const declare = () =>
      routes.add(apiBasePath, { method: 'get', path: '/secrets', operationId: 'readSecrets', summary: 'x', tags: [], access: 'api-key', responses: {}, handler: async () => ({ status: 200 }) });
    expect(declare).toThrow('readSecrets has no entry in the policy table');
  });
});

describe('the published policy', () => {
  it('when docs/security.md is read, then its table of who may do what is the policy table in code', () => {
    const page = readFileSync(path.join(__dirname, '..', '..', 'docs', 'security.md'), 'utf8');
    expect(page).toContain(policyTable());
  });
});
