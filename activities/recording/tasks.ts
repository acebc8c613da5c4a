import type { OpenTask } from '../../domain/tasks';
import type { Prisma } from '../../platform/database';

/**
 * Opens the tasks the new state waits on, closes those it no longer does, and moves a due date that
 * changed. Most steps change none of them, so the open tasks are read first and only the difference
 * is written. A task that closed and is wanted again is opened again, under its first row.
 */
export async function syncTasks(tx: Prisma.TransactionClient, partnershipId: string, revision: number, open: OpenTask[]): Promise<void> {
  const wanted = new Map(open.map((task) => [`${partnershipId}:${task.key}`, task]));
  const current = new Map((await tx.task.findMany({ where: { partnershipId, closedAt: null }, select: { id: true, dueOn: true } })).map((t) => [t.id, t.dueOn]));
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
