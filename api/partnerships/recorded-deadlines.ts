import { upcomingDeadlines, type Deadline } from '../../domain/deadlines';
import { partnershipStateSchema } from '../../domain/state';
import { effectiveTiming, type Timing } from '../../domain/timing';

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
