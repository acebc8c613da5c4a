// The days on which no Swedish time limit ends, for every year a partnership can reach, taken from
// the date-holidays library. The workflow reads the committed table: the library (with its time
// zone data and every other country's calendar) stays out of the workflow bundle, and a unit test
// keeps the table equal to the library and the library equal to the law.
//   npx tsx scripts/swedish-calendar.ts --write
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Holidays from 'date-holidays';

export const calendarFile = path.join(__dirname, '..', 'domain', 'swedish-calendar.json');

export const firstYear = 1990;
export const lastYear = 2150;

/**
 * Lag (1930:173) 2 §: a Saturday, a Sunday, another public holiday (allmän helgdag, lag (1989:253)),
 * midsummer eve, Christmas eve and New Year's eve. The library marks the holidays `public`; the
 * three eves are named by the law itself.
 */
const evesTheLawNames = ['midsommarafton', 'julafton', 'nyårsafton'];

/**
 * Lag (1989:253) 1 § named annandag pingst a public holiday until lag (2004:1320) took it out, in
 * force 1 April 2005 (prop. 2004/05:23: the national day, 6 June, became one in its place). The
 * library (3.37) marks annandag pingst an observance in every year, so the law's years are put
 * right here; its 6 June, a holiday only from 2005, is the law's already.
 */
const whitMondayLastYear = 2004;
const isWhitMondayByLaw = (name: string, year: number) => name === 'annandag pingst' && year <= whitMondayLastYear;

const dayOf = (h: { date: string }) => h.date.slice(5, 10);

export function nonWorkingDays(year: number): string[] {
  const holidays = new Holidays('SE', { languages: ['sv'] });
  return (holidays.getHolidays(year, 'sv') || [])
    .filter((h) => h.type === 'public' || evesTheLawNames.includes(h.name.toLowerCase()) || isWhitMondayByLaw(h.name.toLowerCase(), year))
    .map(dayOf)
    .filter((day, i, all) => all.indexOf(day) === i)
    .sort();
}

/** The days the law adds to what the library says: a run begun before the correction reckons without them. */
export function lawOverLibrary(year: number): string[] {
  const holidays = new Holidays('SE', { languages: ['sv'] });
  return (holidays.getHolidays(year, 'sv') || [])
    .filter((h) => h.type !== 'public' && isWhitMondayByLaw(h.name.toLowerCase(), year))
    .map((h) => `${year}-${dayOf(h)}`);
}

export function calendarText(): string {
  const years: Record<string, string> = {};
  const whitMondays: string[] = [];
  for (let year = firstYear; year <= lastYear; year += 1) {
    years[year] = nonWorkingDays(year).join(' ');
    whitMondays.push(...lawOverLibrary(year));
  }
  const source = 'date-holidays, country SE: public holidays and the three eves of lag (1930:173) 2 §, and annandag pingst until 2004 (lag (1989:253) before lag (2004:1320))';
  return `${JSON.stringify({ source, years, whitMondaysUntil2004: whitMondays.join(' ') }, null, 1)}\n`;
}

if (require.main === module) {
  if (process.argv.includes('--write')) writeFileSync(calendarFile, calendarText());
  else process.stdout.write(calendarText());
}
