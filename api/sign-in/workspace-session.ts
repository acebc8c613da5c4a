// A person's session in the workspace: an httpOnly cookie holding only the session's id, the
// tokens on the server (session-store.ts), the access token renewed with the refresh token before
// it runs out, and a synchroniser token (csrf-sync) that every change sent with the cookie must carry.
import { csrfSync } from 'csrf-sync';
import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import * as oidc from 'openid-client';
import { problems } from '../http/problem';
import type { Database } from '../../platform/database';
import type { Principal } from '../auth/principal';
import type { PendingSignIn, RelyingParty, SessionTokens } from './relying-party';
import { DatabaseSessionStore } from './session-store';

declare module 'express-session' {
  interface SessionData {
    pendingSignIn?: PendingSignIn;
    /** Who signed in, as the workspace shows it; the API reads the role from the access token itself. */
    person?: { name: string };
    tokens?: SessionTokens;
    signedInAt?: number;
  }
}

export interface SessionSettings {
  secret: string;
  idleMinutes: number;
  maxHours: number;
  /** Over https the cookie is Secure; on http://127.0.0.1 (npm start) it cannot be. */
  secure: boolean;
}

export const sessionCookieName = 'iop_session';
export const csrfHeader = 'x-csrf-token';

export function workspaceSessions(db: Database, settings: SessionSettings) {
  const idleMs = settings.idleMinutes * 60_000;
  const middleware: RequestHandler = session({
    name: sessionCookieName,
    store: new DatabaseSessionStore(db, idleMs),
    secret: settings.secret,
    resave: false,
    saveUninitialized: false,
    // Each use renews the idle deadline; an idle session's row and cookie expire together.
    rolling: true,
    // Lax, not Strict: the identity provider's redirect back is a navigation from its site, and must carry the cookie.
    cookie: { httpOnly: true, sameSite: 'lax', secure: settings.secure, maxAge: idleMs, path: '/' },
  });
  const csrf = csrfSync({ getTokenFromRequest: (req) => req.get(csrfHeader) ?? (typeof req.body?._csrf === 'string' ? req.body._csrf : undefined) });
  return { middleware, csrf, maxAgeMs: settings.maxHours * 3_600_000 };
}

export type WorkspaceSessions = ReturnType<typeof workspaceSessions>;

/**
 * The principal of a request signed in through the workspace, or null when it carries no live
 * session: the access token is verified as any bearer token is, so a person has the same rights in
 * the page as over the API. An expired one is renewed first, once for all requests racing for it.
 */
export function sessionPrincipal(sessions: WorkspaceSessions, relyingParty: RelyingParty, verify: (token: string) => Promise<Principal | null>) {
  const renewing = new Map<string, Promise<SessionTokens>>();
  return async (req: Request): Promise<Principal | null> => {
    const current = req.session;
    if (!current?.tokens || !current.signedInAt) return null;
    if (Date.now() - current.signedInAt > sessions.maxAgeMs) {
      await new Promise<void>((resolve) => current.destroy(() => resolve()));
      return null;
    }
    let tokens = current.tokens;
    if (tokens.accessTokenExpiresAt - 30_000 < Date.now()) {
      let renewal = renewing.get(current.id);
      if (!renewal) {
        renewal = relyingParty.refresh(tokens).finally(() => renewing.delete(current.id));
        renewing.set(current.id, renewal);
      }
      try {
        tokens = await renewal;
      } catch (error) {
        // The provider refused the refresh token (revoked, expired): the person signs in again.
        // One it could not be asked right now ends no session.
        if (error instanceof oidc.ResponseBodyError) return null;
        throw problems.unavailable('The identity provider did not answer; try again shortly');
      }
      current.tokens = tokens;
    }
    return verify(tokens.accessToken);
  };
}
