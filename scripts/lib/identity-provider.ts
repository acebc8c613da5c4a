// The embedded OpenID provider of `npm start` and the tests: oidc-provider (the certified provider
// of the Node.js field) with the demo people of demo-people.ts, so that the workspace can be
// signed in to with no municipality's identity provider at hand. It issues what a real one must:
// the authorization code flow with PKCE, JWT access tokens for the API's audience carrying the
// role and organisation claims the API reads, refresh tokens, and RP-initiated logout.
import { randomBytes } from 'node:crypto';
import express from 'express';
import Provider, { type Configuration, type JWK } from 'oidc-provider';
import { demoPeople, type DemoPerson } from './demo-people';

export interface IdentityProviderOptions {
  issuer: string;
  /** The API's audience (JWT_AUDIENCE): the one resource its access tokens are for. */
  audience: string;
  client: { id: string; secret: string; redirectUri: string; postLogoutRedirectUri: string };
  /** The signing key, kept across restarts so that tokens already out stay valid. */
  signingKey: JWK;
  /** Seconds an access token lives; short, as the workspace refreshes it. */
  accessTokenSeconds?: number;
}

/** The API's default claims (platform/config.ts: JWT_ROLE_CLAIM, JWT_ORGANISATION_CLAIM). */
const roleClaim = 'iop_role';
const organisationClaim = 'iop_organisation_id';
const scopes = 'openid profile offline_access iop';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const personClaims = (person: DemoPerson) => ({ [roleClaim]: person.role, ...(person.organisationId ? { [organisationClaim]: person.organisationId } : {}) });

export function createIdentityProvider(options: IdentityProviderOptions): express.Express {
  const byLogin = new Map(demoPeople.map((p) => [p.login, p]));
  const configuration: Configuration = {
    clients: [
      {
        client_id: options.client.id,
        client_secret: options.client.secret,
        redirect_uris: [options.client.redirectUri],
        post_logout_redirect_uris: [options.client.postLogoutRedirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    // Every client sends a code challenge, confidential ones too.
    pkce: { required: () => true },
    jwks: { keys: [options.signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], profile: ['name'], iop: [roleClaim, organisationClaim] },
    scopes: scopes.split(' '),
    findAccount: (_ctx, sub) => {
      const person = byLogin.get(sub);
      if (!person) return undefined;
      return { accountId: sub, claims: () => ({ sub, name: person.name, ...personClaims(person) }) };
    },
    extraTokenClaims: (_ctx, token) => {
      const person = 'accountId' in token && typeof token.accountId === 'string' ? byLogin.get(token.accountId) : undefined;
      return person ? personClaims(person) : undefined;
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource: (ctx, form) => void (ctx.body = page('Logga ut', `<h1>Logga ut</h1>${form}<p>Vill du logga ut från inloggningstjänsten också?</p><button type="submit" form="op.logoutForm" value="yes" name="logout">Ja, logga ut</button> <button type="submit" form="op.logoutForm">Nej</button>`)) },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => options.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== options.audience) throw new Error('unknown resource');
          return { scope: 'iop', audience: options.audience, accessTokenFormat: 'jwt', accessTokenTTL: options.accessTokenSeconds ?? 600, jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    // The workspace is the municipality's own: a person who signs in is not asked to consent to it.
    loadExistingGrant: async (ctx) => {
      const session = ctx.oidc.session;
      if (!session?.accountId || !ctx.oidc.client) return undefined;
      const existing = session.grantIdFor(ctx.oidc.client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ accountId: session.accountId, clientId: ctx.oidc.client.clientId });
      grant.addOIDCScope(scopes);
      grant.addOIDCClaims(['name', roleClaim, organisationClaim]);
      grant.addResourceScope(options.audience, 'iop');
      await grant.save();
      session.ensureClientContainer(ctx.oidc.client.clientId);
      session.grantIdFor(ctx.oidc.client.clientId, grant.jti);
      return grant;
    },
    // The workspace renews its access tokens: a refresh token without the consent prompt offline_access would need.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: { Session: 8 * 3600, Grant: 8 * 3600, RefreshToken: 8 * 3600, Interaction: 600, AuthorizationCode: 60, IdToken: 3600 },
    renderError: (ctx, out) => void (ctx.body = page('Något gick fel', `<h1>Något gick fel</h1><p>${escape(String(out.error_description ?? out.error))}</p>`)),
  };
  const provider = new Provider(options.issuer, configuration);
  // Behind the API's own origin in a test or on loopback, the issuer's URL is what the browser used.
  provider.proxy = true;

  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.set('Content-Security-Policy', "default-src 'self'; form-action 'self' " + new URL(options.client.redirectUri).origin + "; frame-ancestors 'none'");
    next();
  });
  // Its own sheet, as the CSP allows no inline style: a keyboard's focus must be seen here too (WCAG 2.4.7).
  app.get('/demo-login.css', (_req, res) => void res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(stylesheet));
  app.get('/interaction/:uid', async (req, res, next) => {
    try {
      const { uid, prompt } = await provider.interactionDetails(req, res);
      if (prompt.name !== 'login') return void res.status(400).send(page('Något gick fel', '<h1>Något gick fel</h1><p>Inloggningen kan inte fortsätta.</p>'));
      res.set('Cache-Control', 'no-store').send(loginPage(uid));
    } catch (error) {
      next(error);
    }
  });
  app.post('/interaction/:uid/login', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res, next) => {
    try {
      const login = typeof req.body?.login === 'string' ? req.body.login : '';
      if (!byLogin.has(login)) return void res.status(400).send(page('Okänd person', '<h1>Okänd person</h1><p>Välj en av personerna på inloggningssidan.</p>'));
      await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
    } catch (error) {
      next(error);
    }
  });
  app.use(provider.callback());
  return app;
}

const stylesheet = `body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 2rem auto; max-width: 40rem; padding: 0 1rem; }
ul { list-style: none; padding: 0; }
li { margin: 0.5rem 0; }
button { font: inherit; padding: 0.4rem 0.8rem; }
:focus-visible { outline: 3px solid #1a4d8f; outline-offset: 2px; }
`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} – demoinloggning</title><link rel="stylesheet" href="/demo-login.css"></head><body><main>${body}</main></body></html>`;
}

/** One form per person: a keyboard reaches each button with Tab and signs in with Enter. */
function loginPage(uid: string): string {
  const people = demoPeople
    .map(
      (p) =>
        `<li><form method="post" action="/interaction/${escape(uid)}/login"><input type="hidden" name="login" value="${escape(p.login)}"><button type="submit">Logga in som ${escape(p.name)}</button> <span>${escape(p.title)}</span></form></li>`,
    )
    .join('');
  return page(
    'Logga in',
    `<h1>Logga in i IOP Lifecycle</h1><p>Det här är demoinloggningen som <code>npm start</code> startar. Välj vem du vill vara.</p><ul>${people}</ul>`,
  );
}
