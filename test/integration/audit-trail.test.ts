import { createDatabase, type Database } from '../../platform/database';
import { testRun } from '../support/run-config';

describe('the audit trail', () => {
  let db: Database;
  let id: bigint;
  beforeAll(async () => {
    db = createDatabase(testRun().databaseUrl, { maxConnections: 2 });
    ({ id } = await db.auditEvent.create({ data: { actorType: 'SYSTEM', action: 'test.appended' } }));
  });
  afterAll(() => db.$disconnect());

  it('when a row is appended, then it can be read back', async () => {
    expect(await db.auditEvent.findUnique({ where: { id } })).toMatchObject({ action: 'test.appended' });
  });

  it('when anyone updates a row, then the database refuses it', async () => {
    await expect(db.$executeRaw`UPDATE "AuditEvent" SET "action" = 'tampered' WHERE "id" = ${id}`).rejects.toThrow(/append-only/);
    expect(await db.auditEvent.findUnique({ where: { id } })).toMatchObject({ action: 'test.appended' });
  });

  it('when anyone deletes or truncates rows, then the database refuses it', async () => {
    await expect(db.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${id}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(/append-only/);
    expect(await db.auditEvent.findUnique({ where: { id } })).not.toBeNull();
  });
});
