// The embedded PostgreSQL of `npm start`: PGlite (PostgreSQL in WebAssembly) served over the wire
// protocol, its data in .data/pglite so that it survives restarts.
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { dataDir, embedded } from './lib/defaults';

async function main(): Promise<void> {
  const dataPath = process.env.EMBEDDED_POSTGRES_DIR ?? path.join(dataDir, 'pglite');
  const port = Number(process.env.EMBEDDED_POSTGRES_PORT ?? embedded.postgresPort);
  const db = await PGlite.create({ dataDir: dataPath });
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 20 });
  await server.start();
  console.log(`embedded PostgreSQL (PGlite) on 127.0.0.1:${port}, data in ${dataPath}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    await db.close(); // flushes to disk
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error('embedded PostgreSQL failed:', error);
  process.exit(1);
});
