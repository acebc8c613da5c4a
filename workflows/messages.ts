// The contract between the API and a partnership's workflow: ids, state, queries and updates.
// Imported by both sides, so it holds only plain types, schemas and Temporal message definitions.
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { commandTypes, type CommandPayload, type CommandType } from '../domain/commands';
import type { PartnershipState } from '../domain/state';
import type { OpenTask } from '../domain/tasks';
import type { Deadline } from '../domain/deadlines';

export { partnershipPhases, type PartnershipPhase } from '../domain/phases';
export type { PartnershipState } from '../domain/state';

export interface PartnershipWorkflowInput {
  partnershipId: string;
  /**
   * What an earlier run hands on when the workflow continues as new (at a new term, or when its
   * history grows long): the whole state and the deadlines already notified, so none is sent twice.
   */
  carried?: { state: PartnershipState; sentDeadlines: string[] };
}

/** Who took a step: the authenticated principal of the request, by id only. */
export interface Actor {
  type: 'API_KEY' | 'PERSON' | 'SYSTEM';
  keyId: string | null;
  role: string | null;
  organisationId: string | null;
}

export interface ActionRequest<T extends CommandType = CommandType> {
  payload: CommandPayload<T>;
  actor: Actor;
  requestId: string | null;
}

export const partnershipWorkflowType = 'partnershipWorkflow';

/** One workflow per partnership; its id derives from the partnership's, so a repeated start finds it. */
export function partnershipWorkflowId(partnershipId: string): string {
  return `partnership-${partnershipId}`;
}

export const partnershipStateQuery = defineQuery<PartnershipState>('partnershipState');

/** Every deadline still ahead, soonest first, less the notices already sent today. */
export const upcomingDeadlinesQuery = defineQuery<Deadline[]>('upcomingDeadlines');

/** What the partnership waits on, and whom: the work list of this one partnership. */
export const openTasksQuery = defineQuery<OpenTask[]>('openTasks');

/** One Update per human step, named as the command; each returns the new state. */
export const actionUpdates = Object.fromEntries(commandTypes.map((type) => [type, defineUpdate(type)])) as {
  [T in CommandType]: UpdateDefinition<PartnershipState, [ActionRequest<T>], T>;
};
