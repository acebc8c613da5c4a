// Every step of a partnership's life, by the name of its Update and (in kebab case) its HTTP action.
// The tables the rest of the product needs are derived here, never written out again.
import type { z } from 'zod';
import type { PartnershipPhase } from '../phases';
import type { Rights } from '../roles';
import { agreementSteps } from './agreement';
import { anyPhaseSteps } from './any-phase';
import { decisionSteps } from './decision';
import { endingSteps } from './endings';
import { implementationSteps } from './implementation';
import { importSteps } from './import';
import { initiationSteps } from './initiation';
import { partySteps } from './parties';
import { renegotiationSteps } from './renegotiation';
import type { StepDeclaration } from './step';

export const steps = {
  ...initiationSteps,
  ...agreementSteps,
  ...decisionSteps,
  ...implementationSteps,
  ...partySteps,
  ...renegotiationSteps,
  ...anyPhaseSteps,
  ...endingSteps,
  ...importSteps,
};

export type StepType = keyof typeof steps;
export type StepPayload<T extends StepType> = z.infer<(typeof steps)[T]['payload']>;
export type Step = { [T in StepType]: { type: T; payload: StepPayload<T> } }[StepType];
export const stepTypes = Object.keys(steps) as StepType[];

const derive = <V>(pick: (step: StepDeclaration) => V) =>
  Object.fromEntries(stepTypes.map((type) => [type, pick(steps[type] as unknown as StepDeclaration)])) as Record<StepType, V>;

export const stepPayloadSchemas = derive((step) => step.payload);
export const allowedPhases = derive((step): readonly PartnershipPhase[] => step.phases);
export const stepPolicy = derive((step): Rights => step.rights);
export const stepSummaries = derive((step) => step.summary);
export const stepConditions = derive((step): readonly string[] => step.conditions ?? []);
export const stepDocuments = derive((step): readonly string[] => step.documents ?? []);

/** The step's name in a URL: `recordDecision` is `record-decision`. */
export const kebab = (type: string) => type.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export type { StepContext } from './step';
