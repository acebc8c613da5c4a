// The Swedish legal calendar: which days count when a time limit ends, and when a decision becomes
// final (laga kraft). Pure, so the workflow's deadlines, its rules and the tests agree.
import { addDays } from './dates';
import calendar from './swedish-calendar.json';

const years = calendar.years as Record<string, string>;

/**
 * The days of a year on which no time limit ends, weekends aside, as YYYY-MM-DD: lag (1930:173)
 * 2 § names Saturdays, Sundays, the public holidays, midsummer eve, Christmas eve and New Year's
 * eve. The table is generated from a maintained library (scripts/swedish-calendar.ts).
 */
export function holidaysOf(year: number): string[] {
  const days = years[String(year)];
  if (days === undefined) throw new RangeError(`The Swedish calendar covers ${Object.keys(years)[0]} to ${Object.keys(years).at(-1)}, not ${year}`);
  return days.split(' ').map((day) => `${year}-${day}`);
}

export function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !holidaysOf(Number(date.slice(0, 4))).includes(date);
}

/** The day itself when it is a working day, else the next one that is. */
export function onOrAfterWorkingDay(date: string): string {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/**
 * Kommunallagen 13 kap. 5 §: an appeal (laglighetsprövning) must arrive within three weeks of the
 * day the approval of the minutes was posted on the notice board (anslag). The last day of the
 * window, moved past a weekend or holiday.
 */
export function lastDayToAppeal(postingDate: string): string {
  return onOrAfterWorkingDay(addDays(postingDate, 21));
}

/** The decision is final (vinner laga kraft) from the day after the last day to appeal. */
export function finalFrom(postingDate: string): string {
  return addDays(lastDayToAppeal(postingDate), 1);
}
