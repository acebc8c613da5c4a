import { revokeApiKey } from '../../api/auth/api-keys';
import { registerOrganisation } from '../support/lifecycle';
import { api, examplePartnership, startSystem, type TestSystem } from '../support/system';

describe('the API contract: authentication, validation and problem details', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system.stop());

  const problemType = 'application/problem+json; charset=utf-8';

  it('when a request carries no API key, then it gets 401 as problem+json and nothing is stored', async () => {
    const before = await system.db.partnership.count();
    const response = await api(system, 'POST', '/api/v1/partnerships', { body: examplePartnership });

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe(problemType);
    expect(response.body).toMatchObject({ type: '/problems/unauthenticated', status: 401, title: 'Authentication required' });
    expect(await system.db.partnership.count()).toBe(before);
  });

  it('when a key has been revoked, then it gets 401 like an unknown one', async () => {
    const { id, key } = await system.newKey('CASE_OFFICER');
    expect((await api(system, 'GET', `/api/v1/partnerships/${crypto.randomUUID()}`, { key })).status).toBe(404);

    await revokeApiKey(system.db, id);
    const revoked = await api(system, 'GET', `/api/v1/partnerships/${crypto.randomUUID()}`, { key });
    const unknown = await api(system, 'GET', `/api/v1/partnerships/${crypto.randomUUID()}`, { key: key.slice(0, -4) + 'AAAA' });

    expect(revoked.status).toBe(401);
    expect(revoked.headers.get('content-type')).toBe(problemType);
    expect(unknown.status).toBe(401);
    expect(revoked.body.detail).toBe(unknown.body.detail);
  });

  it('when a body has bad fields, then 400 problem+json names each offending field and nothing is stored', async () => {
    const before = await system.db.partnership.count();
    const response = await api(system, 'POST', '/api/v1/partnerships', {
      key: system.adminKey,
      body: { title: 'IOP', coordinator: { name: 'Anna', email: 'not-an-address' }, budget: 5 },
    });

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe(problemType);
    expect(response.body.type).toBe('/problems/validation-error');
    expect(response.body.errors).toEqual([
      expect.objectContaining({ in: 'body', field: 'coordinator.email', pointer: '#/coordinator/email' }),
      expect.objectContaining({ in: 'body', field: 'budget', pointer: '#/budget' }),
    ]);
    expect(await system.db.partnership.count()).toBe(before);
  });

  it('when a required field is missing, then the problem names it', async () => {
    const response = await api(system, 'POST', '/api/v1/partnerships', { key: system.adminKey, body: { title: 'Läxhjälp i Gnosjö' } });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'coordinator' })]);
  });

  it('when the body is not JSON, then 400 problem+json says so without echoing parser internals', async () => {
    const response = await api(system, 'POST', '/api/v1/partnerships', { key: system.adminKey, body: '{"title": ' });

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe(problemType);
    expect(response.body).toMatchObject({ type: '/problems/malformed-json', status: 400 });
    expect(JSON.stringify(response.body)).not.toMatch(/Unexpected|position|SyntaxError/);
  });

  it('when a path parameter is not a partnership id, then 400 names the parameter', async () => {
    const response = await api(system, 'GET', '/api/v1/partnerships/KS-2026-123', { key: system.adminKey });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ in: 'path', field: 'id' })]);
  });

  it('when a partnership does not exist, or a route does not, then 404 is problem+json', async () => {
    const missing = await api(system, 'GET', `/api/v1/partnerships/${crypto.randomUUID()}`, { key: system.adminKey });
    const noRoute = await api(system, 'GET', '/api/v1/nothing-here', { key: system.adminKey });

    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe(problemType);
    expect(noRoute.status).toBe(404);
    expect(noRoute.headers.get('content-type')).toBe(problemType);
  });

  it('when a step is sent for a partnership that does not exist, then 404, whoever sends it, and no text is stored', async () => {
    const missing = crypto.randomUUID();
    const organisationId = await registerOrganisation(system, 'IDEBUREN');
    const representative = (await system.newKey('ORGANISATION_REPRESENTATIVE', organisationId)).key;
    const text = `Ett utkast till en partnerskap som inte finns ${missing}.`;
    const documents = await system.db.document.count();

    const plain = await api(system, 'POST', `/api/v1/partnerships/${missing}/actions/complete-initiation`, { key: system.adminKey, body: {} });
    const withText = await api(system, 'POST', `/api/v1/partnerships/${missing}/actions/describe-challenge`, { key: system.adminKey, body: { challenge: text } });
    const withReference = await api(system, 'POST', `/api/v1/partnerships/${missing}/actions/add-party`, { key: system.adminKey, body: { organisationId, kind: 'IDEBUREN' } });
    const asRepresentative = await api(system, 'POST', `/api/v1/partnerships/${missing}/actions/record-contribution`, {
      key: representative,
      body: { partyId: crypto.randomUUID(), kind: 'MONEY', description: text, valueSek: 1000 },
    });

    for (const response of [plain, withText, withReference, asRepresentative]) {
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe(problemType);
    }
    expect(await system.db.document.count()).toBe(documents);
  });

  it('when the database fails inside a request, then the client gets a bare 500 with no SQL or stack', async () => {
    await system.db.$executeRawUnsafe('ALTER TABLE "Partnership" RENAME COLUMN "title" TO "title_hidden"');
    try {
      const response = await api(system, 'POST', '/api/v1/partnerships', { key: system.adminKey, body: examplePartnership });
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).toBe(problemType);
      expect(Object.keys(response.body).sort()).toEqual(['instance', 'requestId', 'status', 'title', 'type']);
      expect(JSON.stringify(response.body)).not.toMatch(/title_hidden|Partnership"|column|prisma|at /i);
    } finally {
      await system.db.$executeRawUnsafe('ALTER TABLE "Partnership" RENAME COLUMN "title_hidden" TO "title"');
    }
  });

  it('when the OpenAPI document is fetched without a key, then it describes every route from the zod schemas', async () => {
    const response = await api(system, 'GET', '/api/v1/openapi.json');

    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/partnerships', '/api/v1/partnerships/{id}', '/healthz', '/readyz']),
    );
    const create = response.body.paths['/api/v1/partnerships'].post;
    expect(create.security).toEqual([{ ApiKey: [] }, { Person: [] }]);
    expect(create.responses['400'].content['application/problem+json']).toBeDefined();
    const schema = response.body.components.schemas.CreatePartnershipRequest;
    expect(schema.required).toEqual(expect.arrayContaining(['title', 'coordinator']));
    expect(schema.additionalProperties).toBe(false);
    expect(response.body.components.securitySchemes.ApiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
  });

  it('when /docs is opened, then the interactive documentation loads the OpenAPI document', async () => {
    const response = await fetch(`${system.baseUrl}/docs/`);
    const init = await fetch(`${system.baseUrl}/docs/swagger-ui-init.js`);

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger-ui');
    expect(await init.text()).toContain('/api/v1/openapi.json');
  });
});
