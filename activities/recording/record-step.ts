import { ApplicationFailure } from '@temporalio/common';
import { changeType, type Change } from '../../domain/changes';
import { isDocumentRef } from '../../domain/documents';
import type { OpenTask } from '../../domain/tasks';
import type { Actor, PartnershipPhase } from '../../workflows/messages';
import type { Database, Role } from '../../platform/database';
import { Prisma } from '../../platform/database';
import { loadDocuments, refsIn } from '../../platform/documents';
import { writeChange } from './rows';
import { writeEvents } from '../../platform/outbox';
import { stepEvents } from './events';
import { syncTasks } from './tasks';

/** One accepted step, as the workflow hands it over: ids, references and what changed, never the whole state. */
export interface StepRecord {
  partnershipId: string;
  revision: number;
  step: string;
  actor: Actor;
  requestId: string | null;
  phaseBefore: PartnershipPhase;
  changes: Change[];
  /** The work list as the new state has it. */
  openTasks: OpenTask[];
  /** The next deadline the workflow has planned after the step, for finding partnerships; absent from runs of earlier versions. */
  nextDeadlineOn?: string | null;
}

/**
 * Writes one accepted step in one transaction: its audit row, naming what changed, and exactly the
 * rows those changes touch. The audit row is unique per (partnership, revision), so a retried
 * activity finds it and writes nothing twice.
 */
export async function recordStep(db: Database, record: StepRecord): Promise<{ written: boolean }> {
  const texts = await loadDocuments(db, refsIn(record.changes));
  const text = (value: string | null | undefined): string | null => {
    if (value === null || value === undefined || !isDocumentRef(value)) return value ?? null;
    const found = texts.get(value);
    // Only a caller that reached Temporal around the API can name a text that was never stored.
    if (found === undefined) throw ApplicationFailure.nonRetryable(`No document is stored as ${value}`, 'UNKNOWN_DOCUMENT');
    return found;
  };
  const phaseAfter = record.changes.find((c) => c.entity === 'partnership' && c.op !== 'removed')?.value as { phase: PartnershipPhase } | undefined;
  try {
    await db.$transaction(async (tx) => {
      await tx.auditEvent.create({
        data: {
          partnershipId: record.partnershipId,
          revision: record.revision,
          actorType: record.actor.type,
          actorId: record.actor.keyId,
          actorRole: (record.actor.role as Role | null) ?? null,
          action: `partnership.${record.step}`,
          phaseBefore: record.phaseBefore,
          phaseAfter: phaseAfter?.phase ?? record.phaseBefore,
          requestId: record.requestId,
          details: { changes: record.changes.map((c) => ({ type: changeType(c), key: c.key })) },
        },
      });
      const ctx = { tx, partnershipId: record.partnershipId, revision: record.revision, text };
      for (const change of record.changes) await writeChange(ctx, change);
      // Raw: on every step, and Prisma compiles each query it builds.
      if (record.nextDeadlineOn === undefined) {
        await tx.$executeRaw`UPDATE "Partnership" SET revision = ${record.revision}, "updatedAt" = now() WHERE id = ${record.partnershipId}::uuid`;
      } else {
        await tx.$executeRaw`UPDATE "Partnership" SET revision = ${record.revision}, "updatedAt" = now(), "nextDeadlineOn" = ${record.nextDeadlineOn} WHERE id = ${record.partnershipId}::uuid`;
      }
      const contactsChanged = record.changes.some((c) => c.entity === 'party' && c.op !== 'removed');
      await syncTasks(tx, record.partnershipId, record.revision, record.openTasks, contactsChanged);
      // Told in the same transaction: an event exists exactly when its step is recorded.
      await writeEvents(tx, record.partnershipId, await stepEvents(tx, record));
      // Prisma's 5 s default gave up on a loaded machine (P2028) and the whole step was recorded
      // again 5 s later; each statement has its own 15 s bound, and the activity its minute.
    }, { maxWait: 10_000, timeout: 30_000 });
    return { written: true };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return { written: false };
    throw error;
  }
}
