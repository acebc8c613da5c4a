// The Swedish legal calendar: which days count when a time limit ends, and when a decision becomes
// final (laga kraft). Pure, so the workflow's deadlines, its rules and the tests agree.
import { addDays } from './dates';
import calendar from './swedish-calendar.json';

const years = calendar.years as Record<string, string>;
const tableYears = Object.keys(years).map(Number);

/** Annandag pingst in 1990–2004: the law's, which the library missed (scripts/swedish-calendar.ts). */
const whitMondaysUntil2004 = new Set(calendar.whitMondaysUntil2004.split(' '));

/**
 * Which table a run reckons by (domain/rules.ts): a run begun before the corrections of 2026-12-04
 * keeps the one it began with, without annandag pingst in 1990–2004, so that its history replays.
 */
export interface CalendarEdition {
  whitMondayUntil2004: boolean;
}

/** The law's calendar. */
export const lawsCalendar: CalendarEdition = { whitMondayUntil2004: true };

/**
 * The years a posting date may lie in: an appeal window is reckoned from it by this table, and one
 * that begins in the table's last year may run out of it. A date outside them is refused where it
 * comes in (domain/steps/posting-date.ts), never reckoned.
 */
export const postingYears = { first: tableYears[0]!, last: tableYears.at(-1)! - 1 };

export const postingDates = { from: `${postingYears.first}-01-01`, to: `${postingYears.last}-12-31` };

export const isReckonable = (postingDate: string) => postingDate >= postingDates.from && postingDate <= postingDates.to;

/**
 * The days of a year on which no time limit ends, weekends aside, as YYYY-MM-DD: lag (1930:173)
 * 2 § names Saturdays, Sundays, the public holidays, midsummer eve, Christmas eve and New Year's
 * eve. The table is generated from a maintained library (scripts/swedish-calendar.ts).
 */
export function holidaysOf(year: number, edition: CalendarEdition = lawsCalendar): string[] {
  const days = years[String(year)];
  if (days === undefined) throw new RangeError(`The Swedish calendar covers ${tableYears[0]} to ${tableYears.at(-1)}, not ${year}`);
  const all = days.split(' ').map((day) => `${year}-${day}`);
  return edition.whitMondayUntil2004 ? all : all.filter((day) => !whitMondaysUntil2004.has(day));
}

export function isWorkingDay(date: string, edition: CalendarEdition = lawsCalendar): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !holidaysOf(Number(date.slice(0, 4)), edition).includes(date);
}

/** The day itself when it is a working day, else the next one that is. */
export function onOrAfterWorkingDay(date: string, edition: CalendarEdition = lawsCalendar): string {
  let day = date;
  while (!isWorkingDay(day, edition)) day = addDays(day, 1);
  return day;
}

/**
 * Kommunallagen 13 kap. 5 §: an appeal (laglighetsprövning) must arrive within three weeks of the
 * day the approval of the minutes was posted on the notice board (anslag). The last day of the
 * window, moved past a weekend or holiday.
 */
export function lastDayToAppeal(postingDate: string, edition: CalendarEdition = lawsCalendar): string {
  return onOrAfterWorkingDay(addDays(postingDate, 21), edition);
}

/** The decision is final (vinner laga kraft) from the day after the last day to appeal. */
export function finalFrom(postingDate: string, edition: CalendarEdition = lawsCalendar): string {
  return addDays(lastDayToAppeal(postingDate, edition), 1);
}
