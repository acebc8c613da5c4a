// What the API does with a partnership: register it, take a step through its workflow, read the
// outcome of a step answered later, and find its record. Each job is its own module; this one puts
// them in order. The API never writes a partnership around its workflow.
import type { Client } from '@temporalio/client';
import { initialState } from '../../domain/state';
import { openTasks } from '../../domain/tasks';
import type { Step, StepPayload, StepType } from '../../domain/steps';
import type { Database } from '../../platform/database';
import { storeDocuments } from '../../records/document-store';
import { partnershipExists, registerPartnership } from '../../records/registration';
import type { Principal } from '../auth/principal';
import { problems } from '../http/problem';
import { claimChecked, textsOf } from './claim-check';
import { checkReferences, pointsOutside } from './reference-checks';
import { checkRepresentative, judgedByParty } from './representative-check';
import type { CreatePartnershipRequest } from './schemas';
import { readPartnership, type PartnershipRecordView } from './views';
import { createWorkflowCalls, type StepOutcome } from './workflow-calls';

export type { StepOutcome };

export interface PartnershipServiceDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
  /** How long a step's caller waits for its outcome before it is answered 202 Accepted (30 s). */
  stepAnswerDeadlineMs?: number;
  /** Called once a registration's event is committed (events/wake-webhooks.ts). */
  wakeWebhooks?: () => void;
}

export function createPartnershipService(deps: PartnershipServiceDeps) {
  const { db } = deps;
  const workflow = createWorkflowCalls(deps);
  const mustExist = (id: string) => async () => {
    if (!(await partnershipExists(db, id))) throw problems.notFound('No such partnership');
  };

  return {
    checkReferences: <T extends StepType>(id: string, type: T, payload: StepPayload<T>, within = '') => checkReferences(db, id, type, payload, within),

    /**
     * Registers a partnership under the given id, safely again: the row, its audit event and the
     * workflow's start commit together, and a second run with the same id finds both.
     */
    async register(id: string, input: CreatePartnershipRequest, principal: Principal, requestId: string, options: { imported?: boolean } = {}): Promise<void> {
      const challenge = input.challenge ? [...(await storeDocuments(db, [input.challenge])).values()][0]! : null;
      await registerPartnership(
        db,
        {
          id,
          title: input.title,
          challenge: input.challenge ?? null,
          caseNumber: input.caseNumber ?? null,
          coordinatorName: input.coordinator.name,
          coordinatorEmail: input.coordinator.email,
          actor: { type: principal.type, keyId: principal.keyId, role: principal.role },
          requestId,
          event: { id: `${id}:0:1`, data: { partnershipId: id, revision: 0, caseNumber: input.caseNumber ?? null, externalReferences: [] } },
          tasks: openTasks(initialState(id)).map((t, position) => ({ key: t.key, kind: t.kind, partyId: t.partyId, waitsOnRole: t.waitsOnRole, dueOn: t.dueOn, position })),
        },
        () => workflow.start(id, { challenge, caseNumber: input.caseNumber ?? null, imported: options.imported ?? false }),
      );
      // Told once the registration's event is committed: a subscription's workflow waits to be woken.
      deps.wakeWebhooks?.();
    },

    /**
     * Takes one step through the partnership's workflow: what it points at is checked, its long
     * texts are stored and the workflow gets their references; the workflow decides and records.
     */
    async act<T extends StepType>(
      id: string,
      type: T,
      payload: StepPayload<T>,
      principal: Principal,
      requestId: string,
      updateId: string,
      expectedRevisions?: number[],
    ): Promise<StepOutcome> {
      const exists = mustExist(id);
      // Only where the answer matters before the workflow is asked: otherwise Temporal, which knows
      // no workflow for an unknown id, tells. Nothing is stored, and no reference judged, for a
      // partnership that does not exist.
      const step = { type, payload } as Step;
      if (judgedByParty(step, principal)) await checkRepresentative(db, id, step, principal, exists);
      else if (textsOf(type, payload).length > 0 || pointsOutside(type)) await exists();
      const checked = await claimChecked(db, type, await checkReferences(db, id, type, payload));
      const actor = { type: principal.type, keyId: principal.keyId, role: principal.role, organisationId: principal.organisationId };
      return workflow.takeStep(id, type, { payload: checked, actor, requestId, ...(expectedRevisions ? { expectedRevisions } : {}) }, updateId, exists);
    },

    /** The outcome of a step answered 202 Accepted, by its Update's id. */
    stepOutcome: (id: string, updateId: string) => workflow.stepOutcome(id, updateId),

    async find(id: string): Promise<PartnershipRecordView> {
      const view = await readPartnership(db, id);
      if (!view) throw problems.notFound('No such partnership');
      return view;
    },
  };
}

export type PartnershipService = ReturnType<typeof createPartnershipService>;
