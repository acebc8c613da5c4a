import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../prisma/generated/client';

export type Database = PrismaClient;
export { Prisma } from '../prisma/generated/client';
export type { Role } from '../prisma/generated/enums';

/** A Prisma client over the pg driver adapter: no native query engine is needed. */
export function createDatabase(databaseUrl: string, options: { maxConnections?: number } = {}): Database {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  return new PrismaClient({ adapter });
}
