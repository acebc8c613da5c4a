// The lifecycle's rules (docs/domain.md section 3) as one pure function: given a state and a
// step, either the next state and what changed, or a typed refusal. The workflow's Update
// validators and handlers both call it; nothing here does I/O or reads a clock.
import { changesBetween, type Change } from './changes';
import { refuse, type Refusal } from './refusals';
import type { PartnershipState } from './state';
import { steps, type Step, type StepContext, type StepType } from './steps';
import { todayOf, type StepDeclaration } from './steps/step';

export type Outcome = { ok: true; state: PartnershipState; changes: Change[] } | { ok: false; refusal: Refusal };

export function decide(state: PartnershipState, step: Step, ctx: StepContext): Outcome {
  const applied = apply(state, step, ctx);
  return applied.ok ? { ...applied, changes: changesBetween(state, applied.state) } : applied;
}

/** Whether the step would be refused, and why: what a validator asks, without working out the changes. */
export function wouldRefuse(state: PartnershipState, step: Step, ctx: StepContext): Refusal | null {
  const applied = apply(state, step, ctx);
  return applied.ok ? null : applied.refusal;
}

function apply(state: PartnershipState, step: Step, ctx: StepContext): { ok: true; state: PartnershipState } | { ok: false; refusal: Refusal } {
  const declaration = steps[step.type] as unknown as StepDeclaration;
  if (!declaration.phases.includes(state.phase)) {
    return { ok: false, refusal: refuse('WRONG_PHASE', `${step.type} is not possible in ${state.phase}`) };
  }
  const next = structuredCopy(state);
  const refusal = declaration.ready?.(next, ctx, everyParty) ?? declaration.apply(next, step.payload, ctx);
  if (refusal) return { ok: false, refusal };
  next.revision = state.revision + 1;
  if (next.phase !== state.phase || next.term !== state.term) next.phaseEnteredOn = todayOf(ctx);
  return { ok: true, state: next };
}

/** The workflow judges a step for any party; whose party it is was settled by the policy (domain/policy.ts). */
const everyParty = () => true;

/** The state is plain JSON: a JSON copy is a deep copy, and deterministic. */
const structuredCopy = (state: PartnershipState): PartnershipState => JSON.parse(JSON.stringify(state)) as PartnershipState;

export type { Step, StepContext, StepType };
