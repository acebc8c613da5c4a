import type { Request } from 'express';
import type { Database } from '../../platform/database';
import { problems } from '../http/problem';
import { principalForKey } from './api-keys';
import type { Principal } from './principal';

export const apiKeyHeader = 'x-api-key';

/** A person signed in to the workspace: the session's principal, and whether a change carries its CSRF token. */
export interface SessionAuthentication {
  principal: (req: Request) => Promise<Principal | null>;
  csrfValid: (req: Request) => boolean;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * An integration sends its API key; a person sends the bearer token of its identity provider, or,
 * in the workspace, the session cookie, whose token stays on the server.
 */
export function createAuthenticator(db: Database, people?: (token: string) => Promise<Principal | null>, session?: SessionAuthentication) {
  return async function authenticate(req: Request): Promise<Principal> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (bearer) {
      const person = people ? await people(bearer) : null;
      // One answer for every bad token: expired, wrongly signed, `alg: none`, unknown role…
      if (!person) throw problems.unauthenticated('The bearer token is not valid');
      return person;
    }
    const presented = req.get(apiKeyHeader);
    if (!presented) {
      const person = session ? await session.principal(req) : null;
      if (!person) throw problems.unauthenticated(`Send an API key in the ${apiKeyHeader} header, or a bearer token`);
      // A cookie goes with every request the browser makes, whichever site asked for it.
      if (!safeMethods.has(req.method) && !session!.csrfValid(req)) throw problems.forbidden('A change sent with the session cookie must carry its X-CSRF-Token', 'CSRF_TOKEN_INVALID');
      return person;
    }
    const principal = await principalForKey(db, presented.trim());
    // One answer for unknown, malformed and revoked keys: a caller cannot probe which it was.
    if (!principal) throw problems.unauthenticated('The API key is not valid');
    return principal;
  };
}
