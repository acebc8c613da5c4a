// Days and kronor as a Swedish or a British reader writes them. A day of the register is a calendar
// day with no time of day (YYYY-MM-DD): it is formatted in UTC, so no time zone moves it a day.
import type { Language } from './register-texts';

const locales: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB' };

const dateFormat = (language: Language, timeZone: string) => new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeZone });
const dayFormats = { sv: dateFormat('sv', 'UTC'), en: dateFormat('en', 'UTC') };
const swedishDayFormats = { sv: dateFormat('sv', 'Europe/Stockholm'), en: dateFormat('en', 'Europe/Stockholm') };
const kronorFormats = {
  sv: new Intl.NumberFormat(locales.sv, { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat(locales.en, { style: 'currency', currency: 'SEK', currencyDisplay: 'code', maximumFractionDigits: 0 }),
};

/** "5 januari 2026" or "5 January 2026"; a timestamp is written as its day in Sweden. */
export function formatDay(value: string, language: Language): string {
  const isDay = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(isDay ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : (isDay ? dayFormats : swedishDayFormats)[language].format(date);
}

/** "12 500 kr" or "SEK 12,500". */
export const formatKronor = (value: number, language: Language): string => kronorFormats[language].format(value);

export const formatNumber = (value: number, language: Language): string => value.toLocaleString(locales[language]);
