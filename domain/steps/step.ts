// What declares a step, and the pieces its payload schemas share.
import { z } from 'zod';
import type { PartnershipPhase } from '../phases';
import { refuse, type Refusal } from '../refusals';
import type { Rights } from '../roles';
import { freeText } from '../text';
import type { Party, PartnershipState } from '../state';
import { currentRules, type Rules } from '../rules';
import { todayUnder } from '../swedish-time';

export interface StepContext {
  /** Workflow time, epoch milliseconds. */
  now: number;
  /** A fresh id; the validator passes a placeholder, since it must not draw on the workflow's randomness. */
  newId: () => string;
  actorKeyId: string | null;
  /** The rules of the workflow's run (domain/rules.ts); absent, the current ones. */
  rules?: Rules;
}

export const rulesOf = (ctx: StepContext): Rules => ctx.rules ?? currentRules;

/** The workflow's today: one clock decides what a client's date means. */
export const todayOf = (ctx: StepContext): string => todayUnder(rulesOf(ctx), ctx.now);

/** A date a client gives for something that has happened: never after the workflow's today. */
export function notInFuture(ctx: StepContext, field: string, date: string | null | undefined): Refusal | void {
  if (rulesOf(ctx).calendarLaw.datesChecked && date && date > todayOf(ctx)) return refuse('DATE_IN_FUTURE', `${field} ${date} is after today (${todayOf(ctx)}): record what has happened`);
}

/**
 * One step of a partnership's life, declared once: the API's route, validation and OpenAPI entry,
 * the policy table, the workflow's Update and the table in docs/security.md are all derived from it.
 */
export interface StepDeclaration<S extends z.ZodType = z.ZodType> {
  summary: string;
  /** The phases the step may be taken in; any other answers WRONG_PHASE. */
  phases: readonly PartnershipPhase[];
  /** Who may take it. */
  rights: Rights;
  payload: S;
  /**
   * Where the payload holds long texts (a path of property names, `*` for every property, `[]` for
   * every element). The API stores each in PostgreSQL and hands the workflow its reference
   * (`sha256:…`): histories carry references, never documents.
   */
  documents?: readonly string[];
  /**
   * What the state must hold for the step whatever its payload, for the parties the caller may act
   * for: checked before `apply`, and what a partnership's read reports as the steps it waits on
   * (domain/next-steps.ts). When it refuses, every payload would be refused.
   */
  ready?: (state: PartnershipState, ctx: StepContext, actsFor: (partyId: string) => boolean) => Refusal | void;
  /** Its guards in words, with their refusal codes, for the OpenAPI description. */
  conditions?: readonly string[];
  /** Changes the copy of the state it is given, or refuses. */
  apply: (state: PartnershipState, payload: z.infer<S>, ctx: StepContext) => Refusal | void;
}

export const defineStep = <S extends z.ZodType>(declaration: StepDeclaration<S>): StepDeclaration<S> => declaration;

export const id = z.uuid();
export const text = (max: number) => freeText(1, max);
/** An optional note: may be empty. */
export const note = (max: number) => freeText(0, max).default('');
export const isoDate = z.iso.date().meta({ description: 'A calendar date, YYYY-MM-DD' });
export const partyIds = z.array(id).min(1).max(100);

export const surplus = z
  .object({
    handling: z.enum(['NONE', 'REINVESTED', 'REPAID']),
    amountSek: z.number().nonnegative().nullable().default(null),
    note: note(2_000),
  })
  .strict()
  .meta({ description: 'What happens to any surplus: no party may profit, so it is reinvested or repaid' });

export const findParty = (state: PartnershipState, partyId: string): Party | undefined => state.parties.find((p) => p.partyId === partyId);
export const unknownParty = (partyId: string) => refuse('UNKNOWN_PARTY', `No party ${partyId} in this partnership`);

const beforeEffectPhases: PartnershipPhase[] = ['INITIATION', 'FORMULATION', 'LEGAL_REVIEW', 'DECISION'];
const inEffectPhases: PartnershipPhase[] = ['IMPLEMENTATION', 'EVALUATION', 'RENEGOTIATION'];
export const phaseGroups = { beforeEffect: beforeEffectPhases, inEffect: inEffectPhases, open: [...beforeEffectPhases, ...inEffectPhases] };
