// The tests' own reckoning of Swedish days, independent of the product's: the day by the time-zone
// database (Intl), and the days of the law from the date-holidays library rather than the committed
// table, so that a test finds the day it needs from the clock it uses and checks the product against
// another source.
import Holidays from 'date-holidays';
import { addDays } from '../../domain/dates';
import { nonWorkingDays } from '../../scripts/swedish-calendar';

const stockholmDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

const stockholmTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The day it is in Sweden at an instant, YYYY-MM-DD. */
export function stockholmDay(epochMs: number): string {
  return stockholmDate.format(new Date(epochMs));
}

/** The day of a year that the library names so (in Swedish, as `långfredagen`). */
export function namedDay(year: number, name: string): string {
  const day = new Holidays('SE', { languages: ['sv'] }).getHolidays(year, 'sv').find((h) => h.name.toLowerCase() === name);
  if (!day) throw new Error(`No ${name} in ${year}`);
  return day.date.slice(0, 10);
}

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** Lag (1930:173) 2 §: not a Saturday, a Sunday, a public holiday or one of the three eves. */
export function isWorkingDayByLaw(date: string): boolean {
  return weekday(date) !== 0 && weekday(date) !== 6 && !nonWorkingDays(Number(date.slice(0, 4))).includes(date.slice(5));
}

/** Three weeks from the posting, moved to the next working day. */
export function lastDayToAppealByLaw(posted: string): string {
  let day = addDays(posted, 21);
  while (!isWorkingDayByLaw(day)) day = addDays(day, 1);
  return day;
}

/**
 * The first posting day after `after` whose three weeks end on the day `target` names in its year
 * (Christmas eve, Good Friday…), looking a few years ahead.
 */
export function nextPostingEndingOn(after: string, target: (year: number) => string): string {
  const first = Number(after.slice(0, 4));
  for (let year = first; year <= first + 3; year += 1) {
    const posted = addDays(target(year), -21);
    if (posted > after) return posted;
  }
  throw new Error(`No posting day after ${after}`);
}

/** The first posting day after `after` whose three weeks end on a Saturday before an ordinary Monday. */
export function nextPostingEndingOnSaturday(after: string): string {
  for (let posted = addDays(after, 1); ; posted = addDays(posted, 1)) {
    const end = addDays(posted, 21);
    if (weekday(end) === 6 && lastDayToAppealByLaw(posted) === addDays(end, 2)) return posted;
  }
}

/** The instant a Swedish wall clock shows `time` on `date` (the first time, when it shows it twice). */
export function stockholmInstant(date: string, time: string): number {
  const wall = Date.parse(`${date}T${time}:00Z`);
  const hour = 3_600_000;
  const shows = (t: number) => stockholmDay(t) === date && stockholmTime.format(new Date(t)) === time;
  const found = [wall - 2 * hour, wall - hour].find(shows);
  if (found === undefined) throw new Error(`${date} ${time} is not shown by a Swedish clock`);
  return found;
}
