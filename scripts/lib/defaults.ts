import path from 'node:path';

/** Where `npm start` keeps its embedded services' data: ignored by git, kept across restarts (IOP_DATA_DIR moves it). */
export const projectRoot = path.resolve(__dirname, '..', '..');
export const dataDir = process.env.IOP_DATA_DIR ? path.resolve(process.env.IOP_DATA_DIR) : path.join(projectRoot, '.data');

// Ports off the usual ones, so the embedded services never collide with a machine's own.
export const embedded = {
  postgresPort: Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329),
  temporalPort: Number(process.env.EMBEDDED_TEMPORAL_PORT ?? 7233),
  temporalUiPort: Number(process.env.EMBEDDED_TEMPORAL_UI_PORT ?? 8233),
  smtpPort: Number(process.env.EMBEDDED_SMTP_PORT ?? 1025),
  inboxPort: Number(process.env.EMBEDDED_INBOX_PORT ?? 1080),
  identityProviderPort: Number(process.env.EMBEDDED_IDENTITY_PROVIDER_PORT ?? 4455),
};

// Fixed and public: the embedded server listens on loopback only, for this machine's own use.
export const embeddedPostgresCredentials = { user: 'postgres', password: 'postgres' };

export function embeddedPostgresUrl(port: number, database: string): string {
  const { user, password } = embeddedPostgresCredentials;
  return `postgresql://${user}:${password}@127.0.0.1:${port}/${database}?sslmode=disable`;
}

// The database is named as in docker-compose.yml; scripts/embedded-postgres.ts creates it when missing.
export const embeddedDatabaseName = 'iop';
export const embeddedDatabaseUrl = embeddedPostgresUrl(embedded.postgresPort, embeddedDatabaseName);
