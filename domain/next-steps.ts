// What can happen next in a partnership, for one caller: every step its phase allows and the
// caller's role may take, each either ready or with the typed reason a guard gives now. A read of
// the partnership carries it, so that the workspace, the forms and integrators need not learn the
// order of the steps from a row of 409s.
import type { Refusal } from './refusals';
import type { Role, Scope } from './roles';
import type { PartnershipState } from './state';
import { kebab, stepPolicy, steps, stepTypes, type StepContext, type StepType } from './steps';
import type { StepDeclaration } from './steps/step';

export interface NextStep {
  type: StepType;
  /** Its URL's last segment: `POST …/actions/{action}`. */
  action: string;
  /** Why the step would be refused now, whatever its payload; null when a payload may be accepted. */
  refusal: Refusal | null;
}

export interface NextStepCaller {
  role: Role;
  /** The parties its organisation is, for a representative; what 'own' rights reach. */
  ownPartyIds: ReadonlySet<string>;
}

/** Steps the system takes or that only begin a case, never offered as what comes next. */
const notOffered: ReadonlySet<StepType> = new Set<StepType>(['expireTerm', 'importRunningPartnership']);

export function nextSteps(state: PartnershipState, caller: NextStepCaller, ctx: StepContext): NextStep[] {
  return stepTypes.flatMap((type): NextStep[] => {
    if (notOffered.has(type)) return [];
    const declaration = steps[type] as unknown as StepDeclaration;
    const scope: Scope | undefined = stepPolicy[type][caller.role];
    if (!scope || !declaration.phases.includes(state.phase)) return [];
    const actsFor = scope === 'any' ? () => true : (partyId: string) => caller.ownPartyIds.has(partyId);
    // A representative of no party in the partnership acts for none.
    if (scope === 'own' && !state.parties.some((p) => actsFor(p.partyId))) return [];
    return [{ type, action: kebab(type), refusal: declaration.ready?.(state, ctx, actsFor) ?? null }];
  });
}

