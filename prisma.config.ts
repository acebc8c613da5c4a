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
      readNamesAsText(adapter);
      const startTransaction = adapter.startTransaction.bind(adapter);
      adapter.startTransaction = async (isolationLevel) => readNamesAsText(await startTransaction(isolationLevel));
      return adapter;
    };
    return factory;
  },
});

const NAME_TYPE = 19;
const TEXT_TYPE = 25;

interface PgResult {
  fields: { dataTypeID: number }[];
}

/**
 * The schema engine reads the catalogue, whose identifiers are PostgreSQL's `name` type, and
 * `@prisma/adapter-pg` 6.19 refuses that type (prisma/orm#27403; adapter 7 reads it as text, but
 * its major must match the client's and the CLI's, and Prisma 7's CLI downloads a native engine).
 * A `name` is text of at most 63 bytes, and pg hands it over as a string already, so the adapter is
 * told it is text.
 */
function readNamesAsText<T extends object>(queryable: T): T {
  const io = queryable as T & { performIO(query: unknown): Promise<PgResult> };
  const performIO = io.performIO.bind(io);
  io.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) if (field.dataTypeID === NAME_TYPE) field.dataTypeID = TEXT_TYPE;
    return result;
  };
  return queryable;
}
