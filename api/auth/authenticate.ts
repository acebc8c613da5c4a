import type { Request } from 'express';
import type { Database } from '../../platform/database';
import { problems } from '../http/problem';
import { principalForKey } from './api-keys';
import type { Principal } from './principal';

export const apiKeyHeader = 'x-api-key';

/** An integration sends its API key; a person sends the bearer token of its identity provider. */
export function createAuthenticator(db: Database, people?: (token: string) => Promise<Principal | null>) {
  return async function authenticate(req: Request): Promise<Principal> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (bearer) {
      const person = people ? await people(bearer) : null;
      // One answer for every bad token: expired, wrongly signed, `alg: none`, unknown role…
      if (!person) throw problems.unauthenticated('The bearer token is not valid');
      return person;
    }
    const presented = req.get(apiKeyHeader);
    if (!presented) throw problems.unauthenticated(`Send an API key in the ${apiKeyHeader} header, or a bearer token`);
    const principal = await principalForKey(db, presented.trim());
    // One answer for unknown, malformed and revoked keys: a caller cannot probe which it was.
    if (!principal) throw problems.unauthenticated('The API key is not valid');
    return principal;
  };
}
