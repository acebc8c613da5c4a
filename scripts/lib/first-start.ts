// What `npm start` makes on an empty database: the first administrator key, and the demo organisations.
import { createApiKey } from '../../api/auth/api-keys';
import type { Database } from '../../platform/database';
import { demoOrganisations } from './demo-people';

/**
 * On an empty database, creates the first administrator key and returns it so that it can be
 * printed once. Later starts find keys and return null.
 */
export async function bootstrapAdministratorKey(db: Database, label = 'first administrator (created by npm start)'): Promise<string | null> {
  if ((await db.apiKey.count()) > 0) return null;
  const { key } = await createApiKey(db, { label, role: 'ADMINISTRATOR' });
  return key;
}

/**
 * On a database with no organisation, registers the demo organisations whose representatives the
 * embedded identity provider signs in; answers whether it did.
 */
export async function registerDemoOrganisations(db: Database): Promise<boolean> {
  if ((await db.organisation.count()) > 0) return false;
  await db.organisation.createMany({ data: demoOrganisations.map(({ id, name, organisationNumber, kind }) => ({ id, name, organisationNumber, kind })), skipDuplicates: true });
  return true;
}
