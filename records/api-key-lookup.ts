// The key a request presents, looked up by its id. Straight through pg: every request asks, and
// Prisma compiles even a raw query.
import type { Database } from '../platform/database';
import type { Row } from './row-types';

export async function readApiKey(db: Database, id: string): Promise<Pick<Row<'ApiKey'>, 'id' | 'role' | 'organisationId' | 'secretHash' | 'revokedAt' | 'expiresAt'> | undefined> {
  // Named: each connection plans it once.
  const { rows } = await db.pool.query<Pick<Row<'ApiKey'>, 'id' | 'role' | 'organisationId' | 'secretHash' | 'revokedAt' | 'expiresAt'>>({
    name: 'api-key',
    text: 'SELECT id, role::text AS role, "organisationId", "secretHash", "revokedAt", "expiresAt" FROM "ApiKey" WHERE id = $1::uuid',
    values: [id],
  });
  return rows[0];
}
