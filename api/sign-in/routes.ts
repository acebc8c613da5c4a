// Signing in and out of the workspace. These are the browser's own routes, not the API's: they
// answer with redirects and the session, and never hand a token to the page.
import express, { type Request, type Response, type Router } from 'express';
import { escapeHtml } from '../../platform/html';
import type { Logger } from '../../platform/logger';
import type { Principal } from '../auth/principal';
import type { RelyingParty } from './relying-party';
import { sessionCookieName, type WorkspaceSessions } from './workspace-session';

/** A path of the workspace's own: never another site (an open redirect), never the sign-in itself. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !/^\/(?![/\\])[\x21-\x7e]*$/.test(value) || value.startsWith('/auth/') || value.length > 2_000) return '/';
  return value;
}

/** A page for a sign-in that cannot go on: in Swedish, with the way back. */
function failurePage(res: Response, status: number, message: string): void {
  res
    .status(status)
    .type('html')
    .set('Cache-Control', 'no-store')
    .send(
      `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Inloggningen misslyckades – IOP Lifecycle</title></head><body><main><h1>Inloggningen misslyckades</h1><p>${escapeHtml(message)}</p><p><a href="/auth/sign-in">Försök logga in igen</a></p></main></body></html>`,
    );
}

/** What the page is told of its session: who, in what role, and the CSRF token for its changes. */
export interface SessionDescription {
  name: string;
  role: Principal['role'];
  organisationId: string | null;
  csrfToken: string;
  expiresAt: string;
}

export function sessionDescriber(sessions: WorkspaceSessions, currentPrincipal: (req: Request) => Promise<Principal | null>) {
  return async (req: Request): Promise<SessionDescription | null> => {
    const principal = await currentPrincipal(req);
    if (!principal || !req.session?.person) return null;
    return {
      name: req.session.person.name,
      role: principal.role,
      organisationId: principal.organisationId,
      csrfToken: sessions.csrf.generateToken(req),
      expiresAt: new Date(Math.min((req.session.signedInAt ?? 0) + sessions.maxAgeMs, Date.now() + (req.session.cookie.maxAge ?? 0))).toISOString(),
    };
  };
}

export function signInRoutes(deps: {
  relyingParty: RelyingParty;
  sessions: WorkspaceSessions;
  publicBaseUrl: string;
  verify: (token: string) => Promise<Principal | null>;
  describeSession: (req: Request) => Promise<SessionDescription | null>;
  logger: Logger;
}): Router {
  const router = express.Router();
  const { relyingParty, sessions } = deps;
  const save = (req: Request) => new Promise<void>((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())));
  const regenerate = (req: Request) => new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));

  router.get('/sign-in', async (req, res) => {
    try {
      const { url, pending } = await relyingParty.begin(safeReturnPath(req.query.returnTo));
      req.session.pendingSignIn = pending;
      await save(req);
      res.set('Cache-Control', 'no-store').redirect(303, url);
    } catch (error) {
      deps.logger.warn({ err: error }, 'sign-in could not begin');
      failurePage(res, 503, 'Inloggningstjänsten svarar inte just nu. Försök igen om en stund.');
    }
  });

  router.get('/callback', async (req, res) => {
    const pending = req.session.pendingSignIn;
    if (!pending) return failurePage(res, 400, 'Inloggningen hade gått ut eller startades i en annan flik.');
    let completed;
    try {
      completed = await relyingParty.complete(new URL(req.originalUrl, deps.publicBaseUrl), pending);
    } catch (error) {
      deps.logger.warn({ err: error }, 'sign-in callback refused');
      delete req.session.pendingSignIn;
      return failurePage(res, 400, 'Inloggningen kunde inte bekräftas.');
    }
    // The same checks as any bearer token: a person with no role in the product gets no session.
    if (!(await deps.verify(completed.tokens.accessToken))) {
      delete req.session.pendingSignIn;
      return failurePage(res, 403, 'Ditt konto har ingen roll i IOP Lifecycle. Be en administratör om behörighet.');
    }
    // A new session id at sign-in: one planted in the browser beforehand is worth nothing.
    await regenerate(req);
    req.session.person = { name: completed.name };
    req.session.tokens = completed.tokens;
    req.session.signedInAt = Date.now();
    await save(req);
    res.set('Cache-Control', 'no-store').redirect(303, pending.returnTo);
  });

  // A change like any other: it must carry the session's CSRF token, so that no other site can sign a person out.
  router.post('/sign-out', express.urlencoded({ extended: false, limit: '4kb' }), sessions.csrf.csrfSynchronisedProtection, async (req, res) => {
    const signOutUrl = await relyingParty.signOutUrl(req.session.tokens?.idToken ?? null);
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie(sessionCookieName, { path: '/' });
    res.set('Cache-Control', 'no-store');
    if (req.accepts(['json', 'html']) === 'json') return void res.json({ signOutUrl: signOutUrl ?? '/' });
    res.redirect(303, signOutUrl ?? '/');
  });

  /** Who is signed in, and the token the page sends with every change; 401 when no one is. */
  router.get('/session', async (req, res, next) => {
    try {
      const session = await deps.describeSession(req);
      res.set('Cache-Control', 'no-store');
      if (!session) return void res.status(401).type('application/problem+json').json({ type: '/problems/unauthenticated', title: 'Authentication required', status: 401, detail: 'No one is signed in' });
      res.json(session);
    } catch (error) {
      next(error);
    }
  });

  return router;
}
