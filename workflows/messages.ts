// The contract between the API and a partnership's workflow: ids, references, queries and updates.
// Imported by both sides, so it holds only plain types and Temporal message definitions. Nothing
// that crosses it is a document: long texts travel as references (domain/documents.ts).
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { EntityName } from '../domain/changes';
import type { Deadline } from '../domain/deadlines';
import type { PartnershipPhase } from '../domain/phases';
import type { PartnershipState } from '../domain/state';
import { stepTypes, type StepPayload, type StepType } from '../domain/steps';
import type { OpenTask } from '../domain/tasks';

export { partnershipPhases, type PartnershipPhase } from '../domain/phases';
export type { PartnershipState } from '../domain/state';

export interface PartnershipWorkflowInput {
  partnershipId: string;
  /** The case number (diarienummer) given at registration: the workflow is found by it (workflows/search-attributes.ts). */
  caseNumber?: string | null;
  /** The challenge given at registration, as a document reference. */
  challenge?: string | null;
  /**
   * What an earlier run hands on when the workflow continues as new (at a new term, or when its
   * history grows long): the state the rules read and the deadlines already notified, so none is sent twice.
   */
  carried?: { state: PartnershipState; sentDeadlines: string[] };
  /** A running partnership being brought in: its first step is the import, and it is not announced as new. */
  imported?: boolean;
}

/** Who took a step: the authenticated principal of the request, by id only. */
export interface Actor {
  type: 'API_KEY' | 'PERSON' | 'SYSTEM';
  keyId: string | null;
  role: string | null;
  organisationId: string | null;
}

export interface StepRequest<T extends StepType = StepType> {
  payload: StepPayload<T>;
  actor: Actor;
  requestId: string | null;
  /** If-Match: the step is taken only on one of these revisions, else refused as STALE_REVISION. */
  expectedRevisions?: number[];
}

/** What an accepted step answers: small, whatever the step carried. The API reads the rest from the records. */
export interface StepResult {
  revision: number;
  phase: PartnershipPhase;
  /** What the step created, by entity and key: a new party's id, a new agreement version's number, … */
  created: { entity: EntityName; key: string }[];
}

export const partnershipWorkflowType = 'partnershipWorkflow';

/** One workflow per partnership; its id derives from the partnership's, so a repeated start finds it. */
export function partnershipWorkflowId(partnershipId: string): string {
  return `partnership-${partnershipId}`;
}

/** The state the rules read: for tests and operators. Callers read the records. */
export const partnershipStateQuery = defineQuery<PartnershipState>('partnershipState');

/** Every deadline still ahead, soonest first, less the notices already sent today. */
export const upcomingDeadlinesQuery = defineQuery<Deadline[]>('upcomingDeadlines');

/** What the partnership waits on, and whom: the work list of this one partnership. */
export const openTasksQuery = defineQuery<OpenTask[]>('openTasks');

/** One Update per human step, named as the step. */
export const stepUpdates = Object.fromEntries(stepTypes.map((type) => [type, defineUpdate(type)])) as {
  [T in StepType]: UpdateDefinition<StepResult, [StepRequest<T>], T>;
};
