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

  it('when the same number is registered twice, then the second gets 409 with the Location of the one registered, also when it is sent again with its key', async () => {
    const body = { name: 'Västra Götalandsregionen', kind: 'PUBLIC', organisationNumber: organisationNumber('2') };
    const first = await api(system, 'POST', '/api/v1/organisations', { key: system.adminKey, body });
    expect(first.status).toBe(201);
    const keyed = { key: system.adminKey, body: { ...body, name: 'VGR' }, headers: { 'Idempotency-Key': `dup-${body.organisationNumber}` } };
    const again = await api(system, 'POST', '/api/v1/organisations', keyed);
    expect(again).toMatchObject({ status: 409, body: { type: '/problems/already-registered' } });
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    const replayed = await api(system, 'POST', '/api/v1/organisations', keyed);
    expect(replayed.status).toBe(409);
    expect(replayed.headers.get('location')).toBe(first.headers.get('location'));
  });

  it('when organisations are looked for by number (in any accepted form) or by a part of the name, then those are found, by name, and with neither, all are', async () => {
    const number = organisationNumber('8');
    const suffix = number.replace('-', '');
    const created = await api(system, 'POST', '/api/v1/organisations', { key: system.adminKey, body: { name: `Stadsmissionen ${suffix}`, kind: 'IDEBUREN', organisationNumber: number } });
    expect(created.status).toBe(201);
    const byNumber = await api(system, 'GET', `/api/v1/organisations?organisationNumber=16${suffix}`, { key: system.adminKey });
    expect(byNumber.body.organisations).toEqual([created.body]);
    const byName = await api(system, 'GET', `/api/v1/organisations?name=${encodeURIComponent(`STADSMISSIONEN ${suffix}`)}`, { key: system.adminKey });
    expect(byName.body.organisations).toEqual([created.body]);
    // With neither, the register page by page: no rule beyond what the published parameters state.
    const neither = await api(system, 'GET', '/api/v1/organisations?limit=100', { key: system.adminKey });
    expect(neither.status).toBe(200);
    expect(neither.body.organisations.length).toBeGreaterThan(0);
    const representative = await system.newKey('ORGANISATION_REPRESENTATIVE', created.body.id);
    expect((await api(system, 'GET', `/api/v1/organisations?name=Stad`, { key: representative.key })).status).toBe(403);
  });
});
