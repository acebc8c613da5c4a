// Sweden's clock (Europe/Stockholm), worked out by its rule rather than read from the host's
// time-zone data: the workflow must answer the same on every replay, on every machine, in every
// year, and the rule is the law's (EU directive 2000/84/EC, applied in Sweden since 1996: summer
// time from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October; from
// 1980 to 1995 it ended on the last Sunday of September). A unit test holds it to the time-zone
// database for every transition from 1990 to 2150. If the EU ends the changes of the clock, this
// is the one place to change, behind a new patch.
import { isoDay } from './dates';
import type { Rules } from './rules';

const hour = 3_600_000;

/** 01:00 UTC on the last Sunday of a month. */
function lastSundayAtOneUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0));
  return Date.UTC(year, month - 1, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** Sweden's offset from UTC at an instant, in milliseconds: one hour in winter, two in summer. */
export function swedishOffset(epochMs: number): number {
  const year = new Date(epochMs).getUTCFullYear();
  if (year < 1980) return hour;
  const summerEnds = lastSundayAtOneUtc(year, year >= 1996 ? 10 : 9);
  return epochMs >= lastSundayAtOneUtc(year, 3) && epochMs < summerEnds ? 2 * hour : hour;
}

/** The day it is in Sweden at an instant, YYYY-MM-DD. */
export function swedishDay(epochMs: number): string {
  return new Date(epochMs + swedishOffset(epochMs)).toISOString().slice(0, 10);
}

/**
 * The instant of a time of day (HH:MM) on a Swedish day. A time the clock skips in spring (02:30
 * on the last Sunday of March) is read as winter time, which is an hour later in summer time; a
 * time it passes twice in autumn is the first of them.
 */
export function swedishInstant(date: string, time: string): number {
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  const inSummer = asUtc - 2 * hour;
  return swedishOffset(inSummer) === 2 * hour ? inSummer : asUtc - hour;
}

/** The workflow's today at an instant: Sweden's day, or UTC's in a run begun before the correction. */
export function todayUnder(rules: Rules, epochMs: number): string {
  return rules.corrections.swedishTime ? swedishDay(epochMs) : isoDay(epochMs);
}
