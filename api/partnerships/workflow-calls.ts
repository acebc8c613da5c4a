// The API's calls to a partnership's workflow: its start, a step as an Update, and a step's outcome
// read later. What Temporal's answers mean for the caller is decided here, by platform/temporal-errors.ts.
import type { Client, WorkflowUpdateHandle } from '@temporalio/client';
import { forbidden } from '../../domain/policy';
import type { StepType } from '../../domain/steps';
import { temporalTrouble, updateHeld, workflowRefusal } from '../../platform/temporal-errors';
import { partnershipWorkflowId, partnershipWorkflowType, stepUpdates, type PartnershipWorkflowInput, type StepRequest, type StepResult } from '../../workflows/messages';
import { problems } from '../http/problem';
import { GateClosed, StepGate } from './step-gate';

const startDeadlineMs = 5_000;

/** A step's outcome: taken, or accepted by the workflow and still being recorded. */
export type StepOutcome = { taken: StepResult; stepId: string } | { accepted: string };

/** A refusal by the workflow (its validator, or the step itself), as the problem the API answers. */
function refusalProblem(error: unknown) {
  const refusal = workflowRefusal(error);
  if (!refusal) return null;
  if ((Object.values(forbidden) as string[]).includes(refusal.type)) return problems.forbidden(refusal.message, refusal.type);
  if (refusal.type === 'STALE_REVISION') return problems.preconditionFailed(refusal.message);
  return problems.refused(refusal.type, refusal.message);
}

const finished = () => problems.refused('PARTNERSHIP_FINISHED', 'The partnership has ended; its record can still be read');

export function createWorkflowCalls(deps: { temporal: Client; taskQueue: string; stepAnswerDeadlineMs?: number }) {
  const { temporal } = deps;
  const answerDeadlineMs = deps.stepAnswerDeadlineMs ?? 30_000;
  const gate = new StepGate();

  /**
   * Temporal answered neither yes nor no. Where it holds the Update, the caller is told where to read
   * its outcome; where it says it has none, or does not answer, nothing was taken, and the caller
   * sends the step again with the same Idempotency-Key (the same Update, which is never taken twice).
   */
  async function unanswered(id: string, updateId: string): Promise<StepOutcome> {
    if ((await updateHeld(temporal, partnershipWorkflowId(id), updateId)) === 'held') return { accepted: updateId };
    throw problems.unavailable('The workflow engine cannot be reached; try again, with the same Idempotency-Key');
  }

  return {
    /**
     * USE_EXISTING: starting a partnership's workflow a second time finds the running one. The
     * deadline keeps a caller from waiting on the SDK's retries while Temporal is down.
     */
    async start(partnershipId: string, registered: { challenge: string | null; caseNumber: string | null; imported: boolean }): Promise<void> {
      const { challenge, caseNumber, imported } = registered;
      const input: PartnershipWorkflowInput = { partnershipId, challenge, ...(caseNumber ? { caseNumber } : {}), ...(imported ? { imported } : {}) };
      try {
        await temporal.withDeadline(Date.now() + startDeadlineMs, () =>
          temporal.workflow.start(partnershipWorkflowType, {
            workflowId: partnershipWorkflowId(partnershipId),
            taskQueue: deps.taskQueue,
            args: [input],
            workflowIdConflictPolicy: 'USE_EXISTING',
          }),
        );
      } catch (error) {
        const trouble = temporalTrouble(error);
        if (trouble === 'unreachable' || trouble === 'timed-out') throw problems.unavailable('The workflow engine cannot be reached; try again');
        throw error;
      }
    },

    /**
     * One call: Temporal answers once the step is taken (or refused), as a bare Update does. The
     * Update's id makes a step sent again the same Update, which Temporal applies once. `exists`
     * tells, when Temporal knows no workflow, whether the partnership was never there or has ended.
     */
    async takeStep<T extends StepType>(id: string, type: T, request: StepRequest<T>, updateId: string, exists: () => Promise<void>): Promise<StepOutcome> {
      const handle = temporal.workflow.getHandle(partnershipWorkflowId(id));
      const deadline = Date.now() + answerDeadlineMs;
      for (let attempt = 0; ; attempt += 1) {
        try {
          const taken = await gate.run(id, deadline, () => temporal.withDeadline(deadline, () => handle.executeUpdate(stepUpdates[type], { args: [request], updateId })));
          return { taken, stepId: updateId };
        } catch (error) {
          if (error instanceof GateClosed) throw problems.unavailable('Too many steps wait on this partnership; try again, with the same Idempotency-Key');
          const refused = refusalProblem(error);
          if (refused) throw refused;
          const trouble = temporalTrouble(error);
          if (trouble === 'not-found') {
            await exists();
            throw finished();
          }
          // Refused by Temporal's machinery, not by the rules: nothing was taken, and the same Update
          // (the same id, so never twice) is sent again a moment later, while the caller still waits.
          if (trouble === 'busy') {
            const pause = Math.min(1_000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2);
            if (Date.now() + pause < deadline) {
              await new Promise((resolve) => setTimeout(resolve, pause));
              continue;
            }
            throw problems.unavailable('The workflow engine is busy with this partnership; try again, with the same Idempotency-Key');
          }
          // The step may have been taken, or may yet be (timed out, or the connection dropped on the way).
          if (trouble === 'unreachable' || trouble === 'timed-out') return unanswered(id, updateId);
          throw error;
        }
      }
    },

    /** The outcome of a step answered 202 Accepted, by its Update's id. */
    async stepOutcome(id: string, updateId: string): Promise<StepOutcome> {
      const update: WorkflowUpdateHandle<StepResult> = temporal.workflow.getHandle(partnershipWorkflowId(id)).getUpdateHandle<StepResult>(updateId);
      try {
        return { taken: await temporal.withDeadline(Date.now() + answerDeadlineMs, () => update.result()), stepId: update.updateId };
      } catch (error) {
        const refused = refusalProblem(error);
        if (refused) throw refused;
        const trouble = temporalTrouble(error);
        if (trouble === 'unreachable' || trouble === 'timed-out') return { accepted: updateId };
        if (trouble === 'not-found') throw problems.notFound('No such step');
        throw error;
      }
    },
  };
}
