import { ApplicationFailure, condition, patched, proxyActivities, setHandler, uuid4 } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { commandSchemas, commandTypes, type Command, type CommandType } from './lifecycle/commands';
import { decide, type DecisionContext } from './lifecycle/rules';
import { initialState, type PartnershipState } from './lifecycle/state';
import { actionUpdates, openTasksQuery, partnershipStateQuery, type ActionRequest, type Actor, type PartnershipWorkflowInput } from './messages';
import { finalPhases } from './phases';
import { openTasks } from './lifecycle/tasks';
import { isoDay } from './lifecycle/dates';
import { upcomingDeadlines, type Deadline } from './lifecycle/deadlines';
import { defaultTiming } from './lifecycle/timing';

// SMTP or the database may be down for hours; the work waits rather than fails.
const { sendPartnershipRegisteredEmail, recordPartnershipChange, notifyDeadline } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '15 minutes' },
});

/** The whole life of one partnership. It carries ids only: activities look up names and addresses. */
export async function partnershipWorkflow(input: PartnershipWorkflowInput): Promise<PartnershipState> {
  let state = initialState(input.partnershipId);
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
        const outcome = decide(state, toCommand(type, request), context(request, () => 'validator-placeholder'));
        if (!outcome.ok) throw ApplicationFailure.nonRetryable(outcome.refusal.message, outcome.refusal.code);
      },
    });
  }

  await sendPartnershipRegisteredEmail({ partnershipId: input.partnershipId });
  state = { ...state, notifications: { registered: 'SENT' } };

  const ended = () => finalPhases.includes(state.phase);
  if (patched('deadline-timers')) {
    await keepDeadlines(() => state, ended, take);
  } else {
    await condition(ended);
  }
  await recorded;
  return state;
}

/**
 * Sleeps until the next deadline and sends its notice; any accepted step wakes it to plan again,
 * so a changed term or a new phase reschedules or cancels what is pending.
 */
async function keepDeadlines(
  current: () => PartnershipState,
  ended: () => boolean,
  take: (command: Command, actor: Actor, requestId: string | null) => Promise<PartnershipState>,
): Promise<void> {
  const sent = new Set<string>();
  while (!ended()) {
    const state = current();
    const next = upcomingDeadlines(state, defaultTiming, isoDay(Date.now())).find((d) => !sent.has(d.key));
    const changed = () => ended() || current().revision !== state.revision;
    if (!next) {
      await condition(changed);
      continue;
    }
    // Notices go out at 07:00 UTC (08:00 or 09:00 in Sweden) on their day.
    const wait = Date.parse(`${next.dueOn}T07:00:00Z`) - Date.now();
    if (wait > 0 && (await condition(changed, wait))) continue;
    sent.add(next.key);
    const step = systemStep(current(), next);
    // The step first, so that the notice tells what has happened.
    if (step && decide(current(), step, { now: Date.now(), newId: () => 'check', actorKeyId: null }).ok) await take(step, systemActor, null);
    await notifyDeadline({ partnershipId: state.partnershipId, deadline: next });
  }
}

const systemActor: Actor = { type: 'SYSTEM', keyId: null, role: null, organisationId: null };

/** What the system does by itself when a deadline passes: nobody has to remember. */
function systemStep(state: PartnershipState, deadline: Deadline): Command | null {
  switch (deadline.kind) {
    case 'DECISION_FINAL':
      return deadline.partyId ? { type: 'confirmDecisionFinal', payload: { partyId: deadline.partyId } } : null;
    case 'EVALUATION_DUE':
      // The yearly evaluations are reminders; the one before renegotiation enters EVALUATION.
      return state.phase === 'IMPLEMENTATION' && deadline.key.endsWith(':final') ? { type: 'startEvaluation', payload: {} } : null;
    case 'TERM_END':
      return { type: 'expireTerm', payload: {} };
    default:
      return null;
  }
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
