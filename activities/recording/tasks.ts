import type { OpenTask } from '../../domain/tasks';
import type { Prisma } from '../../platform/database';

/** Opens the tasks the new state waits on and closes those it no longer does. */
export async function syncTasks(tx: Prisma.TransactionClient, partnershipId: string, revision: number, open: OpenTask[]): Promise<void> {
  const tasks = open.map((task) => ({ ...task, id: `${partnershipId}:${task.key}` }));
  for (const task of tasks) {
    await tx.task.upsert({
      where: { id: task.id },
      create: {
        id: task.id,
        partnershipId,
        key: task.key,
        kind: task.kind,
        partyId: task.partyId,
        waitsOnRole: task.waitsOnRole,
        dueOn: task.dueOn,
        openedAtRevision: revision,
      },
      update: { dueOn: task.dueOn },
    });
  }
  await tx.task.updateMany({
    where: { partnershipId, closedAt: null, id: { notIn: tasks.map((t) => t.id) } },
    data: { closedAt: new Date(), closedAtRevision: revision },
  });
}
