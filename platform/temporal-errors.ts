// Which Temporal client errors mean "not now" rather than "not this", told by the gRPC status code
// the call ended with (https://grpc.github.io/grpc/core/md_doc_statuscodes.html) and by the SDK's own
// error classes, never by a message's words. Beside database-errors.ts, its counterpart for PostgreSQL.
import { WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

export const grpcStatus = { DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, ALREADY_EXISTS: 6, PERMISSION_DENIED: 7, RESOURCE_EXHAUSTED: 8, UNIMPLEMENTED: 12, UNAVAILABLE: 14 } as const;

/**
 * - unreachable: no server answered (UNAVAILABLE);
 * - timed-out: the deadline passed before an answer (DEADLINE_EXCEEDED, or the SDK's Update timeout);
 * - busy: the server refused for its own load, before any workflow code ran (RESOURCE_EXHAUSTED, or an
 *   Update no workflow task got to): nothing was taken, and the same call may be sent again;
 * - not-found: no such workflow, or it has completed, or no such Update (NOT_FOUND).
 */
export type TemporalTrouble = 'unreachable' | 'timed-out' | 'busy' | 'not-found';

/** The status codes along an error's causes: the SDK wraps the gRPC error it got. */
export function statusCodes(error: unknown): number[] {
  const codes: number[] = [];
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && typeof e === 'object' && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'number') codes.push(e.code);
  }
  return codes;
}

export function temporalTrouble(error: unknown): TemporalTrouble | null {
  if (error instanceof WorkflowNotFoundError) return 'not-found';
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === 'UnprocessedUpdate') return 'busy';
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return 'timed-out';
  const codes = statusCodes(error);
  if (codes.includes(grpcStatus.RESOURCE_EXHAUSTED)) return 'busy';
  if (codes.includes(grpcStatus.NOT_FOUND)) return 'not-found';
  if (codes.includes(grpcStatus.UNAVAILABLE)) return 'unreachable';
  if (codes.includes(grpcStatus.DEADLINE_EXCEEDED)) return 'timed-out';
  return null;
}

/** A refusal by workflow code (an Update's validator or handler), as its type and message. */
export function workflowRefusal(error: unknown): { type: string; message: string } | null {
  if (!(error instanceof WorkflowUpdateFailedError) || !(error.cause instanceof ApplicationFailure)) return null;
  return { type: error.cause.type ?? 'REFUSED', message: error.cause.message };
}

/**
 * Whether the server holds an Update, asked after the call that sent it ended unreachable or timed
 * out: 'held' when it was admitted (its outcome is to be read later), 'not-held' when the server
 * answers that it has none (nothing was taken: the caller may send it again, under the same id), and
 * 'no-answer' when the server does not answer at all.
 */
export async function updateHeld(client: Client, workflowId: string, updateId: string, withinMs = 1_000): Promise<'held' | 'not-held' | 'no-answer'> {
  try {
    await client.connection.withDeadline(Date.now() + withinMs, () =>
      client.connection.workflowService.pollWorkflowExecutionUpdate({
        namespace: client.options.namespace,
        updateRef: { workflowExecution: { workflowId }, updateId },
        waitPolicy: { lifecycleStage: temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED },
      }),
    );
    return 'held';
  } catch (error) {
    // No answer in time is no answer: a server that is down and one too slow to say look the same.
    return temporalTrouble(error) === 'not-found' ? 'not-held' : 'no-answer';
  }
}
