// What the system does by itself when a deadline passes, so that nobody has to remember: a decision
// becomes final, the evaluation before renegotiation begins, a term expires, an agreed new term starts.
import { wouldRefuse } from './decide';
import type { Deadline } from './deadlines';
import type { Rules } from './rules';
import type { PartnershipState } from './state';
import type { Step, StepContext } from './steps';

function systemStep(state: PartnershipState, deadline: Deadline): Step | null {
  switch (deadline.kind) {
    case 'DECISION_FINAL':
      return deadline.partyId ? { type: 'confirmDecisionFinal', payload: { partyId: deadline.partyId } } : null;
    case 'EVALUATION_DUE':
      // The yearly evaluations are reminders; the one before renegotiation enters EVALUATION.
      return state.phase === 'IMPLEMENTATION' && deadline.key.endsWith(':final') ? { type: 'startEvaluation', payload: {} } : null;
    case 'TERM_END':
      return { type: 'expireTerm', payload: {} };
    case 'NEW_TERM_START': {
      const agreed = state.renegotiations.find((r) => r.term === state.term && r.outcome === 'CONTINUE')?.nextTerm;
      return agreed ? { type: 'startNewTerm', payload: agreed } : null;
    }
    default:
      return null;
  }
}

/**
 * The step the system takes at a deadline, or null: none is due, or the rules would refuse it now (a
 * person's step overtook it), and then the notice goes out all the same.
 */
export function systemStepDue(state: PartnershipState, deadline: Deadline, ctx: StepContext): Step | null {
  const step = systemStep(state, deadline);
  return step && !wouldRefuse(state, step, ctx) ? step : null;
}

/** Whether a deadline is told by the step it takes, which says truthfully what happened, rather than by a notice of its own. */
export const toldByItsStep = (deadline: Deadline, rules: Rules): boolean => rules.calendarLaw.announcements && (deadline.kind === 'TERM_END' || deadline.kind === 'NEW_TERM_START');
