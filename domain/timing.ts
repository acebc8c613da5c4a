// Every duration of a partnership's life, in one place (docs/domain.md section 7). Durations are
// data, not constants: a partnership may override any of them.
import { z } from 'zod';
import type { Rules } from './rules';
import { swedishInstant } from './swedish-time';

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const timingSchema = z
  .object({
    /** A legal review or a party's decision that waits this long gets a reminder to whom it waits on… */
    remindAfterDays: z.number().int().min(1).max(365),
    /** …and after this long, an escalation to the case's administrator. */
    escalateAfterDays: z.number().int().min(1).max(730),
    /** Follow-up meetings: dense at the start of a term, sparser later (löpande samråd). */
    followUp: z.object({
      denseMonths: z.number().int().min(0).max(60),
      denseEveryMonths: z.number().int().min(1).max(12),
      thenEveryMonths: z.number().int().min(1).max(24),
      remindDaysBefore: z.number().int().min(0).max(60),
    }),
    /** "At first we met often, then we lost each other": a nudge after this much silence. */
    nudgeAfterSilentDays: z.number().int().min(7).max(730),
    evaluationEveryMonths: z.number().int().min(1).max(60),
    /** An evaluation before renegotiation, this long before the term ends. */
    finalEvaluationMonthsBeforeEnd: z.number().int().min(1).max(24),
    renegotiationNoticeMonthsBeforeEnd: z.array(z.number().int().min(1).max(36)).min(1).max(6),
    outcomeMeasurementRemindDaysBefore: z.number().int().min(1).max(365),
    /** The coordinator is told this long before the term's last day when no new term is agreed. */
    termEndReminderDaysBefore: z.number().int().min(1).max(365),
    /** How long an ended partnership stays open for its final accounts (the surplus reinvested or repaid). */
    finalAccountsWithinDays: z.number().int().min(1).max(730),
    /** The time of day in Sweden (Europe/Stockholm) at which a day's notices go out. */
    noticeTime: timeOfDay.meta({ description: "The time of day in Sweden (Europe/Stockholm) at which a day's notices go out, HH:MM" }),
    /** Before noticeTime: a time of day in UTC, which moves by an hour in Sweden twice a year. */
    noticeTimeUtc: timeOfDay.meta({ deprecated: true, description: "Deprecated: the time of day in UTC at which a day's notices go out; use noticeTime. A partnership that sets it keeps it until it sets noticeTime" }),
  })
  .meta({ id: 'PartnershipTiming' });

export type Timing = z.infer<typeof timingSchema>;

export const defaultTiming: Timing = {
  remindAfterDays: 14,
  escalateAfterDays: 28,
  followUp: { denseMonths: 6, denseEveryMonths: 1, thenEveryMonths: 3, remindDaysBefore: 7 },
  nudgeAfterSilentDays: 120,
  evaluationEveryMonths: 12,
  finalEvaluationMonthsBeforeEnd: 15,
  renegotiationNoticeMonthsBeforeEnd: [12, 6, 3],
  outcomeMeasurementRemindDaysBefore: 30,
  termEndReminderDaysBefore: 30,
  finalAccountsWithinDays: 365,
  // At the start of the working day in Sweden, all year.
  noticeTime: '08:00',
  // The default of runs begun before the corrections of 2026-12-04: 08:00 or 09:00 in Sweden.
  noticeTimeUtc: '07:00',
};

/** A term started later than this after its first day is an import (a running partnership), not a start. */
export const startBackdatingLimitDays = 90;

/** What a partnership overrides; the rest follows the defaults, also when they change later. */
export const timingOverridesSchema = timingSchema.partial().strict().meta({ id: 'PartnershipTimingOverrides' });
export type TimingOverrides = z.infer<typeof timingOverridesSchema>;

export function effectiveTiming(overrides: TimingOverrides | undefined): Timing {
  return { ...defaultTiming, ...overrides };
}

/**
 * The instant, epoch milliseconds, at which the notices of a day go out: the partnership's own
 * time in Sweden, else its own time in UTC (set before noticeTime existed), else the default, which
 * is Sweden's under the current rules and UTC's in a run begun before them.
 */
export function noticeInstant(dueOn: string, overrides: TimingOverrides | undefined, rules: Rules): number {
  if (overrides?.noticeTime) return swedishInstant(dueOn, overrides.noticeTime);
  if (overrides?.noticeTimeUtc) return Date.parse(`${dueOn}T${overrides.noticeTimeUtc}:00Z`);
  return rules.corrections.swedishTime ? swedishInstant(dueOn, defaultTiming.noticeTime) : Date.parse(`${dueOn}T${defaultTiming.noticeTimeUtc}:00Z`);
}
