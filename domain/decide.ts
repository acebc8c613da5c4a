// The lifecycle's rules (docs/domain.md section 3) as one pure function: given a state and a
// command, either the next state and what changed, or a typed refusal. The workflow's Update
// validators and handlers both call it; nothing here does I/O or reads a clock.
import { changesBetween, type Change } from './changes';
import { refuse, type Refusal } from './refusals';
import type { PartnershipState } from './state';
import { steps, type Command, type CommandType, type StepContext } from './steps';
import { todayOf, type StepDeclaration } from './steps/step';

export type DecisionContext = StepContext;

export type Outcome = { ok: true; state: PartnershipState; changes: Change[] } | { ok: false; refusal: Refusal };

export function decide(state: PartnershipState, command: Command, ctx: DecisionContext): Outcome {
  const applied = apply(state, command, ctx);
  return applied.ok ? { ...applied, changes: changesBetween(state, applied.state) } : applied;
}

/** Whether the step would be refused, and why: what a validator asks, without working out the changes. */
export function refusalOf(state: PartnershipState, command: Command, ctx: DecisionContext): Refusal | null {
  const applied = apply(state, command, ctx);
  return applied.ok ? null : applied.refusal;
}

function apply(state: PartnershipState, command: Command, ctx: DecisionContext): { ok: true; state: PartnershipState } | { ok: false; refusal: Refusal } {
  const step = steps[command.type] as unknown as StepDeclaration;
  if (!step.phases.includes(state.phase)) {
    return { ok: false, refusal: refuse('WRONG_PHASE', `${command.type} is not possible in ${state.phase}`) };
  }
  const next = structuredCopy(state);
  const refusal = step.apply(next, command.payload, ctx);
  if (refusal) return { ok: false, refusal };
  next.revision = state.revision + 1;
  if (next.phase !== state.phase || next.term !== state.term) next.phaseEnteredOn = todayOf(ctx);
  return { ok: true, state: next };
}

/** The state is plain JSON: a JSON copy is a deep copy, and deterministic. */
const structuredCopy = (state: PartnershipState): PartnershipState => JSON.parse(JSON.stringify(state)) as PartnershipState;

export type { Command, CommandType };
