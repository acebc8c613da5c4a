// The partnership's clock: one durable timer at a time, for the soonest deadline not yet notified.
import { CancellationScope, condition, proxyLocalActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { todayUnder } from '../domain/swedish-time';
import type { Deadline } from '../domain/deadlines';
import { systemStepDue, toldByItsStep } from '../domain/deadline-steps';
import type { Rules } from '../domain/rules';
import type { PartnershipState } from '../domain/state';
import type { Step } from '../domain/steps';
import { noticeInstant } from '../domain/timing';
import { deadlinesAhead } from './deadline-plan';
import { upcomingDeadlinesQuery, type Actor, type StepResult } from './messages';

// A local activity: it runs in the workflow task that the timer woke, and its outcome is one marker
// in the history rather than three events and a second workflow task. The e-mail's business key
// makes a repeated run send nothing twice. SMTP may be down for hours: it waits rather than fails.
const { notifyDeadline } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '15 minutes' },
});

/** Well below Temporal's own limits: a run that has grown this long hands over to a fresh one. */
export const historyBound = 2_000;

type Take = (step: Step, actor: Actor, requestId: string | null) => Promise<StepResult>;

/** A notified deadline, as remembered: a deadline moved to another day is a new notice. */
const sentKey = (d: Deadline) => `${d.key}@${d.dueOn}`;

/**
 * Sleeps until the next deadline and sends its notice; any accepted step wakes it to plan again,
 * so a changed term, timing or phase reschedules or cancels what is pending. Returns when the
 * partnership has ended, or, with the deadlines still to remember, when the run should continue
 * as new.
 */
export async function keepDeadlines(
  current: () => PartnershipState,
  ended: () => boolean,
  take: Take,
  alreadySent: string[],
  rules: Rules,
  /** An instant before which nothing falls due: a running partnership's import. */
  notBefore: () => number | null = () => null,
  /** Told the next deadline once a notice has gone out, which moves it. */
  noticeSent: (nextDeadlineOn: string | null) => void = () => undefined,
): Promise<{ carry: string[] } | null> {
  const sent = new Set(alreadySent);
  const startTerm = current().term;
  const pending = () => deadlinesAhead(current(), todayUnder(rules, Date.now()), rules).filter((d) => !sent.has(sentKey(d)));
  // Workflow time in a query is that of the last step or timer: nothing has fallen due since, or it would have woken the workflow.
  setHandler(upcomingDeadlinesQuery, pending);
  const alarm = new Alarm();
  /** What the loop plans: the next notice and its instant, or none. */
  const plan = () => {
    const next = pending()[0];
    return next ? { next, at: noticeInstant(next.dueOn, current().timingOverrides, rules) } : null;
  };
  /**
   * Whether a step since the loop went to sleep calls for planning again: the partnership ended or
   * should hand over, its next notice or that notice's instant moved, or the instant has come. A
   * step that leaves the plan as it was (most do) is not woken for: planning again would only go
   * back to the same sleep, and so the commands are those of waking on every step.
   */
  const replanNeeded = (planned: ReturnType<typeof plan>) => {
    const plannedKey = planned && sentKey(planned.next);
    let seen = current().revision;
    return () => {
      if (ended()) return true;
      const state = current();
      if (state.revision === seen) return false;
      seen = state.revision;
      const now = plan();
      return shouldHandOver(state.term !== startTerm) || (now && sentKey(now.next)) !== plannedKey || now?.at !== planned?.at || (now !== null && now.at <= Date.now());
    };
  };
  while (!ended()) {
    const state = current();
    const today = todayUnder(rules, Date.now());
    if (shouldHandOver(state.term !== startTerm)) {
      return { carry: [...sent].filter((key) => key.slice(key.lastIndexOf('@') + 1) >= today) };
    }
    const planned = plan();
    const changed = replanNeeded(planned);
    if (!planned) {
      alarm.clear();
      await condition(changed);
      continue;
    }
    const { next, at } = planned;
    if (at > Date.now()) {
      // A step that leaves the next deadline where it was keeps its timer: only a moved one is replaced.
      const ringing = alarm.at(at);
      await condition(() => changed() || ringing.rang);
      if (!ringing.rang) continue;
    }
    alarm.clear();
    sent.add(sentKey(next));
    // Due before the partnership was brought in: the running partnership saw to it then.
    if (at <= (notBefore() ?? -Infinity)) continue;
    // The step first, so that the notice tells what has happened.
    const step = systemStepDue(current(), next, { now: Date.now(), newId: () => 'check', actorKeyId: null, rules });
    if (step) await take(step, systemActor, null).catch(() => undefined);
    if (!toldByItsStep(next, rules)) {
      // The planned instant is only measured against (activities/worker-metrics.ts): a local activity's input is no command, and a replay is unchanged by it.
      const nextDeadlineOn = pending()[0]?.dueOn ?? null;
      await notifyDeadline({ partnershipId: state.partnershipId, deadline: next, nextDeadlineOn, plannedAt: at });
      noticeSent(nextDeadlineOn);
    }
  }
  return null;
}

/**
 * One durable timer at a time, for one instant; set again only when the instant moves. Its
 * cancellation scope serves timer after timer until one is cancelled: a timer that has fired is
 * untouched by a later cancel, and a scope the fewer is three promises the fewer, for each of which
 * the SDK captures a stack (a burst of reminders is mostly such work).
 */
class Alarm {
  private current: { instant: number; rang: boolean } | null = null;
  private scope: CancellationScope | null = null;

  at(instant: number): { rang: boolean } {
    if (this.current?.instant === instant) return this.current;
    this.clear();
    const scope = (this.scope ??= new CancellationScope());
    const entry = { instant, rang: false };
    scope.run(() => sleep(instant - Date.now())).then(
      () => {
        entry.rang = true;
      },
      () => undefined,
    );
    this.current = entry;
    return entry;
  }

  clear(): void {
    if (this.current && !this.current.rang) {
      this.scope?.cancel();
      this.scope = null;
    }
    this.current = null;
  }
}

function shouldHandOver(newTerm: boolean): boolean {
  const info = workflowInfo();
  return newTerm || info.continueAsNewSuggested || info.historyLength > historyBound;
}

const systemActor: Actor = { type: 'SYSTEM', keyId: null, role: null, organisationId: null };
