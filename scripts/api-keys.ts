// `npm run api-keys -- create --role CASE_OFFICER --label "Ciceron integration" [--organisation <uuid>]`
// `npm run api-keys -- rotate <key id> [--grace-hours 24]`
// `npm run api-keys -- revoke <key id>`
// `npm run api-keys -- list`
// `npm run api-keys -- first-administrator`   (in the image: `node dist/scripts/api-keys.js …`)
import { parseArgs } from 'node:util';
import { createApiKey, revokeApiKey, rotateApiKey } from '../api/auth/api-keys';
import { roles, type Role } from '../api/auth/principal';
import { withSettingFiles } from '../platform/config';
import { createDatabase } from '../platform/database';
import { embeddedDatabaseUrl } from './lib/defaults';
import { bootstrapAdministratorKey } from './lib/first-start';

const usage = `usage:
  npm run api-keys -- create --role <${roles.join('|')}> --label <text> [--organisation <uuid>] [--expires-in-days <n>]
  npm run api-keys -- rotate <key id> [--grace-hours <n>]     (the old key works on for the grace period, 24 h by default)
  npm run api-keys -- revoke <key id>
  npm run api-keys -- list
  npm run api-keys -- first-administrator                        (only on a database with no key yet)
DATABASE_URL (or DATABASE_URL_FILE) defaults to the embedded database of npm start.`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      label: { type: 'string' },
      organisation: { type: 'string' },
      'expires-in-days': { type: 'string' },
      'grace-hours': { type: 'string', default: '24' },
    },
  });
  const [command, id] = positionals;
  // In the image, the URL is a compose secret: DATABASE_URL_FILE, as the API reads it.
  const { DATABASE_URL } = withSettingFiles(process.env, ['DATABASE_URL']);
  const db = createDatabase(DATABASE_URL || embeddedDatabaseUrl, { maxConnections: 1 });
  try {
    switch (command) {
      case 'create': {
        const role = values.role as Role | undefined;
        const days = values['expires-in-days'] === undefined ? null : Number(values['expires-in-days']);
        if (!role || !roles.includes(role) || !values.label || (days !== null && !(days > 0))) break;
        const expiresAt = days === null ? null : new Date(Date.now() + days * 86_400_000);
        const created = await createApiKey(db, { role, label: values.label, organisationId: values.organisation, expiresAt });
        console.log(`key id: ${created.id}\nkey (shown once; send it as X-API-Key): ${created.key}`);
        return 0;
      }
      case 'rotate': {
        const hours = Number(values['grace-hours']);
        if (!id || !(hours >= 0)) break;
        const rotated = await rotateApiKey(db, id, hours * 3_600_000);
        if (!rotated) {
          console.log(`no active key ${id}`);
          return 1;
        }
        console.log(`key id: ${rotated.id}\nkey (shown once; send it as X-API-Key): ${rotated.key}\nthe old key ${id} works until ${rotated.oldKeyExpiresAt.toISOString()}`);
        return 0;
      }
      case 'revoke': {
        if (!id) break;
        const revoked = await revokeApiKey(db, id);
        console.log(revoked ? `revoked ${id}` : `no active key ${id}`);
        return revoked ? 0 : 1;
      }
      case 'first-administrator': {
        // What `npm start` does on an empty database, for a deployment that has no `npm start`.
        const key = await bootstrapAdministratorKey(db, 'first administrator');
        if (!key) {
          console.log('keys exist already: the first administrator key was given before; an administrator creates more with create');
          return 1;
        }
        console.log(`first administrator key (shown once; send it as X-API-Key): ${key}`);
        return 0;
      }
      case 'list': {
        const keys = await db.apiKey.findMany({ orderBy: { createdAt: 'asc' } });
        for (const key of keys) {
          const state = key.revokedAt
            ? `revoked ${key.revokedAt.toISOString()}`
            : key.expiresAt
              ? `${key.expiresAt <= new Date() ? 'expired' : 'expires'} ${key.expiresAt.toISOString()}`
              : 'active';
          console.log([key.id, key.role, key.organisationId ?? '-', state, key.label].join('\t'));
        }
        return 0;
      }
    }
    console.error(usage);
    return 2;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
