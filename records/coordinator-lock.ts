// The partnership's coordinator, read and locked within a transaction until it commits (FOR UPDATE,
// which Prisma's model API does not express).
import type { Prisma } from '../platform/database';
import type { Row } from './row-types';

export async function lockCoordinator(tx: Prisma.TransactionClient, partnershipId: string): Promise<Pick<Row<'Partnership'>, 'coordinatorEmail' | 'revision'> | undefined> {
  const [row] = await tx.$queryRaw<Pick<Row<'Partnership'>, 'coordinatorEmail' | 'revision'>[]>`
    SELECT "coordinatorEmail", revision FROM "Partnership" WHERE id = ${partnershipId}::uuid FOR UPDATE`;
  return row;
}
