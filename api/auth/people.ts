// People sign in at their municipality's or region's identity provider, which issues the bearer
// JWTs; this verifies them against its JWKS with the issuer, the audience and the algorithms pinned.
import { createHash } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import { roles } from '../../domain/policy';
import type { Principal, Role } from './principal';

export interface PeopleSettings {
  jwksUrl: string;
  issuer: string;
  audience: string;
  algorithms: string[];
  roleClaim: string;
  /** The identity provider's role values, mapped to ours; unset, the values are our role names. */
  roleMap?: Record<string, Role>;
  organisationClaim: string;
}

const organisationId = z.uuid();

/** The principal a bearer token stands for, or null for any token that is not valid, for any reason. */
export function createPersonVerifier(settings: PeopleSettings): (token: string) => Promise<Principal | null> {
  const keys = createRemoteJWKSet(new URL(settings.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
  return async (token) => {
    let payload: JWTPayload;
    try {
      // jose refuses `alg: none`, symmetric algorithms against these keys, expired and not-yet-valid tokens.
      ({ payload } = await jwtVerify(token, keys, {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: settings.algorithms,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: 30,
      }));
    } catch {
      return null;
    }
    const role = roleOf(payload[settings.roleClaim], settings.roleMap);
    if (!role) return null;
    const organisation = organisationId.safeParse(payload[settings.organisationClaim]);
    if (role === 'ORGANISATION_REPRESENTATIVE' && !organisation.success) return null;
    return {
      type: 'PERSON',
      // A pseudonym: a `sub` may be a personal identity number, and this id reaches the audit trail
      // and the workflow histories.
      keyId: `person:${createHash('sha256').update(`${payload.iss}\n${payload.sub}`).digest('hex').slice(0, 32)}`,
      role,
      organisationId: role === 'ORGANISATION_REPRESENTATIVE' && organisation.success ? organisation.data : null,
    };
  };
}

function roleOf(claim: unknown, roleMap: Record<string, Role> | undefined): Role | null {
  const values = Array.isArray(claim) ? claim : [claim];
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const role = roleMap ? roleMap[value] : (roles as readonly string[]).includes(value) ? (value as Role) : undefined;
    if (role) return role;
  }
  return null;
}
