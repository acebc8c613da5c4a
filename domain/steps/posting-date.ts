// The day the approval of a decision's minutes was posted (anslag): the appeal window is reckoned
// from it by the Swedish calendar table, which covers some years only. The range is part of the
// date's pattern, so that the published schema, the API and the workflow's own validation (which
// reads the schema as JSON Schema, without zod) refuse the same days, and a fuzzer generates none.
import { z } from 'zod';
import { postingDates, postingYears } from '../calendar';

/** The years first to last, a whole decade as one alternative (199[0-9]), the rest one by one. */
function yearsAlternatives(first: number, last: number): string[] {
  const alternatives: string[] = [];
  for (let decade = Math.floor(first / 10) * 10; decade <= last; decade += 10) {
    if (decade >= first && decade + 9 <= last) alternatives.push(`${decade / 10}[0-9]`);
    else for (let year = Math.max(decade, first); year <= Math.min(decade + 9, last); year += 1) alternatives.push(String(year));
  }
  return alternatives;
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function leapYears(first: number, last: number): number[] {
  const leap: number[] = [];
  for (let year = first; year <= last; year += 1) if (isLeap(year)) leap.push(year);
  return leap;
}

/**
 * A calendar date in the years first to last. Digits are [0-9], not \d, which Python's regular
 * expressions (a fuzzer's) read as any Unicode digit.
 */
export function datePattern(first: number, last: number): RegExp {
  const year = `(?:${yearsAlternatives(first, last).join('|')})`;
  const leapYear = `(?:${leapYears(first, last).join('|')})`;
  const monthDay = '(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))';
  return new RegExp(`^(?:${leapYear}-02-29|${year}-${monthDay})$`);
}

export const postingRange = `a day from ${postingDates.from} to ${postingDates.to}, the days the Swedish calendar the appeal window is reckoned by covers`;

const postingPattern = datePattern(postingYears.first, postingYears.last);

// The pattern is stated in the metadata too: the OpenAPI generator publishes a custom format's name
// but not its pattern, and a client (or a fuzzer) would take any date for valid.
export const postingDate = z.stringFormat('date', postingPattern, { error: `Must be ${postingRange} (YYYY-MM-DD)` }).meta({ pattern: postingPattern.source });

/** The field's description, with the range it takes. */
export const describedPosting = (what: string) => `${what}: ${postingRange}`;
