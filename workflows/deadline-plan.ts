// The deadlines a state has ahead of it, worked out once per state and day: the step that makes a
// state asks for its next deadline (to record it), and the keeper asks again when it plans, when a
// step may have moved its plan, and when it tells a notice what comes next. Each asking costs a walk
// over the whole term's follow-ups; states are never changed once made, so the answer keeps.
import { upcomingDeadlines, type Deadline } from '../domain/deadlines';
import type { Rules } from '../domain/rules';
import type { PartnershipState } from '../domain/state';
import { effectiveTiming } from '../domain/timing';

const worked = new WeakMap<PartnershipState, { today: string; deadlines: readonly Deadline[] }>();

export function deadlinesAhead(state: PartnershipState, today: string, rules: Rules): readonly Deadline[] {
  const known = worked.get(state);
  if (known?.today === today) return known.deadlines;
  const deadlines = upcomingDeadlines(state, effectiveTiming(state.timingOverrides), today, rules);
  worked.set(state, { today, deadlines });
  return deadlines;
}
