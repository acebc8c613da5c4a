import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWTPayload } from 'jose';
import { createLogger } from '../../platform/logger';
import { examplePartnership, serveApp, startSystem, type TestSystem } from '../support/system';

const issuer = 'https://idp.boras.example';
const audience = 'iop-lifecycle';

// People's bearer tokens, verified against a JWKS that the test serves over HTTP, as an identity
// provider would.
describe("people's tokens", () => {
  let system: TestSystem;
  let jwks: Server;
  let api: Awaited<ReturnType<typeof serveApp>>;
  let signingKey: CryptoKey;
  let strangerKey: CryptoKey;
  const organisationId = crypto.randomUUID();

  beforeAll(async () => {
    system = await startSystem({ worker: false });
    const pair = await generateKeyPair('RS256', { extractable: true });
    signingKey = pair.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    const published = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' }] };
    jwks = await listen(createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(published))));
    api = await serveApp({
      db: system.db,
      temporal: system.temporal,
      taskQueue: system.taskQueue,
      logger: createLogger({ level: 'silent', name: 'tokens' }),
      publicBaseUrl: 'http://127.0.0.1',
      people: {
        jwksUrl: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`,
        issuer,
        audience,
        algorithms: ['RS256'],
        roleClaim: 'roles',
        roleMap: { 'iop-handlaggare': 'CASE_OFFICER', 'iop-foretradare': 'ORGANISATION_REPRESENTATIVE' },
        organisationClaim: 'org',
      },
    });
  });
  afterAll(async () => {
    await api.close();
    jwks.closeAllConnections();
    await new Promise((resolve) => jwks.close(resolve));
    await system.stop();
  });

  const claims = (extra: JWTPayload = {}): JWTPayload => ({ sub: '19121212-1212', roles: ['iop-handlaggare'], ...extra });
  const sign = (payload: JWTPayload, options: { key?: CryptoKey; issuer?: string; audience?: string; expires?: string | number; notBefore?: string | number } = {}) => {
    const jwt = new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'idp-1' }).setIssuer(options.issuer ?? issuer).setAudience(options.audience ?? audience).setIssuedAt();
    jwt.setExpirationTime(options.expires ?? '10m');
    if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
    return jwt.sign(options.key ?? signingKey);
  };
  const call = (method: string, path: string, token: string, body?: unknown) =>
    fetch(api.baseUrl + path, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });

  it("when a case officer's valid token is sent, then the person acts in that role, under a pseudonym in the audit trail", async () => {
    const token = await sign(claims());
    expect((await call('GET', '/api/v1/tasks', token)).status).toBe(200);
    const created = await call('POST', '/api/v1/partnerships', token, examplePartnership);
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    const { id: _sequence, ...audit } = await system.db.auditEvent.findFirstOrThrow({ where: { partnershipId: id } });
    expect(audit).toMatchObject({ actorType: 'PERSON', actorRole: 'CASE_OFFICER', actorId: expect.stringMatching(/^person:[0-9a-f]{32}$/) });
    const record = await system.db.partnership.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify([audit, record])).not.toContain('19121212-1212');
  });

  it('when a token is expired, not yet valid, malformed, wrongly signed, unsigned, symmetric, or for another issuer, audience or role, then it is refused with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const bad: Record<string, string> = {
      expired: await sign(claims(), { expires: now - 3600 }),
      'not yet valid': await sign(claims(), { notBefore: now + 3600 }),
      malformed: 'not.a.jwt',
      'wrongly signed': await sign(claims(), { key: strangerKey }),
      'alg none': new UnsecuredJWT(claims()).setIssuer(issuer).setAudience(audience).setExpirationTime('10m').encode(),
      'HS256 with a shared secret': await new SignJWT(claims())
        .setProtectedHeader({ alg: 'HS256', kid: 'idp-1' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode('a-shared-secret-of-thirty-two-bytes!!')),
      'another issuer': await sign(claims(), { issuer: 'https://idp.evil.example' }),
      'another audience': await sign(claims(), { audience: 'another-app' }),
      'no known role': await sign(claims({ roles: ['iop-superuser'] })),
      'a representative with no organisation': await sign(claims({ roles: ['iop-foretradare'] })),
    };
    for (const [kind, token] of Object.entries(bad)) {
      const response = await call('GET', '/api/v1/tasks', token);
      expect(`${kind}: ${response.status} ${response.headers.get('content-type')}`).toBe(`${kind}: 401 application/problem+json; charset=utf-8`);
    }
  });

  it("when a representative's token names its organisation, then its rights are scoped to that organisation", async () => {
    const token = await sign(claims({ roles: ['iop-foretradare'], org: organisationId }));
    expect((await call('GET', `/api/v1/organisations/${organisationId}`, token)).status).toBe(404);
    expect((await call('GET', `/api/v1/organisations/${crypto.randomUUID()}`, token)).status).toBe(404);
    expect((await call('POST', '/api/v1/partnerships', token, examplePartnership)).status).toBe(403);
  });
});

function listen(server: Server): Promise<Server> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
