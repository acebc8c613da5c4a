import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client, type WorkflowUpdateHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { mapDocuments, documentsIn } from '../../domain/documents';
import { initialState, type Party } from '../../domain/state';
import { openTasks } from '../../domain/tasks';
import { forbidden, mayTake, stepPolicy } from '../../domain/policy';
import { stepDocuments, type Command, type CommandPayload, type CommandType } from '../../domain/steps';
import type { Database } from '../../platform/database';
import { storeDocuments } from '../../platform/documents';
import { actionUpdates, partnershipWorkflowId, partnershipWorkflowType, type PartnershipWorkflowInput, type StepResult } from '../../workflows/messages';
import type { Principal } from '../auth/principal';
import { problems } from '../http/problem';
import type { CreatePartnershipRequest, PartnershipView } from './schemas';
import { GateClosed, StepGate } from './step-gate';
import { readPartnership } from './views';

const startDeadlineMs = 5_000;

type PartyKind = Party['kind'];

export interface PartnershipServiceDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
  /** How long a step's caller waits for its outcome before it is answered 202 Accepted (30 s). */
  stepAnswerDeadlineMs?: number;
  /** Called once a registration's event is committed (events/wake-webhooks.ts). */
  wakeWebhooks?: () => void;
}

/** A step's outcome: taken, or accepted by the workflow and still being recorded. */
export type StepOutcome = { taken: StepResult; stepId: string } | { accepted: string };

export function createPartnershipService(deps: PartnershipServiceDeps) {
  const { db, temporal } = deps;
  const answerDeadlineMs = deps.stepAnswerDeadlineMs ?? 30_000;
  const gate = new StepGate();

  async function startWorkflow(partnershipId: string, challenge: string | null, imported: boolean): Promise<void> {
    const input: PartnershipWorkflowInput = { partnershipId, challenge, ...(imported ? { imported } : {}) };
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

  /** The registered kind of each organisation found, by id. */
  async function registeredKinds(organisationIds: string[]): Promise<Map<string, PartyKind>> {
    const { rows } = await db.pool.query<{ id: string; kind: PartyKind }>({
      name: 'organisation-kinds',
      text: 'SELECT id::text, kind FROM "Organisation" WHERE id = ANY($1::uuid[])',
      values: [organisationIds],
    });
    return new Map(rows.map((row) => [row.id, row.kind]));
  }

  /**
   * A party is of its organisation's registered kind: the IOP guards count kinds, so the kind comes
   * from the record, never from the caller. One left out is filled in; one given otherwise is refused.
   */
  function registeredKind(registered: PartyKind, given: PartyKind | undefined, where: string): PartyKind {
    if (given !== undefined && given !== registered) {
      throw problems.refused('PARTY_KIND_MISMATCH', `${where}the organisation is registered as ${registered}, not ${given}: a party is of its organisation's registered kind`);
    }
    return registered;
  }

  /**
   * What a step points at outside the workflow must exist, and what the records decide is taken
   * from them: the API checks, for the steps that point, before it asks, and hands on the payload
   * the workflow is to get.
   */
  const referenceChecks: { [T in CommandType]?: (id: string, payload: CommandPayload<T>, within: string) => Promise<CommandPayload<T>> } = {
    async assignContacts(id, payload) {
      const { partyId, contactIds } = payload;
      const party = await db.party.findUnique({ where: { partnershipId_partyId: { partnershipId: id, partyId } } });
      const found = party ? await db.contact.count({ where: { id: { in: contactIds }, organisationId: party.organisationId } }) : 0;
      if (party && found !== new Set(contactIds).size) {
        throw problems.validation([
          { in: 'body', field: 'contactIds', pointer: '#/contactIds', detail: "Each contact must belong to the party's organisation" },
        ]);
      }
      return payload;
    },
    async importRunningPartnership(_id, payload, within) {
      const { parties } = payload;
      const kinds = await registeredKinds(parties.map((p) => p.organisationId));
      const unknown = parties.findIndex((p) => !kinds.has(p.organisationId));
      if (unknown >= 0) {
        throw problems.referenceNotFound([
          {
            in: 'body',
            field: `${within ? `${within}.` : ''}parties.${unknown}.organisationId`,
            pointer: `#${within ? `/${within}` : ''}/parties/${unknown}/organisationId`,
            detail: 'No organisation is registered with this id',
          },
        ]);
      }
      const resolved = parties.map((p, i) => ({ ...p, kind: registeredKind(kinds.get(p.organisationId)!, p.kind, `${within ? `${within}.` : ''}parties.${i}: `) }));
      return { ...payload, parties: resolved };
    },
    async addParty(_id, payload) {
      const registered = (await registeredKinds([payload.organisationId])).get(payload.organisationId);
      if (!registered) {
        throw problems.referenceNotFound([
          { in: 'body', field: 'organisationId', pointer: '#/organisationId', detail: 'No organisation is registered with this id' },
        ]);
      }
      return { ...payload, kind: registeredKind(registered, payload.kind, '') };
    },
  };

  /** The payload as the workflow is to get it, once what it points at is checked against the records. */
  async function checkReferences<T extends CommandType>(id: string, type: T, payload: CommandPayload<T>, within = ''): Promise<CommandPayload<T>> {
    const check = referenceChecks[type] as ((id: string, payload: CommandPayload<T>, within: string) => Promise<CommandPayload<T>>) | undefined;
    return check ? check(id, payload, within) : payload;
  }

  /** Waits, within the answer deadline, for an accepted step's outcome. */
  async function outcomeOf(update: WorkflowUpdateHandle<StepResult>): Promise<StepOutcome> {
    try {
      return { taken: await temporal.withDeadline(Date.now() + answerDeadlineMs, () => update.result()), stepId: update.updateId };
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) throw refusalOf(error) ?? error;
      throw error;
    }
  }

  return {
    checkReferences,

    /**
     * Registers a partnership under the given id, safely again: the row, its audit event and the
     * workflow's start commit together, and a second run with the same id finds both.
     */
    async register(id: string, input: CreatePartnershipRequest, principal: Principal, requestId: string, options: { imported?: boolean } = {}): Promise<void> {
      const challenge = input.challenge ? [...(await storeDocuments(db, [input.challenge])).values()][0]! : null;
      const tasks = openTasks(initialState(id)).map((t, position) => ({ key: t.key, kind: t.kind, partyId: t.partyId, waitsOnRole: t.waitsOnRole, dueOn: t.dueOn, position }));
      const event = { partnershipId: id, revision: 0, caseNumber: input.caseNumber ?? null, externalReferences: [] };
      // Straight through pg: one statement for the row, its audit event, its event and its first tasks.
      const connection = await db.pool.connect();
      let broken: Error | undefined;
      try {
        await connection.query('BEGIN');
        await connection.query({
          name: 'register-partnership',
          text: registerStatement,
          values: [id, input.title, input.challenge ?? null, input.caseNumber ?? null, input.coordinator.name, input.coordinator.email, principal.keyId, principal.kind, principal.role, requestId, `${id}:0:1`, JSON.stringify(event), JSON.stringify(tasks)],
        });
        await startWorkflow(id, challenge, options.imported ?? false);
        await connection.query('COMMIT');
        deps.wakeWebhooks?.();
      } catch (error) {
        await connection.query('ROLLBACK').catch((rollbackFailed: Error) => (broken = rollbackFailed));
        if (isTemporalUnavailable(error)) throw problems.unavailable('The workflow engine cannot be reached; try again');
        throw error;
      } finally {
        // A connection that could not roll back is closed, not handed to the next request.
        connection.release(broken);
      }
    },

    /**
     * Takes one step through the partnership's workflow: long texts are stored first and the
     * workflow gets their references; the workflow decides and records. The API never writes around
     * it. The Update's id makes a step sent again the same Update, which Temporal applies once.
     */
    async act<T extends CommandType>(
      id: string,
      type: T,
      payload: CommandPayload<T>,
      principal: Principal,
      requestId: string,
      updateId: string,
      expectedRevisions?: number[],
    ): Promise<StepOutcome> {
      // Straight through pg (Prisma compiles even a raw query), and only where the answer matters
      // before the workflow is asked: otherwise Temporal, which knows no workflow for an unknown id, tells.
      const texts = documentsIn(payload, stepDocuments[type]);
      const mustExist = async () => {
        const found = await db.pool.query({ name: 'partnership-exists', text: 'SELECT 1 FROM "Partnership" WHERE id = $1::uuid', values: [id] });
        if (found.rowCount === 0) throw problems.notFound('No such partnership');
      };
      // The route table has checked the role; only a representative's step needs its parties read.
      if (stepPolicy[type][principal.role] === 'own') {
        const { rows: parties } = await db.pool.query<{ partyId: string; organisationId: string }>({
          name: 'partnership-parties',
          text: 'SELECT "partyId", "organisationId" FROM "Party" WHERE "partnershipId" = $1::uuid',
          values: [id],
        });
        if (parties.length === 0) await mustExist();
        const verdict = mayTake(principal, { type, payload } as Command, parties);
        if (verdict !== 'allowed') throw problems.forbidden('A representative acts only for its own party', forbidden[verdict]);
      } else if (texts.length > 0 || type in referenceChecks) {
        // Nothing is stored, and no reference judged, for a partnership that does not exist.
        await mustExist();
      }
      const resolved = await checkReferences(id, type, payload);
      const refs = await storeDocuments(db, texts);
      const claimChecked = mapDocuments(resolved, stepDocuments[type], (text) => refs.get(text)!);
      const handle = temporal.workflow.getHandle(partnershipWorkflowId(id));
      const deadline = Date.now() + answerDeadlineMs;
      const args = {
        payload: claimChecked,
        actor: { type: principal.kind, keyId: principal.keyId, role: principal.role, organisationId: principal.organisationId },
        requestId,
        ...(expectedRevisions ? { expectedRevisions } : {}),
      };
      for (let attempt = 0; ; attempt += 1) {
        try {
          // One call: Temporal answers once the step is taken (or refused), as a bare Update does.
          const taken = await gate.run(id, deadline, () => temporal.withDeadline(deadline, () => handle.executeUpdate(actionUpdates[type], { args: [args], updateId })));
          return { taken, stepId: updateId };
        } catch (error) {
          if (error instanceof GateClosed) throw problems.unavailable('Too many steps wait on this partnership; try again, with the same Idempotency-Key');
          if (isWorkflowNotFound(error)) await mustExist();
          // Refused by Temporal's machinery, not by the rules: nothing was taken, and the same Update
          // (the same id, so never twice) is sent again a moment later, while the caller still waits.
          if (refusedByMachinery(error)) {
            const pause = Math.min(1_000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2);
            if (Date.now() + pause < deadline) {
              await new Promise((resolve) => setTimeout(resolve, pause));
              continue;
            }
            throw problems.unavailable('The workflow engine is busy with this partnership; try again, with the same Idempotency-Key');
          }
          const refused = refusalOf(error);
          if (refused) throw refused;
          // Never reached: nothing was delivered. Otherwise the step may have been taken, or may yet
          // be (timed out, or the connection dropped on the way): the caller is told where to read
          // its outcome, never that it failed.
          if (neverConnected(error)) throw problems.unavailable('The workflow engine cannot be reached; try again, with the same Idempotency-Key');
          if (isTemporalUnavailable(error) || isTimeout(error)) return { accepted: updateId };
          throw error;
        }
      }
    },

    /** The outcome of a step answered 202 Accepted, by its Update's id. */
    async stepOutcome(id: string, updateId: string): Promise<StepOutcome> {
      const update = temporal.workflow.getHandle(partnershipWorkflowId(id)).getUpdateHandle<StepResult>(updateId);
      try {
        return await outcomeOf(update);
      } catch (error) {
        if (isTemporalUnavailable(error) || isTimeout(error)) return { accepted: updateId };
        if (error instanceof WorkflowNotFoundError || /not found/i.test(String((error as Error)?.message))) throw problems.notFound('No such step');
        throw error;
      }
    },

    async find(id: string): Promise<PartnershipView> {
      const view = await readPartnership(db, id);
      if (!view) throw problems.notFound('No such partnership');
      return view;
    },
  };
}

/** A refusal by the workflow (its validator, or the step itself), as the problem the API answers. */
function refusalOf(error: unknown) {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    if (Object.values(forbidden).includes(error.cause.type ?? '')) return problems.forbidden(error.cause.message, error.cause.type ?? undefined);
    if (error.cause.type === 'STALE_REVISION') return problems.preconditionFailed(error.cause.message);
    return problems.refused(error.cause.type ?? 'REFUSED', error.cause.message);
  }
  if (isWorkflowNotFound(error) || /already completed/i.test(String((error as Error)?.message))) {
    return problems.refused('PARTNERSHIP_FINISHED', 'The partnership has ended; its record can still be read');
  }
  return null;
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

/** Temporal knows no such workflow, or it has completed: which of the two, the records tell. */
const isWorkflowNotFound = (error: unknown) => error instanceof WorkflowNotFoundError;

/**
 * The call never left: UNAVAILABLE before a connection was made, or the deadline passed while the
 * SDK, retrying, still waited for one. A step that got through on an earlier try is not taken
 * twice when the caller sends it again with the same Idempotency-Key (the same Update id).
 */
function neverConnected(error: unknown): boolean {
  for (let e = error as { code?: unknown; details?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    const text = `${String(e.details ?? '')} ${String(e.message ?? '')}`;
    if (e.code === 14 && /No connection established|ECONNREFUSED|Failed to connect/i.test(text)) return true;
    if (e.code === 4 && /waiting for (LB pick|metadata filters|connectivity)/i.test(text)) return true;
  }
  return false;
}

/**
 * Temporal refused the Update for its own reasons, before any workflow code took it: too many
 * Updates in flight on the workflow (RESOURCE_EXHAUSTED), or a workflow task that did not get to it
 * (UnprocessedUpdate, under a burst of Updates). Neither is the rules' answer, and neither took the step.
 */
function refusedByMachinery(error: unknown): boolean {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === 'UnprocessedUpdate') return true;
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.code === 8) return true;
  }
  return false;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'WorkflowUpdateRPCTimeoutOrCancelledError' || /deadline/i.test(error.message));
}

function isTemporalUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // gRPC UNAVAILABLE (14) and DEADLINE_EXCEEDED (4).
  return code === 14 || code === 4 || (error instanceof Error && error.name === 'ServiceError');
}

export type PartnershipService = ReturnType<typeof createPartnershipService>;
