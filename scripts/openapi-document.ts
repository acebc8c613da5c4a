// Prints the OpenAPI document as a deployment serves it, for linting (`npm run lint:api`):
//   npx tsx scripts/openapi-document.ts [public base URL] > openapi.json
import { Client, Connection } from '@temporalio/client';
import { createApp, openApiDocument } from '../api/app';
import { createDatabase } from '../platform/database';
import { createLogger } from '../platform/logger';

// Nothing is connected: building the routes touches neither the database nor Temporal.
const publicBaseUrl = process.argv[2] ?? 'https://iop.example.se';
const { routes } = createApp({
  db: createDatabase('postgresql://unused@127.0.0.1:1/unused', { maxConnections: 1 }),
  temporal: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }),
  taskQueue: 'unused',
  logger: createLogger({ level: 'silent', name: 'openapi' }),
  publicBaseUrl,
});
process.stdout.write(`${JSON.stringify(openApiDocument(routes, publicBaseUrl), null, 1)}\n`);
