import { createHash } from 'node:crypto';
import { registerOrganisation } from '../support/lifecycle';
import { api, startSystem, type TestSystem } from '../support/system';

// The life of an API key over HTTP: issued, listed, used, rotated with a grace period, revoked.
describe('API keys over HTTP', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem({ worker: false });
  });
  afterAll(() => system.stop());

  const call = (method: string, path: string, body?: unknown, key = system.adminKey) => api(system, method, `/api/v1${path}`, { key, body });
  const worksAs = async (key: string) => (await call('GET', '/tasks?limit=1', undefined, key)).status;

  it('when an administrator issues, lists, rotates and revokes a key, then its secret is shown once and each change holds at once', async () => {
    const issued = await call('POST', '/api-keys', { label: 'Ciceron, Borås stad', role: 'CASE_OFFICER' });
    expect(issued.status).toBe(201);
    expect(issued.headers.get('location')).toBe(`/api/v1/api-keys/${issued.body.id}`);
    const secret: string = issued.body.key;
    expect(secret).toMatch(/^iop_[0-9a-f-]{36}_[A-Za-z0-9_-]{43}$/);
    expect(await worksAs(secret)).toBe(200);
    // Only the hash is kept, and no later answer carries the secret.
    const row = await system.db.apiKey.findUniqueOrThrow({ where: { id: issued.body.id } });
    expect(row.secretHash).toBe(createHash('sha256').update(secret.slice(41)).digest('hex'));
    const listed = await call('GET', '/api-keys');
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(41));
    expect(listed.body.keys.find((k: any) => k.id === issued.body.id)).toMatchObject({ label: 'Ciceron, Borås stad', role: 'CASE_OFFICER', revokedAt: null });
    expect((await call('GET', `/api-keys/${issued.body.id}`)).body).not.toHaveProperty('key');

    const rotated = await call('POST', `/api-keys/${issued.body.id}/rotation`, { graceHours: 1 });
    expect(rotated.status).toBe(201);
    expect(await worksAs(rotated.body.key)).toBe(200);
    expect(await worksAs(secret)).toBe(200);
    const old = (await call('GET', `/api-keys/${issued.body.id}`)).body;
    expect(Date.parse(old.expiresAt) - Date.now()).toBeLessThanOrEqual(3_600_000);

    expect((await call('DELETE', `/api-keys/${issued.body.id}`)).status).toBe(204);
    expect(await worksAs(secret)).toBe(401);
    expect((await call('DELETE', `/api-keys/${issued.body.id}`)).status).toBe(204);
    expect((await call('GET', '/api-keys?revoked=true')).body.keys.map((k: any) => k.id)).toContain(issued.body.id);
    expect((await call('DELETE', `/api-keys/${crypto.randomUUID()}`)).status).toBe(404);
    const actions = await system.db.auditEvent.findMany({ where: { action: { startsWith: 'apiKey.' }, details: { path: ['apiKeyId'], equals: issued.body.id } } });
    expect(actions.map((a) => a.action).sort()).toEqual(['apiKey.created', 'apiKey.revoked', 'apiKey.rotated']);
  });

  it('when a representative key is asked for, then it must name a registered organisation; other roles name none', async () => {
    const before = await system.db.apiKey.count();
    for (const body of [
      { label: 'Föreningen', role: 'ORGANISATION_REPRESENTATIVE' },
      { label: 'Handläggare', role: 'CASE_OFFICER', organisationId: await registerOrganisation(system, 'PUBLIC') },
      { label: 'Gammal', role: 'AUDITOR', expiresAt: '2020-01-01T00:00:00Z' },
      { label: '', role: 'AUDITOR' },
      { label: 'x', role: 'MAYOR' },
    ]) {
      const refused = await call('POST', '/api-keys', body);
      expect([JSON.stringify(body), refused.status]).toEqual([JSON.stringify(body), 400]);
    }
    const unregistered = await call('POST', '/api-keys', { label: 'Föreningen', role: 'ORGANISATION_REPRESENTATIVE', organisationId: crypto.randomUUID() });
    expect(unregistered).toMatchObject({ status: 404, body: { type: '/problems/reference-not-found', errors: [expect.objectContaining({ field: 'organisationId' })] } });
    expect(await system.db.apiKey.count()).toBe(before);
    const organisationId = await registerOrganisation(system, 'IDEBUREN');
    const representative = await call('POST', '/api-keys', { label: 'Föreningen', role: 'ORGANISATION_REPRESENTATIVE', organisationId });
    expect(representative).toMatchObject({ status: 201, body: { organisationId } });
  });

  it('when anyone but an administrator manages keys, then it is refused and nothing is issued', async () => {
    const officer = (await system.newKey('CASE_OFFICER')).key;
    const before = await system.db.apiKey.count();
    expect((await call('POST', '/api-keys', { label: 'Egen nyckel', role: 'ADMINISTRATOR' }, officer)).status).toBe(403);
    expect((await call('GET', '/api-keys', undefined, officer)).status).toBe(403);
    expect(await system.db.apiKey.count()).toBe(before);
  });
});
