import { PartnershipDriver, registerOrganisation } from '../support/lifecycle';
import { api, examplePartnership, startSystem, type TestSystem } from '../support/system';

describe('a request sent with an Idempotency-Key has one effect and one answer', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system.stop());

  const register = (key: string, body: unknown = examplePartnership) =>
    api(system, 'POST', '/api/v1/partnerships', { key: system.adminKey, body, headers: { 'idempotency-key': key } });

  it('when 50 clients register with one key at once, then one partnership is created and all 50 get the same answer', async () => {
    const key = `ciceron-${crypto.randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 50 }, () => register(key)));

    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(new Set(answers.map((a) => a.headers.get('location'))).size).toBe(1);
    const [id] = [...ids];
    expect(await system.db.auditEvent.count({ where: { partnershipId: id, action: 'partnership.registered' } })).toBe(1);
    expect(await system.db.partnership.count({ where: { id } })).toBe(1);
  }, 120_000);

  it('when a registration is retried three times with its key, then there is one partnership and every retry is told it is a replay', async () => {
    const key = `retry-${crypto.randomUUID()}`;
    const first = await register(key);
    const retries = [await register(key), await register(key), await register(key)];

    expect(retries.map((r) => [r.status, r.body.id, r.headers.get('idempotent-replayed')])).toEqual(Array(3).fill([201, first.body.id, 'true']));
    expect(await system.db.partnership.count({ where: { title: examplePartnership.title, id: first.body.id } })).toBe(1);
  });

  it('when a key is sent again with another body, then 422 problem+json says so and nothing more is created', async () => {
    const key = `reuse-${crypto.randomUUID()}`;
    const first = await register(key);
    const before = await system.db.partnership.count();

    const other = await register(key, { ...examplePartnership, title: 'Ett annat partnerskap' });

    expect(first.status).toBe(201);
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(other.body).toMatchObject({ type: '/problems/idempotency-key-reused', reason: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await system.db.partnership.count()).toBe(before);
  });

  it('when a step is retried with its key, then it is taken once; the same key on another step is refused with 422', async () => {
    const driver = await PartnershipDriver.register(system);
    const body = { organisationId: await registerOrganisation(system, 'IDEBUREN'), kind: 'IDEBUREN' };
    const key = { 'idempotency-key': `step-${crypto.randomUUID()}` };
    const answers = await Promise.all(Array.from({ length: 10 }, () => driver.attempt('add-party', body, key)));
    const reused = await driver.attempt('describe-challenge', { challenge: 'Något annat' }, key);

    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect((await driver.state()).parties).toHaveLength(1);
    expect(new Set(answers.map((a) => JSON.stringify(a.body.parties))).size).toBe(1);
    expect(reused.status).toBe(422);
    expect(await system.db.auditEvent.count({ where: { partnershipId: driver.id, action: 'partnership.addParty' } })).toBe(1);
  });

  it('when a refused step is retried with its key, then the same refusal is answered again', async () => {
    const driver = await PartnershipDriver.register(system);
    const key = { 'idempotency-key': `refused-${crypto.randomUUID()}` };
    const first = await driver.attempt('complete-initiation', {}, key);
    const again = await driver.attempt('complete-initiation', {}, key);

    expect([first.status, first.body.reason]).toEqual([409, 'PARTIES_MISSING']);
    expect([again.status, again.body.reason]).toEqual([409, 'PARTIES_MISSING']);
  });

  it.each([
    ['5,000 characters', 'k'.repeat(5_000)],
    ['a character beyond ASCII', 'nyckel-\u00e5'],
    ['an empty value', ''],
  ])('when the Idempotency-Key is %s, then 400 names the header and nothing is created', async (_what, key) => {
    const before = await system.db.partnership.count();
    const response = await register(key);

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ errors: [expect.objectContaining({ in: 'header', field: 'Idempotency-Key' })] });
    expect(await system.db.partnership.count()).toBe(before);
  });
});
