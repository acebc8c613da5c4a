import type { Actor, PartnershipPhase } from '../workflows/messages';
import type { PartnershipState } from '../domain/state';
import { openTasks } from '../domain/tasks';
import { projectLifecycle } from './projection';
import type { Database, Role } from '../platform/database';
import { Prisma } from '../platform/database';

export interface PartnershipChange {
  partnershipId: string;
  revision: number;
  action: string;
  actor: Actor;
  requestId: string | null;
  phaseBefore: PartnershipPhase;
  phaseAfter: PartnershipPhase;
  state: PartnershipState;
}

/**
 * Writes one accepted step: its audit row and the partnership's projected record, in one
 * transaction. The audit row is unique per (partnership, revision), so a retried activity finds it
 * and writes nothing twice; an older revision never overwrites a newer projection.
 */
export async function recordPartnershipChange(db: Database, change: PartnershipChange): Promise<{ written: boolean }> {
  // E-mail delivery has its own record (OutboundEmail); the snapshot is the lifecycle's.
  const { notifications: _notifications, ...lifecycle } = change.state;
  try {
    await db.$transaction(async (tx) => {
      await tx.auditEvent.create({
        data: {
          partnershipId: change.partnershipId,
          revision: change.revision,
          actorType: change.actor.type,
          actorId: change.actor.keyId,
          actorRole: (change.actor.role as Role | null) ?? null,
          action: `partnership.${change.action}`,
          phaseBefore: change.phaseBefore,
          phaseAfter: change.phaseAfter,
          requestId: change.requestId,
        },
      });
      const projected = await tx.partnership.updateMany({
        where: { id: change.partnershipId, revision: { lt: change.revision } },
        data: {
          phase: change.state.phase,
          term: change.state.term,
          revision: change.revision,
          challenge: change.state.challenge,
          state: lifecycle as unknown as Prisma.InputJsonValue,
          updatedAt: new Date(),
        },
      });
      if (projected.count === 1) {
        await projectLifecycle(tx, change.state);
        await syncTasks(tx, change);
      }
    });
    return { written: true };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return { written: false };
    throw error;
  }
}

type Transaction = Prisma.TransactionClient;

/** Opens the tasks the new state waits on and closes those it no longer does. */
async function syncTasks(tx: Transaction, change: PartnershipChange): Promise<void> {
  const open = openTasks(change.state).map((task) => ({ ...task, id: `${change.partnershipId}:${task.key}` }));
  for (const task of open) {
    await tx.task.upsert({
      where: { id: task.id },
      create: {
        id: task.id,
        partnershipId: change.partnershipId,
        key: task.key,
        kind: task.kind,
        partyId: task.partyId,
        waitsOnRole: task.waitsOnRole,
        dueOn: task.dueOn,
        openedAtRevision: change.revision,
      },
      update: { dueOn: task.dueOn },
    });
  }
  await tx.task.updateMany({
    where: { partnershipId: change.partnershipId, closedAt: null, id: { notIn: open.map((t) => t.id) } },
    data: { closedAt: new Date(), closedAtRevision: change.revision },
  });
}
