import { createHash } from 'node:crypto';
import type { OpenTask } from '../domain/tasks';
import type { Database } from '../platform/database';
import type { Statement } from './statement';

/**
 * A task the workflow does not decide: an address the SMTP server refused for good. The case officer
 * fixes the contact (a new contact, assigned to the party) or hands the case to another coordinator
 * (PUT …/coordinator); either change closes it, and a new refusal opens it again.
 */
export const fixAddressKind = 'FIX_EMAIL_ADDRESS';

/** Keyed on a digest: the address itself is personal data and stays out of ids and URLs. */
export const fixAddressKey = (address: string) => `email:${createHash('sha256').update(address.toLowerCase()).digest('hex').slice(0, 16)}`;

/** The same key, worked out by PostgreSQL from an address. */
const fixAddressKeyOf = (address: string) => `'email:' || substr(encode(sha256(convert_to(lower(${address}), 'UTF8')), 'hex'), 1, 16)`;

export async function openFixAddressTask(db: Database, partnershipId: string, address: string, dueOn: string): Promise<void> {
  const key = fixAddressKey(address);
  const id = `${partnershipId}:${key}`;
  const revision = (await db.partnership.findUnique({ where: { id: partnershipId }, select: { revision: true } }))?.revision ?? 0;
  const opened = { dueOn, openedAtRevision: revision, closedAt: null, closedAtRevision: null };
  await db.task.upsert({
    where: { id },
    create: { id, partnershipId, key, kind: fixAddressKind, partyId: null, waitsOnRole: 'CASE_OFFICER', ...opened },
    update: { ...opened, openedAt: new Date() },
  });
}

/**
 * Opens the tasks the new state waits on, closes those it no longer does, and moves a due date that
 * changed; a task that is open with the same due date is not written. A task that closed and is
 * wanted again is opened again, under its first row. Parts of the step's single statement: they
 * touch disjoint rows (closing only what is not wanted, and address tasks only by their kind).
 */
export function taskStatements(s: Statement, partnershipId: string, revision: number, open: OpenTask[], contactsChanged: boolean): string[] {
  const partnership = () => `${s.param(partnershipId)}::uuid`;
  const wanted = open.map((task, position) => ({
    position,
    id: `${partnershipId}:${task.key}`,
    key: task.key,
    kind: task.kind,
    partyId: task.partyId,
    waitsOnRole: task.waitsOnRole,
    dueOn: task.dueOn ?? null,
  }));
  const statements = [
    `UPDATE "Task" SET "closedAt" = now(), "closedAtRevision" = ${s.param(revision)}
     WHERE "partnershipId" = ${partnership()} AND "closedAt" IS NULL AND kind <> ${s.param(fixAddressKind)} AND NOT (id = ANY(${s.param(wanted.map((t) => t.id))}::text[]))`,
  ];
  if (contactsChanged) {
    // A contacts' change fixes a contact's address, not the coordinator's, which a new coordinator fixes.
    statements.push(`UPDATE "Task" SET "closedAt" = now(), "closedAtRevision" = ${s.param(revision)} WHERE "partnershipId" = ${partnership()} AND "closedAt" IS NULL AND kind = ${s.param(fixAddressKind)}
     AND key IS DISTINCT FROM (SELECT ${fixAddressKeyOf('p."coordinatorEmail"')} FROM "Partnership" p WHERE p.id = ${partnership()})`);
  }
  if (wanted.length > 0) {
    statements.push(`INSERT INTO "Task" (id, "partnershipId", key, kind, "partyId", "waitsOnRole", "dueOn", "openedAtRevision", "openedPosition")
     SELECT t.id, ${partnership()}, t.key, t.kind, t."partyId", t."waitsOnRole", t."dueOn", ${s.param(revision)}::int, t.position
     FROM jsonb_to_recordset(${s.param(JSON.stringify(wanted))}::jsonb) AS t(id text, key text, kind text, "partyId" text, "waitsOnRole" text, "dueOn" text, position int)
     ON CONFLICT (id) DO UPDATE SET
       "dueOn" = EXCLUDED."dueOn",
       "openedAtRevision" = CASE WHEN "Task"."closedAt" IS NULL THEN "Task"."openedAtRevision" ELSE EXCLUDED."openedAtRevision" END,
       "openedAt" = CASE WHEN "Task"."closedAt" IS NULL THEN "Task"."openedAt" ELSE now() END,
       "openedPosition" = CASE WHEN "Task"."closedAt" IS NULL THEN "Task"."openedPosition" ELSE EXCLUDED."openedPosition" END,
       "closedAt" = NULL,
       "closedAtRevision" = NULL
     WHERE "Task"."closedAt" IS NOT NULL OR "Task"."dueOn" IS DISTINCT FROM EXCLUDED."dueOn"`);
  }
  return statements;
}
