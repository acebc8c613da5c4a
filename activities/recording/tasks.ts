import { createHash } from 'node:crypto';
import type { OpenTask } from '../../domain/tasks';
import type { Database, Prisma } from '../../platform/database';

/**
 * A task the workflow does not decide: an address the SMTP server refused for good. The case officer
 * fixes the contact (a new contact, assigned to the party); the next change of a party's contacts
 * closes it, and a new refusal opens it again.
 */
export const fixAddressKind = 'FIX_EMAIL_ADDRESS';

export async function openFixAddressTask(db: Database, partnershipId: string, address: string, dueOn: string): Promise<void> {
  // Keyed on a digest: the address itself is personal data and stays out of ids and URLs.
  const key = `email:${createHash('sha256').update(address.toLowerCase()).digest('hex').slice(0, 16)}`;
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
 * changed. Most steps change none of them, so the open tasks are read first and only the difference
 * is written. A task that closed and is wanted again is opened again, under its first row.
 */
export async function syncTasks(tx: Prisma.TransactionClient, partnershipId: string, revision: number, open: OpenTask[], contactsChanged: boolean): Promise<void> {
  if (contactsChanged) {
    await tx.task.updateMany({ where: { partnershipId, kind: fixAddressKind, closedAt: null }, data: { closedAt: new Date(), closedAtRevision: revision } });
  }
  const wanted = new Map(open.map((task) => [`${partnershipId}:${task.key}`, task]));
  const current = new Map(
    (await tx.task.findMany({ where: { partnershipId, closedAt: null, kind: { not: fixAddressKind } }, select: { id: true, dueOn: true } })).map((t) => [t.id, t.dueOn]),
  );
  const closing = [...current.keys()].filter((id) => !wanted.has(id));
  if (closing.length > 0) {
    await tx.task.updateMany({ where: { id: { in: closing } }, data: { closedAt: new Date(), closedAtRevision: revision } });
  }
  for (const [id, task] of wanted) {
    const dueOn = task.dueOn ?? null;
    if (!current.has(id)) {
      const opened = { openedAtRevision: revision, dueOn, closedAt: null, closedAtRevision: null };
      await tx.task.upsert({
        where: { id },
        create: { id, partnershipId, key: task.key, kind: task.kind, partyId: task.partyId, waitsOnRole: task.waitsOnRole, ...opened },
        update: { ...opened, openedAt: new Date() },
      });
    } else if (current.get(id) !== dueOn) {
      await tx.task.update({ where: { id }, data: { dueOn } });
    }
  }
}
