// Whether PostgreSQL answers a statement: the readiness probe's question.
import type { Database } from '../platform/database';

export async function databaseAnswers(db: Database): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}
