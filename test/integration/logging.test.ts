import { organisationNumber } from '../support/lifecycle';
import { api, examplePartnership, startSystem, type TestSystem } from '../support/system';

describe('request logs', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem({ worker: false });
  });
  afterAll(() => system.stop());

  it('when a request is handled, then every line it causes carries its request id, and the id is echoed', async () => {
    const response = await api(system, 'POST', '/api/v1/partnerships', {
      key: system.adminKey,
      body: examplePartnership,
      headers: { 'x-request-id': 'ciceron-4711' },
    });

    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('ciceron-4711');
    const lines = system.logs.lines.filter((line) => JSON.stringify(line).includes('ciceron-4711'));
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['partnership registered', 'request completed']));
    for (const line of lines) expect((line.req as { id?: string } | undefined)?.id ?? line.reqId).toBe('ciceron-4711');
    // The audit row carries the same id.
    expect(await system.db.auditEvent.findFirst({ where: { requestId: 'ciceron-4711' } })).not.toBeNull();
  });

  it('when a request carries an API key and a body with an e-mail address, then neither reaches the logs', async () => {
    await api(system, 'POST', '/api/v1/partnerships', { key: system.adminKey, body: { ...examplePartnership, title: 'x' } });
    await api(system, 'GET', `/api/v1/partnerships/${crypto.randomUUID()}`, { key: system.adminKey });

    const everything = system.logs.raw.join('\n');
    expect(everything).not.toContain(system.adminKey);
    // `iop_` + a 36-character id + `_` come before the secret, which may itself hold `_`.
    expect(everything).not.toContain(system.adminKey.slice(41));
    expect(everything).not.toContain(examplePartnership.coordinator.email);
    expect(everything).toContain('[redacted]');
  });

  it("when a request carries a person's bearer token, or a contact's phone number and address, then none of them reaches the logs", async () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxOTEyMTIxMi0xMjEyIn0.c2lnbmF0dXJl';
    await api(system, 'GET', '/api/v1/tasks', { headers: { authorization: `Bearer ${token}` } });
    const organisation = await api(system, 'POST', '/api/v1/organisations', { key: system.adminKey, body: { name: 'Loggföreningen', kind: 'IDEBUREN', organisationNumber: organisationNumber('8') } });
    const contact = { name: 'Lena Loggsson', email: 'lena.loggsson@forening.example', phone: '+46 70 123 45 67', language: 'sv' };
    // A mistyped field is refused and its problem logged: the values it carried stay out all the same.
    await api(system, 'POST', `/api/v1/organisations/${organisation.body.id}/contacts`, { key: system.adminKey, body: { ...contact, phone: 'not a phone' } });
    expect((await api(system, 'POST', `/api/v1/organisations/${organisation.body.id}/contacts`, { key: system.adminKey, body: contact })).status).toBe(201);

    const everything = system.logs.raw.join('\n');
    for (const secret of [token, 'c2lnbmF0dXJl', contact.email, contact.phone, 'not a phone']) expect(everything).not.toContain(secret);
  });

  it('when a caller sends an unsafe request id, then a fresh one is used instead', async () => {
    const response = await api(system, 'GET', '/healthz', { headers: { 'x-request-id': 'bad id; with <spaces>' } });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
