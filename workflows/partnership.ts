import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, patched, proxyActivities, proxyLocalActivities, setHandler, upsertSearchAttributes, uuid4 } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { announcementsOf } from '../domain/announcements';
import { todayUnder } from '../domain/swedish-time';
import { decide, wouldRefuse } from '../domain/decide';
import { awaitsFinalAccounts, finalPhases } from '../domain/phases';
import { effectiveTiming } from '../domain/timing';
import { forbidden, mayTake } from '../domain/policy';
import { rulesOfRun } from '../domain/rules';
import { carriedState, initialState, upgradedState, type PartnershipState } from '../domain/state';
import { admitStep, staleRevision } from '../domain/step-admission';
import { stepTypes, type Step, type StepType } from '../domain/steps';
import { openTasks } from '../domain/tasks';
import { keepDeadlines } from './deadline-keeper';
import { deadlinesAhead } from './deadline-plan';
import { searchAttributesOf } from './search-attributes';
import { stepUpdates, openTasksQuery, partnershipStateQuery, type StepRequest, type Actor, type PartnershipWorkflowInput, type StepResult } from './messages';

// SMTP or the database may be down for hours; the work waits rather than fails. Local activities:
// each runs in the workflow task of the step or timer that needs it, and its outcome is one marker
// in the history rather than three events and a second workflow task. Both are idempotent (the
// audit row's revision, the e-mail's business key), so a repeated run writes and sends nothing twice.
const local = proxyLocalActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '15 minutes' },
});
const { sendPartnershipRegisteredEmail, announce } = local;
// A step's recording runs only once the step is in the history (domain/rules.ts,
// recordedOnceInHistory): a local activity runs inside the workflow task, and a task that Temporal
// drops leaves what it wrote committed. The database may be down for hours; the step waits.
const scheduled = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '15 minutes' },
});

/** The whole life of one partnership. It carries ids and references only: activities look up names, addresses and texts. */
export async function partnershipWorkflow(input: PartnershipWorkflowInput): Promise<void> {
  // Asked once, before anything else: a run keeps the rules it began under (domain/rules.ts).
  const rules = rulesOfRun(patched);
  const recordStep = rules.corrections.recordedOnceInHistory ? scheduled.recordStep : local.recordStep;
  let state = input.carried ? upgradedState(input.carried.state) : initialState(input.partnershipId, input.challenge ?? null);
  setHandler(partnershipStateQuery, () => state);
  setHandler(openTasksQuery, () => openTasks(state));
  const caseNumber = input.caseNumber ?? null;
  const publish = searchAttributesPublisher(caseNumber);
  publish(state, deadlinesAhead(state, todayUnder(rules, Date.now()), rules)[0]?.dueOn ?? null);

  // Steps are taken one at a time: each is decided on the recorded state of the one before, and its
  // new state becomes the workflow's only once the records hold it.
  let queue: Promise<unknown> = Promise.resolve();
  const announcing: Promise<unknown>[] = [];
  // When a running partnership was brought in: what fell due before then is not sent.
  let importedAt: number | null = null;

  /** Takes one step: decide, record, then adopt. Used by every Update and by the system on a deadline. */
  function take(step: Step, actor: Actor, requestId: string | null, expectedRevisions?: number[]): Promise<StepResult> {
    const takeIt = async (): Promise<StepResult> => {
      // Checked when the step's turn comes, after the steps queued before it: If-Match holds to the last.
      checkRevision(state.revision, expectedRevisions);
      const outcome = decide(state, step, { now: Date.now(), newId: uuid4, actorKeyId: actor.keyId, rules });
      if (!outcome.ok) throw failure(outcome.refusal);
      const { revision, phase } = outcome.state;
      const nextDeadlineOn = deadlinesAhead(outcome.state, todayUnder(rules, Date.now()), rules)[0]?.dueOn ?? null;
      try {
        await recordStep({
          partnershipId: state.partnershipId,
          revision,
          actor,
          requestId,
          step: step.type,
          phaseBefore: state.phase,
          changes: outcome.changes,
          openTasks: openTasks(outcome.state),
          nextDeadlineOn,
        });
      } catch (error) {
        // Only a refusal that no retry cures gets here: the step is refused and the state stays as it was.
        const cause = applicationFailureIn(error);
        throw ApplicationFailure.nonRetryable(cause?.message ?? 'The step could not be recorded', cause?.type ?? 'RECORDING_REFUSED');
      }
      const before = state;
      state = outcome.state;
      publish(state, nextDeadlineOn);
      if (step.type === 'importRunningPartnership') importedAt = Date.now();
      // Told without holding up the step's answer; the run ends only once everyone has been told.
      if (rules.calendarLaw.announcements) {
        for (const announcement of announcementsOf(before, state, step.type)) {
          announcing.push(announce({ partnershipId: state.partnershipId, revision, on: todayUnder(rules, Date.now()), announcement }));
        }
      }
      return { revision, phase, created: outcome.changes.filter((c) => c.op === 'added').map(({ entity, key }) => ({ entity, key })) };
    };
    const taken = queue.then(takeIt, takeIt);
    queue = taken.catch(() => undefined);
    return taken;
  }

  for (const type of stepTypes) {
    // The validator has checked the payload before the Update was accepted; a replay does not ask again.
    setHandler(stepUpdates[type], (request: StepRequest) => take({ type, payload: request.payload } as Step, request.actor, request.requestId, request.expectedRevisions), {
      // Runs before anything reaches the history: a refused step leaves no trace.
      validator: (request: StepRequest) => {
        checkRevision(state.revision, request.expectedRevisions);
        const step = toStep(type, request);
        // The API checked the same table; a caller that reaches Temporal directly meets it here.
        const verdict = mayTake(request.actor, step, state.parties);
        if (verdict !== 'allowed') {
          throw ApplicationFailure.nonRetryable(verdict === 'role-may-not' ? `A ${request.actor.role} may not ${type}` : 'A representative acts only for its own party', forbidden[verdict]);
        }
        const refusal = wouldRefuse(state, step, { now: Date.now(), newId: () => 'validator-placeholder', actorKeyId: request.actor.keyId, rules });
        if (refusal) throw failure(refusal);
      },
    });
  }

  // One notice among the others: the deadlines are planned from the first moment, whether or not it has gone out.
  const registered = input.carried || input.imported ? Promise.resolve() : sendPartnershipRegisteredEmail({ partnershipId: input.partnershipId });

  const ended = () => finalPhases.includes(state.phase);
  const handOver = await keepDeadlines(() => state, ended, take, input.carried?.sentDeadlines ?? [], rules, () => importedAt, (nextDeadlineOn) => publish(state, nextDeadlineOn));
  // Ended, it stays open a while for its final accounts: no party may profit from a surplus.
  if (!handOver && rules.calendarLaw.finalAccounts && awaitsFinalAccounts(state)) {
    await condition(() => !awaitsFinalAccounts(state), `${effectiveTiming(state.timingOverrides).finalAccountsWithinDays} days`);
  }
  // A step in flight finishes in this run; the next run starts from its result.
  await condition(allHandlersFinished);
  await queue;
  await registered;
  await Promise.all(announcing);
  if (handOver && !ended()) {
    return continueAsNew<typeof partnershipWorkflow>({ partnershipId: input.partnershipId, caseNumber, carried: { state: carriedState(state), sentDeadlines: handOver.carry } });
  }
}

/**
 * Keeps the workflow's search attributes (workflows/search-attributes.ts) to its state, with one
 * upsert whenever they change. Asked of Temporal at each upsert rather than once at the start, as
 * the rules are: a run begun before them takes them up at its next step, and so a running
 * partnership becomes findable without waiting for its next term.
 */
function searchAttributesPublisher(caseNumber: string | null) {
  let published = '';
  return (state: PartnershipState, nextDeadlineOn: string | null) => {
    if (!patched('search-attributes-2026-12-06')) return;
    const attributes = searchAttributesOf(state, caseNumber, nextDeadlineOn);
    const seen = JSON.stringify(attributes.map((a) => a.value));
    if (seen === published) return;
    published = seen;
    upsertSearchAttributes(attributes);
  };
}

/** The activity's own typed refusal, however deeply the SDK wrapped it. */
function applicationFailureIn(error: unknown): ApplicationFailure | null {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) if (e instanceof ApplicationFailure && e.type) return e;
  return null;
}

/** A refusal, as the failure an Update answers with. */
const failure = (refusal: { code: string; message: string }) => ApplicationFailure.nonRetryable(refusal.message, refusal.code);

function checkRevision(revision: number, expected: number[] | undefined): void {
  const stale = staleRevision(revision, expected);
  if (stale) throw failure(stale);
}

function toStep(type: StepType, request: StepRequest): Step {
  const admitted = admitStep(type, request.payload);
  if (!admitted.ok) throw failure(admitted.refusal);
  return admitted.step;
}
