import { api, startSystem, type TestSystem } from '../support/system';
import { organisationNumber } from '../support/lifecycle';

describe('the organisation register', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem({ worker: false });
  });
  afterAll(() => system.stop());

  it('when an organisation is registered with a 12-digit number, then it is stored normalised and can be read back', async () => {
    const number = organisationNumber('8');
    const created = await api(system, 'POST', '/api/v1/organisations', {
      key: system.adminKey,
      body: { name: 'Röda Korset Borås', kind: 'IDEBUREN', organisationNumber: `16${number.replace('-', '')}` },
    });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Röda Korset Borås', organisationNumber: number, kind: 'IDEBUREN' });
    const read = await api(system, 'GET', created.headers.get('location')!, { key: system.adminKey });
    expect(read.body).toEqual(created.body);
  });

  it('when the check digit is wrong, then 400 names organisationNumber and nothing is stored', async () => {
    const before = await system.db.organisation.count();
    const valid = organisationNumber('2');
    const wrong = valid.slice(0, -1) + String((Number(valid.at(-1)) + 1) % 10);
    const response = await api(system, 'POST', '/api/v1/organisations', {
      key: system.adminKey,
      body: { name: 'Borås Stad', kind: 'PUBLIC', organisationNumber: wrong },
    });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'organisationNumber', detail: 'the check digit does not match' })]);
    expect(await system.db.organisation.count()).toBe(before);
  });

  it('when the same number is registered twice, then the second gets 409', async () => {
    const body = { name: 'Västra Götalandsregionen', kind: 'PUBLIC', organisationNumber: organisationNumber('2') };
    expect((await api(system, 'POST', '/api/v1/organisations', { key: system.adminKey, body })).status).toBe(201);
    const again = await api(system, 'POST', '/api/v1/organisations', { key: system.adminKey, body });
    expect(again).toMatchObject({ status: 409, body: { type: '/problems/already-registered' } });
  });
});
