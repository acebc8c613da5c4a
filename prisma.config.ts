import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { defineConfig } from 'prisma/config';

// The JavaScript schema engine with the pg adapter: migrations run with no native engine download
// (docs/operations.md, "Prisma without engine downloads").
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error('DATABASE_URL must be set for Prisma commands');
    const pool = new Pool({ connectionString, max: 2 });
    const factory = new PrismaPg(pool);
    const connect = factory.connect.bind(factory);
    // The adapter runs a migration by splitting it on every ';', which breaks any function body
    // (the audit trail's trigger). PostgreSQL's simple query protocol takes the whole script at
    // once, and runs it as one implicit transaction.
    factory.connect = async () => {
      const adapter = await connect();
      adapter.executeScript = async (script: string) => {
        await pool.query(script);
      };
      return adapter;
    };
    return factory;
  },
});
