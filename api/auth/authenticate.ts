import type { Request } from 'express';
import type { Database } from '../../platform/database';
import { problems } from '../http/problem';
import { principalForKey } from './api-keys';
import type { Principal } from './principal';

export const apiKeyHeader = 'x-api-key';

export function createAuthenticator(db: Database) {
  return async function authenticate(req: Request): Promise<Principal> {
    const presented = req.get(apiKeyHeader);
    if (!presented) throw problems.unauthenticated(`Send an API key in the ${apiKeyHeader} header`);
    const principal = await principalForKey(db, presented.trim());
    // One answer for unknown, malformed and revoked keys: a caller cannot probe which it was.
    if (!principal) throw problems.unauthenticated('The API key is not valid');
    return principal;
  };
}
