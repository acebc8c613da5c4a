import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, patched, proxyActivities, setHandler, uuid4 } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { commandSchemas, commandTypes, type Command, type CommandType } from '../domain/commands';
import { decide, type DecisionContext } from '../domain/rules';
import { initialState, type PartnershipState } from '../domain/state';
import { actionUpdates, openTasksQuery, partnershipStateQuery, type ActionRequest, type Actor, type PartnershipWorkflowInput } from './messages';
import { finalPhases } from '../domain/phases';
import { openTasks } from '../domain/tasks';
import { forbidden, mayTake } from '../domain/policy';
import { keepDeadlines } from './deadline-keeper';

// SMTP or the database may be down for hours; the work waits rather than fails.
const { sendPartnershipRegisteredEmail, recordPartnershipChange } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '15 minutes' },
});

/** The whole life of one partnership. It carries ids only: activities look up names and addresses. */
export async function partnershipWorkflow(input: PartnershipWorkflowInput): Promise<PartnershipState> {
  let state = input.carried?.state ?? initialState(input.partnershipId);
  setHandler(partnershipStateQuery, () => state);
  setHandler(openTasksQuery, () => openTasks(state));

  // Records are written in the order the steps were taken, each keyed on its revision.
  let recorded: Promise<void> = Promise.resolve();

  /** Takes one step: decide, then record. Used by every Update and by the system on a deadline. */
  async function take(command: Command, actor: Actor, requestId: string | null): Promise<PartnershipState> {
    const before = state;
    const outcome = decide(state, command, { now: Date.now(), newId: uuid4, actorKeyId: actor.keyId });
    if (!outcome.ok) throw ApplicationFailure.nonRetryable(outcome.refusal.message, outcome.refusal.code);
    state = outcome.state;
    const change = {
      partnershipId: state.partnershipId,
      revision: state.revision,
      action: command.type,
      actor,
      requestId,
      phaseBefore: before.phase,
      phaseAfter: state.phase,
      state,
    };
    recorded = recorded.then(() => recordPartnershipChange(change));
    await recorded;
    return state;
  }

  for (const type of commandTypes) {
    setHandler(actionUpdates[type], (request: ActionRequest) => take(toCommand(type, request), request.actor, request.requestId), {
      // Runs before anything reaches the history: a refused step leaves no trace.
      validator: (request: ActionRequest) => {
        const command = toCommand(type, request);
        // The API checked the same table; a caller that reaches Temporal directly meets it here.
        const verdict = mayTake(request.actor, command, state.parties);
        if (verdict !== 'allowed') {
          throw ApplicationFailure.nonRetryable(verdict === 'role-may-not' ? `A ${request.actor.role} may not ${type}` : 'A representative acts only for its own party', forbidden[verdict]);
        }
        const outcome = decide(state, command, context(request, () => 'validator-placeholder'));
        if (!outcome.ok) throw ApplicationFailure.nonRetryable(outcome.refusal.message, outcome.refusal.code);
      },
    });
  }

  if (!input.carried) {
    await sendPartnershipRegisteredEmail({ partnershipId: input.partnershipId });
    state = { ...state, notifications: { registered: 'SENT' } };
  }

  const ended = () => finalPhases.includes(state.phase);
  if (patched('deadline-timers')) {
    const handOver = await keepDeadlines(() => state, ended, take, input.carried?.sentDeadlines ?? []);
    await recorded;
    // A step in flight finishes in this run; the next run starts from its result.
    await condition(allHandlersFinished);
    if (handOver && !ended()) {
      return continueAsNew<typeof partnershipWorkflow>({ partnershipId: input.partnershipId, carried: { state, sentDeadlines: handOver.carry } });
    }
  } else {
    await condition(ended);
  }
  await recorded;
  return state;
}

function toCommand(type: CommandType, request: ActionRequest): Command {
  // The API has validated the payload; a client that talks to Temporal directly is held to the same schema.
  const parsed = commandSchemas[type].safeParse(request.payload);
  if (!parsed.success) {
    throw ApplicationFailure.nonRetryable(`Invalid ${type}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, 'INVALID_COMMAND');
  }
  return { type, payload: parsed.data } as Command;
}

function context(request: ActionRequest, newId: () => string): DecisionContext {
  // Workflow time is deterministic: Date.now() inside a workflow is the time of the current task.
  return { now: Date.now(), newId, actorKeyId: request.actor.keyId };
}
