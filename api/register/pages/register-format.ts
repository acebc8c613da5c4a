// Days and kronor as a Swedish or a British reader writes them. A day of the register is a calendar
// day with no time of day (YYYY-MM-DD): it is formatted in UTC, so no time zone moves it a day.
import type { Language } from './register-texts';

const locales: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB' };

const dayFormats = { sv: new Intl.DateTimeFormat(locales.sv, { dateStyle: 'long', timeZone: 'UTC' }), en: new Intl.DateTimeFormat(locales.en, { dateStyle: 'long', timeZone: 'UTC' }) };
const kronorFormats = {
  sv: new Intl.NumberFormat(locales.sv, { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat(locales.en, { style: 'currency', currency: 'SEK', currencyDisplay: 'code', maximumFractionDigits: 0 }),
};

/** "5 januari 2026" or "5 January 2026"; a timestamp is read as its day in Sweden. */
export function formatDay(value: string, language: Language): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(new Date(value).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }).replace(' ', 'T') + 'Z');
  return Number.isNaN(date.getTime()) ? value : dayFormats[language].format(date);
}

/** "12 500 kr" or "SEK 12,500". */
export const formatKronor = (value: number, language: Language): string => kronorFormats[language].format(value);

export const formatNumber = (value: number, language: Language): string => value.toLocaleString(locales[language]);
