// A partnership's registration, and what the API asks of the records before it hands a step to the
// workflow. Straight through pg: these run on most requests, and Prisma compiles every query it builds.
import type { Database } from '../platform/database';
import type { Row } from './row-types';

export interface Registration {
  id: string;
  title: string;
  challenge: string | null;
  caseNumber: string | null;
  coordinatorName: string;
  coordinatorEmail: string;
  /** Who registered it, as the audit trail names an actor. */
  actor: { type: string; keyId: string; role: Row<'AuditEvent'>['actorRole'] };
  requestId: string;
  /** The first event's id and data. */
  event: { id: string; data: Record<string, unknown> };
  /** The tasks it waits on from its first moment. */
  tasks: (Pick<Row<'Task'>, 'key' | 'kind' | 'partyId' | 'waitsOnRole' | 'dueOn'> & { position: number })[];
}

/**
 * A partnership's row, and only if it is new, its audit event, its first event and the tasks it
 * waits on from its first moment (every step's recording keeps the list after). Run again with the
 * same id, it writes nothing.
 */
const registerStatement = `
  WITH created AS (
    INSERT INTO "Partnership" (id, title, challenge, "caseNumber", "coordinatorName", "coordinatorEmail", "createdByKeyId")
    VALUES ($1::uuid, $2, $3, $4, $5, $6, $7)
    ON CONFLICT (id) DO NOTHING
    RETURNING id),
  audit AS (
    INSERT INTO "AuditEvent" ("actorType", "actorId", "actorRole", action, "partnershipId", "phaseAfter", "requestId")
    SELECT $8, $7, $9::"Role", 'partnership.registered', id, 'INITIATION', $10 FROM created),
  event AS (
    INSERT INTO "PartnershipEvent" (id, txid, "partnershipId", type, data)
    SELECT $11, pg_current_xact_id()::text::bigint, id, 'se.iop.partnership.registered', $12::jsonb FROM created),
  tasks AS (
    INSERT INTO "Task" (id, "partnershipId", key, kind, "partyId", "waitsOnRole", "dueOn", "openedAtRevision", "openedPosition")
    SELECT c.id::text || ':' || t.key, c.id, t.key, t.kind, t."partyId", t."waitsOnRole", t."dueOn", 0, t.position
    FROM created c, jsonb_to_recordset($13::jsonb) AS t(key text, kind text, "partyId" text, "waitsOnRole" text, "dueOn" text, position int)
    ON CONFLICT (id) DO NOTHING)
  SELECT count(*) FROM created`;

/**
 * Writes the registration in one transaction that commits only once `beforeCommit` (the workflow's
 * start) has succeeded: the row and the workflow exist together or not at all.
 */
export async function registerPartnership(db: Database, r: Registration, beforeCommit: () => Promise<void>): Promise<void> {
  const connection = await db.pool.connect();
  let broken: Error | undefined;
  try {
    await connection.query('BEGIN');
    await connection.query({
      name: 'register-partnership',
      text: registerStatement,
      values: [r.id, r.title, r.challenge, r.caseNumber, r.coordinatorName, r.coordinatorEmail, r.actor.keyId, r.actor.type, r.actor.role, r.requestId, r.event.id, JSON.stringify(r.event.data), JSON.stringify(r.tasks)],
    });
    await beforeCommit();
    await connection.query('COMMIT');
  } catch (error) {
    await connection.query('ROLLBACK').catch((rollbackFailed: Error) => (broken = rollbackFailed));
    throw error;
  } finally {
    // A connection that could not roll back is closed, not handed to the next request.
    connection.release(broken);
  }
}

export async function partnershipExists(db: Database, id: string): Promise<boolean> {
  const found = await db.pool.query({ name: 'partnership-exists', text: 'SELECT 1 FROM "Partnership" WHERE id = $1::uuid', values: [id] });
  return (found.rowCount ?? 0) > 0;
}

/** Which organisation each of a partnership's parties is: what a representative's step is judged by. */
export async function partiesOf(db: Database, id: string): Promise<Pick<Row<'Party'>, 'partyId' | 'organisationId'>[]> {
  const { rows } = await db.pool.query<Pick<Row<'Party'>, 'partyId' | 'organisationId'>>({
    name: 'partnership-parties',
    text: 'SELECT "partyId", "organisationId" FROM "Party" WHERE "partnershipId" = $1::uuid',
    values: [id],
  });
  return rows;
}
