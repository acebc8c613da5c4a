import { createApiKey } from '../../api/auth/api-keys';
import type { Database } from '../../platform/database';

/**
 * On an empty database, creates the first administrator key and returns it so that it can be
 * printed once. Later starts find keys and return null.
 */
export async function bootstrapAdministratorKey(db: Database): Promise<string | null> {
  if ((await db.apiKey.count()) > 0) return null;
  const { key } = await createApiKey(db, { label: 'first administrator (created by npm start)', role: 'ADMINISTRATOR' });
  return key;
}
