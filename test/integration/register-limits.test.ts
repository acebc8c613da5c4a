import { api, startSystem, type TestSystem } from '../support/system';

// The register's limits are its own: an integration that exhausts the API's limit can still read
// the register, and a crawler that exhausts the register's is still let into the API.
describe('the public register’s rate limit', () => {
  let system: TestSystem;
  const unknownEntry = () => `${system.baseUrl}/register/data/partnerships/${crypto.randomUUID()}`;

  beforeAll(async () => {
    // Counters of its own, so that no other suite's requests from 127.0.0.1 count here.
    system = await startSystem({ worker: false, registerRateLimitPerMinute: 5, rateLimitPerMinute: 5, rateLimitScope: `register-limits-${crypto.randomUUID()}` });
  });
  afterAll(() => system.stop());

  it('when a key exhausts the API’s limit, then the register still answers the same address', async () => {
    const key = (await system.newKey('AUDITOR')).key;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await api(system, 'GET', '/api/v1/organisations', { key })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await fetch(unknownEntry())).status).toBe(404);
  });

  it('when one address reads the register more often than its limit, then it is answered 429 as a problem, and the API still answers it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(unknownEntry())).status);
    // One was read in the test before: the fifth of this test is the sixth of the minute.
    expect(statuses).toEqual([404, 404, 404, 404, 429]);
    const refused = await api(system, 'GET', '/register/data/feed.atom');
    expect(refused).toMatchObject({ status: 429, body: { type: '/problems/too-many-requests' } });
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await api(system, 'GET', '/api/v1/organisations', { key: (await system.newKey('AUDITOR')).key })).status).toBe(200);
  });
});
