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

export function nonWorkingDays(year: number): string[] {
  const holidays = new Holidays('SE', { languages: ['sv'] });
  return (holidays.getHolidays(year, 'sv') || [])
    .filter((h) => h.type === 'public' || evesTheLawNames.includes(h.name.toLowerCase()))
    .map((h) => h.date.slice(5, 10))
    .filter((day, i, all) => all.indexOf(day) === i)
    .sort();
}

export function calendarText(): string {
  const years: Record<string, string> = {};
  for (let year = firstYear; year <= lastYear; year += 1) years[year] = nonWorkingDays(year).join(' ');
  return `${JSON.stringify({ source: 'date-holidays, country SE: public holidays and the three eves of lag (1930:173) 2 §', years }, null, 1)}\n`;
}

if (require.main === module) {
  if (process.argv.includes('--write')) writeFileSync(calendarFile, calendarText());
  else process.stdout.write(calendarText());
}
