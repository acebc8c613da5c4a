// Signing in to the workspace at the embedded OpenID provider, over HTTP as a browser does it: the
// authorization code flow with PKCE, a server-side session in an httpOnly cookie, CSRF tokens on
// every change, sign-out, the idle deadline and the access token's renewal.
import { demoOrganisations } from '../../scripts/lib/demo-people';
import { CookieClient, signInOverHttp } from '../support/cookie-client';
import { examplePartnership, startSystem, type TestSystem } from '../support/system';

let system: TestSystem;
beforeAll(async () => {
  system = await startSystem({ worker: false, signIn: {} });
}, 60_000);
afterAll(() => system.stop());

const host = () => new URL(system.baseUrl).host;

const signIn = (login: string, returnTo = '/arbetslista') => signInOverHttp(system.baseUrl, login, returnTo);

async function session(client: CookieClient) {
  const response = await client.request(`${system.baseUrl}/auth/session`);
  return { status: response.status, body: (await response.json()) as Record<string, string>, setCookie: response.headers.getSetCookie() };
}

describe('signing in to the workspace', () => {
  it('when a case officer signs in at the provider, then the workspace returns to the page asked for, with a session that names the person and holds no token', async () => {
    const { client, landedOn } = await signIn('handlaggare', '/partnerskap?fas=INITIATION');
    expect(landedOn).toBe(`${system.baseUrl}/partnerskap?fas=INITIATION`);
    const current = await session(client);
    expect(current.status).toBe(200);
    expect(Object.keys(current.body).sort()).toEqual(['csrfToken', 'expiresAt', 'name', 'organisationId', 'role']);
    expect(current.body).toMatchObject({ name: 'Hanna Handläggare', role: 'CASE_OFFICER', organisationId: null });
    // The cookie is the session's id only, out of the page's JavaScript's reach.
    const cookie = current.setCookie.find((c) => c.startsWith('iop_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const stored = await system.db.workspaceSession.findMany();
    expect(JSON.stringify(stored)).not.toContain(client.cookie(host(), 'iop_session'));
  });

  it('when a signed-in person calls the API with the cookie, then it is that person; a change without the CSRF token is refused and changes nothing', async () => {
    const { client } = await signIn('handlaggare');
    const { csrfToken } = (await session(client)).body;
    expect((await client.request(`${system.baseUrl}/api/v1/partnerships`)).status).toBe(200);

    const before = await system.db.partnership.count();
    const body = JSON.stringify(examplePartnership);
    const refused = await client.request(`${system.baseUrl}/api/v1/partnerships`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ reason: 'CSRF_TOKEN_INVALID' });
    const forged = await client.request(`${system.baseUrl}/api/v1/partnerships`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-csrf-token': 'forged' } });
    expect(forged.status).toBe(403);
    expect(await system.db.partnership.count()).toBe(before);

    const created = await client.request(`${system.baseUrl}/api/v1/partnerships`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken! } });
    expect([201, 202]).toContain(created.status);
  });

  it("when a representative signs in, then its session carries its organisation, and the API answers it as that organisation's representative", async () => {
    const { client } = await signIn('foretradare-1');
    const current = await session(client);
    expect(current.body).toMatchObject({ role: 'ORGANISATION_REPRESENTATIVE', organisationId: demoOrganisations.find((o) => o.kind === 'IDEBUREN')!.id });
    // Administrators' operations stay closed to it.
    expect((await client.request(`${system.baseUrl}/api/v1/api-keys`)).status).toBe(403);
  });

  it('when a person signs out, then the session is gone, its cookie is worth nothing, and the provider is told; without the CSRF token, no one is signed out', async () => {
    const { client } = await signIn('jurist');
    const { csrfToken } = (await session(client)).body;
    const cookie = client.cookie(host(), 'iop_session')!;

    expect((await client.request(`${system.baseUrl}/auth/sign-out`, { method: 'POST' })).status).toBe(403);
    expect((await session(client)).status).toBe(200);

    const out = await client.request(`${system.baseUrl}/auth/sign-out`, { method: 'POST', headers: { 'x-csrf-token': csrfToken!, accept: 'application/json' } });
    expect(out.status).toBe(200);
    expect(((await out.json()) as { signOutUrl: string }).signOutUrl).toMatch(/\/session\/end\?/);
    expect((await session(client)).status).toBe(401);
    const replayed = await fetch(`${system.baseUrl}/api/v1/partnerships`, { headers: { cookie: `iop_session=${cookie}` } });
    expect(replayed.status).toBe(401);
  });

  it('when a session has been idle past its deadline, then it has ended', async () => {
    const { client } = await signIn('revisor');
    expect((await session(client)).status).toBe(200);
    await system.db.workspaceSession.updateMany({ data: { expiresAt: new Date(Date.now() - 1_000) } });
    expect((await session(client)).status).toBe(401);
    expect((await client.request(`${system.baseUrl}/api/v1/partnerships`)).status).toBe(401);
  });

  it('when the access token has run out, then the session renews it with the refresh token and the person stays signed in', async () => {
    const { client } = await signIn('handlaggare');
    const id = decodeURIComponent(client.cookie(host(), 'iop_session')!).replace(/^s:/, '').split('.')[0]!;
    const row = await system.db.workspaceSession.findUniqueOrThrow({ where: { id } });
    const data = row.data as { tokens: { accessToken: string; accessTokenExpiresAt: number } };
    await system.db.workspaceSession.update({ where: { id }, data: { data: { ...data, tokens: { ...data.tokens, accessTokenExpiresAt: Date.now() - 1_000 } } } });

    const answered = await client.request(`${system.baseUrl}/api/v1/partnerships`);
    expect(answered.status).toBe(200);
    // The response ends once the session is saved: read to its end.
    await answered.text();
    const renewed = (await system.db.workspaceSession.findUniqueOrThrow({ where: { id } })).data as typeof data;
    expect(renewed.tokens.accessToken).not.toBe(data.tokens.accessToken);
    expect(renewed.tokens.accessTokenExpiresAt).toBeGreaterThan(Date.now());
  });

  it('when the callback does not match the sign-in it answers (a forged state), then no session is made', async () => {
    const client = new CookieClient();
    const begun = await client.request(`${system.baseUrl}/auth/sign-in`);
    expect(begun.status).toBe(303);
    const forged = await client.request(`${system.baseUrl}/auth/callback?code=stolen&state=forged&iss=${encodeURIComponent(new URL(begun.headers.get('location')!).origin)}`);
    expect(forged.status).toBe(400);
    expect(forged.headers.get('content-type')).toContain('text/html');
    expect((await session(client)).status).toBe(401);
  });

  it('when a sign-in is asked to return to another site, then it returns to the workspace instead', async () => {
    const { landedOn } = await signIn('handlaggare', '//evil.example/phish');
    expect(landedOn).toBe(`${system.baseUrl}/`);
  });
});
