import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Command, CommandPayload, CommandType } from '../../domain/commands';
import { openTasks } from '../../domain/tasks';
import type { Database } from '../../platform/database';
import type { Logger } from '../../platform/logger';
import {
  actionUpdates,
  partnershipStateQuery,
  partnershipWorkflowId,
  partnershipWorkflowType,
  type PartnershipState,
  type PartnershipWorkflowInput,
} from '../../workflows/messages';
import type { Principal } from '../auth/principal';
import { forbidden, mayTake, stepPolicy } from '../../domain/policy';
import { problems } from '../http/problem';
import type { CreatePartnershipRequest, PartnershipSummary, PartnershipView } from './schemas';

const startDeadlineMs = 5_000;
const queryDeadlineMs = 2_000;
const updateDeadlineMs = 30_000;

export interface PartnershipServiceDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
}

export function createPartnershipService(deps: PartnershipServiceDeps) {
  const { db, temporal } = deps;

  async function startWorkflow(partnershipId: string): Promise<void> {
    const input: PartnershipWorkflowInput = { partnershipId };
    // USE_EXISTING: starting a partnership's workflow a second time finds the running one. The
    // deadline keeps a caller from waiting on the SDK's retries while Temporal is down.
    await temporal.withDeadline(Date.now() + startDeadlineMs, () =>
      temporal.workflow.start(partnershipWorkflowType, {
        workflowId: partnershipWorkflowId(partnershipId),
        taskQueue: deps.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    );
  }

  async function readState(partnershipId: string, log: Logger): Promise<PartnershipState | null> {
    try {
      // A query needs a worker; while none runs, the record is served without the live state.
      return await temporal.withDeadline(Date.now() + queryDeadlineMs, () =>
        temporal.workflow.getHandle(partnershipWorkflowId(partnershipId)).query(partnershipStateQuery),
      );
    } catch (error) {
      log.warn({ err: error, partnershipId }, 'workflow state unavailable');
      return null;
    }
  }

  /** What a step points at outside the workflow must exist: the API checks before it asks. */
  async function checkReferences(id: string, type: CommandType, payload: unknown): Promise<void> {
    if (type === 'assignContacts') {
      const { partyId, contactIds } = payload as CommandPayload<'assignContacts'>;
      const party = await db.party.findUnique({ where: { partnershipId_partyId: { partnershipId: id, partyId } } });
      const found = party ? await db.contact.count({ where: { id: { in: contactIds }, organisationId: party.organisationId } }) : 0;
      if (party && found !== new Set(contactIds).size) {
        throw problems.validation([
          { in: 'body', field: 'contactIds', pointer: '#/contactIds', detail: "Each contact must belong to the party's organisation" },
        ]);
      }
      return;
    }
    if (type !== 'addParty') return;
    const { organisationId } = payload as CommandPayload<'addParty'>;
    if (!(await db.organisation.findUnique({ where: { id: organisationId }, select: { id: true } }))) {
      throw problems.validation([
        { in: 'body', field: 'organisationId', pointer: '#/organisationId', detail: 'No organisation is registered with this id' },
      ]);
    }
  }

  return {
    /** Starts the partnership's workflow unless it runs already: safe to call any number of times. */
    ensureWorkflow: startWorkflow,

    /**
     * The row, its audit event and the workflow start commit together: if Temporal refuses the start,
     * the transaction rolls back and nothing is left half-written.
     */
    async register(input: CreatePartnershipRequest, principal: Principal, requestId: string): Promise<string> {
      const id = randomUUID();
      try {
        await db.$transaction(
          async (tx) => {
            await tx.partnership.create({
              data: {
                id,
                title: input.title,
                challenge: input.challenge ?? null,
                caseNumber: input.caseNumber ?? null,
                coordinatorName: input.coordinator.name,
                coordinatorEmail: input.coordinator.email,
                createdByKeyId: principal.keyId,
              },
            });
            await tx.auditEvent.create({
              data: {
                actorType: principal.kind,
                actorId: principal.keyId,
                actorRole: principal.role,
                action: 'partnership.registered',
                partnershipId: id,
                phaseAfter: 'INITIATION',
                requestId,
              },
            });
            await startWorkflow(id);
          },
          { timeout: 15_000 },
        );
      } catch (error) {
        if (isTemporalUnavailable(error)) throw problems.unavailable('The workflow engine cannot be reached; try again');
        throw error;
      }
      return id;
    },

    /**
     * Takes one step through the partnership's workflow: the workflow decides, records and answers
     * with the new state. The API never writes around it. A client's Idempotency-Key makes a
     * retried request the same Update, which Temporal applies once.
     */
    async act<T extends CommandType>(
      id: string,
      type: T,
      payload: CommandPayload<T>,
      principal: Principal,
      requestId: string,
      idempotencyKey: string | undefined,
    ): Promise<PartnershipState> {
      const exists = await db.partnership.findUnique({ where: { id }, select: { id: true } });
      if (!exists) throw problems.notFound('No such partnership');
      // The route table has checked the role; only a representative's step needs its parties read.
      if (stepPolicy[type][principal.role] === 'own') {
        const parties = await db.party.findMany({ where: { partnershipId: id }, select: { partyId: true, organisationId: true } });
        const verdict = mayTake(principal, { type, payload } as Command, parties);
        if (verdict !== 'allowed') throw problems.forbidden('A representative acts only for its own party', forbidden[verdict]);
      }
      await checkReferences(id, type, payload);
      const handle = temporal.workflow.getHandle(partnershipWorkflowId(id));
      try {
        return await temporal.withDeadline(Date.now() + updateDeadlineMs, () =>
          handle.executeUpdate(actionUpdates[type], {
            args: [
              {
                payload,
                actor: { type: principal.kind, keyId: principal.keyId, role: principal.role, organisationId: principal.organisationId },
                requestId,
              },
            ],
            ...(idempotencyKey ? { updateId: `${type}:${principal.keyId}:${idempotencyKey}` } : {}),
          }),
        );
      } catch (error) {
        if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
          if (Object.values(forbidden).includes(error.cause.type ?? '')) throw problems.forbidden(error.cause.message, error.cause.type ?? undefined);
          throw problems.refused(error.cause.type ?? 'REFUSED', error.cause.message);
        }
        if (error instanceof WorkflowNotFoundError || /already completed/i.test(String((error as Error)?.message))) {
          throw problems.refused('PARTNERSHIP_FINISHED', 'The partnership has ended; its record can still be read');
        }
        if (isTemporalUnavailable(error)) throw problems.unavailable('The workflow engine cannot be reached; try again');
        throw error;
      }
    },

    /** By the case number given at registration or any party's reference recorded since. */
    async findByReference(reference: string, system: string | undefined): Promise<PartnershipSummary[]> {
      const wanted = JSON.stringify([{ reference, ...(system ? { system } : {}) }]);
      const rows = await db.$queryRaw<{ id: string; title: string; phase: string; caseNumber: string | null; state: unknown }[]>`
        SELECT "id", "title", "phase", "caseNumber", "state" FROM "Partnership"
        WHERE ("state" -> 'externalReferences') @> ${wanted}::jsonb
           OR (${system ?? null}::text IS NULL AND "caseNumber" = ${reference})
        ORDER BY "createdAt" LIMIT 50`;
      return rows.map((row) => ({
        id: row.id,
        title: row.title,
        phase: row.phase,
        caseNumber: row.caseNumber,
        externalReferences: ((row.state as { externalReferences?: PartnershipSummary['externalReferences'] } | null)?.externalReferences ?? []),
      }));
    },

    async find(id: string, log: Logger): Promise<PartnershipView> {
      const row = await db.partnership.findUnique({ where: { id } });
      if (!row) throw problems.notFound('No such partnership');
      const state = await readState(row.id, log);
      return {
        id: row.id,
        title: row.title,
        challenge: row.challenge,
        caseNumber: row.caseNumber,
        coordinator: { name: row.coordinatorName, email: row.coordinatorEmail },
        createdAt: row.createdAt.toISOString(),
        workflowId: partnershipWorkflowId(row.id),
        state,
        waitingOn: state ? openTasks(state) : null,
      };
    },
  };
}

function isTemporalUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // gRPC UNAVAILABLE (14) and DEADLINE_EXCEEDED (4).
  return code === 14 || code === 4 || (error instanceof Error && error.name === 'ServiceError');
}

export type PartnershipService = ReturnType<typeof createPartnershipService>;
