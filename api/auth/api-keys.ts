import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Database } from '../../platform/database';
import { readApiKey } from '../../records/api-key-lookup';
import type { Principal, Role } from './principal';

// A key reads `iop_<key id>_<secret>`: the id finds the row, the secret is checked against its hash.
// The secret has 256 bits of entropy, so a plain SHA-256 is enough; a slow hash would add nothing.
const keyPattern = /^iop_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * A key that cannot be issued as asked: only a representative key names an organisation, and it
 * must be a registered one (a key for nobody would never match a party). The field is the one at fault.
 */
export class ApiKeyRefused extends Error {
  readonly field = 'organisationId';
  /** Refused because the organisation it names is not registered, not for the key's form. */
  constructor(message: string, readonly unregistered = false) {
    super(message);
  }
}

export interface NewApiKey {
  label: string;
  role: Role;
  organisationId?: string | null;
  expiresAt?: Date | null;
}

/** Creates a key and returns it in clear: the only time it is ever visible. */
export async function createApiKey(db: Database, input: NewApiKey): Promise<{ id: string; key: string }> {
  if (input.role === 'ORGANISATION_REPRESENTATIVE' && !input.organisationId) {
    throw new ApiKeyRefused('An organisation representative key must name its organisation');
  }
  if (input.role !== 'ORGANISATION_REPRESENTATIVE' && input.organisationId) {
    throw new ApiKeyRefused('Only an organisation representative key is bound to an organisation');
  }
  if (input.organisationId && !(await db.organisation.findUnique({ where: { id: input.organisationId }, select: { id: true } }))) {
    throw new ApiKeyRefused(`No organisation ${input.organisationId} is registered`, true);
  }
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  await db.apiKey.create({
    data: {
      id,
      label: input.label,
      role: input.role,
      organisationId: input.organisationId ?? null,
      secretHash: hashSecret(secret),
      expiresAt: input.expiresAt ?? null,
    },
  });
  return { id, key: `iop_${id}_${secret}` };
}

/**
 * Issues a successor with the same role and organisation, and lets the old key work on for the
 * grace period only: the integration switches keys without a moment of downtime.
 */
export async function rotateApiKey(db: Database, id: string, graceMs: number): Promise<{ id: string; key: string; oldKeyExpiresAt: Date } | null> {
  const old = await db.apiKey.findUnique({ where: { id } });
  if (!old || old.revokedAt || (old.expiresAt && old.expiresAt <= new Date())) return null;
  const successor = await createApiKey(db, { label: old.label, role: old.role, organisationId: old.organisationId, expiresAt: old.expiresAt });
  const graceEnds = new Date(Date.now() + graceMs);
  const oldKeyExpiresAt = old.expiresAt && old.expiresAt < graceEnds ? old.expiresAt : graceEnds;
  await db.apiKey.update({ where: { id }, data: { expiresAt: oldKeyExpiresAt } });
  return { ...successor, oldKeyExpiresAt };
}

export async function revokeApiKey(db: Database, id: string): Promise<boolean> {
  const { count } = await db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  return count === 1;
}

/** The principal a presented key stands for, or null when the key is unknown, malformed, revoked or expired. */
export async function principalForKey(db: Database, presented: string): Promise<Principal | null> {
  const match = keyPattern.exec(presented);
  if (!match) return null;
  const [, id, secret] = match as unknown as [string, string, string];
  const row = await readApiKey(db, id);
  if (!row || row.revokedAt || (row.expiresAt && new Date(row.expiresAt) <= new Date())) return null;
  const expected = Buffer.from(row.secretHash, 'hex');
  const actual = Buffer.from(hashSecret(secret), 'hex');
  if (!timingSafeEqual(expected, actual)) return null;
  return { type: 'API_KEY', keyId: row.id, role: row.role, organisationId: row.organisationId };
}
