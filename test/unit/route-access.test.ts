import { Client, Connection } from '@temporalio/client';
import { apiBasePath, createApp } from '../../api/app';
import { createDatabase } from '../../platform/database';
import { createLogger } from '../../platform/logger';

describe('the route table', () => {
  it('when the app is built, then every /api/v1 route requires an API key and only health checks are public', async () => {
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
    for (const route of declared.filter((r) => r.path.startsWith(apiBasePath))) expect(route).toMatchObject({ access: 'api-key' });
    expect(declared.filter((r) => r.access === 'public').map((r) => r.path).sort()).toEqual(['/healthz', '/readyz']);
    await db.$disconnect();
  });
});
