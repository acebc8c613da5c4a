import { upcomingDeadlines, type Deadline } from '../../workflows/lifecycle/deadlines';
import { partnershipStateSchema } from '../../workflows/lifecycle/state';
import { effectiveTiming, type Timing } from '../../workflows/lifecycle/timing';

const recordedState = partnershipStateSchema.omit({ notifications: true });

/**
 * A partnership's upcoming deadlines, from its recorded state and its own timing, as of today.
 * Before its first step a partnership has no recorded state, and so no deadlines.
 */
export function recordedDeadlines(state: unknown): { deadlines: Deadline[]; timing: Timing } {
  const recorded = recordedState.safeParse(state);
  const timing = effectiveTiming(recorded.success ? recorded.data.timingOverrides : undefined);
  const today = new Date().toISOString().slice(0, 10);
  return { deadlines: recorded.success ? upcomingDeadlines(recorded.data, timing, today) : [], timing };
}
