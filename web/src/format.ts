// Days and times as people in Sweden read them: in Sweden's time zone, in the chosen language's format.
import type { Language } from './i18n';

const locale = (language: Language) => (language === 'sv' ? 'sv-SE' : 'en-GB');

/** A calendar day (YYYY-MM-DD) as a date: "3 december 2026". */
export function day(value: string | null | undefined, language: Language): string {
  if (!value) return '–';
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  // Noon UTC is the same calendar day in Stockholm all year round.
  return new Intl.DateTimeFormat(locale(language), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Stockholm' }).format(Date.UTC(y, m - 1, d, 12));
}

/** An instant as Sweden's date and time: "3 december 2026 14:05". */
export function instant(value: string | null | undefined, language: Language): string {
  if (!value) return '–';
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(value));
}

/** Today in Sweden, YYYY-MM-DD: what a due day is compared with. */
export function swedishToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
}

/** The last moment of a Swedish calendar day, as an instant with its offset (+01:00 or +02:00). */
export function endOfSwedishDay(value: string): string {
  for (const offset of ['+01:00', '+02:00']) {
    const candidate = `${value}T23:59:59${offset}`;
    const shown = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'medium' }).format(new Date(candidate));
    if (shown === `${value} 23:59:59`) return candidate;
  }
  return `${value}T23:59:59+01:00`;
}
