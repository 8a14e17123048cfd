import { DateTime } from 'luxon';

/** The languages customers are written to in. */
export type Lang = 'en' | 'de' | 'fr' | 'it';

export function langOf(locale: string | null | undefined): Lang {
  const l = (locale ?? '').slice(0, 2).toLowerCase();
  return l === 'de' || l === 'fr' || l === 'it' ? l : 'en';
}

/**
 * A language with the region whose formats to use (`en-CH`: 24-hour clock, `CHF 1'080.00`;
 * `de-DE`: `1.080,00 CHF`): the customer's language with the studio's country. A bare language
 * means the Swiss formats (invoices of a studio without a country on file).
 */
export type FormatLocale = Lang | `${Lang}-${string}`;

/** The customer's language with the studio's country (ISO 3166 alpha-2), as the widget pairs them. */
export function formatLocale(lang: Lang, region: string | null | undefined): FormatLocale {
  const r = (region ?? '').toUpperCase();
  return /^[A-Z]{2}$/.test(r) ? `${lang}-${r}` : lang;
}

const tagOf = (l: FormatLocale) => (l.includes('-') ? l : `${l}-CH`);
const isFrench = (l: FormatLocale) => l.startsWith('fr');

/**
 * French typography: a narrow no-break space (U+202F) before `: ; ? !` and inside `« »`, where
 * the text has an ordinary one. For sentences of our own catalogs, before their placeholders are
 * filled (an address's `https:` or `?` is never touched).
 */
export function frenchSpacing(s: string): string {
  return s
    .replace(/[ \u00a0]([:;?!»])/g, '\u202f$1')
    .replace(/«[ \u00a0]?/g, '«\u202f')
    .replace(/([^\s\u202f])»/g, '$1\u202f»');
}

/**
 * Formats for mails and invoices. Characters outside WinAnsi (the PDF standard fonts'
 * encoding), such as the narrow no-break space fr-CH groups digits with, become no-break spaces.
 */
function winAnsiSafe(s: string): string {
  return s.replace(/[\u202f\u2009]/g, '\u00a0');
}

/** "CHF 1’080.00" from 108000 minor units. Display only: amounts are integers everywhere else. */
export function formatMoney(amount: number, currency: string, locale: FormatLocale): string {
  const f = new Intl.NumberFormat(tagOf(locale), { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return winAnsiSafe(f.format(amount / 100));
}

/** French writes "mardi 15 décembre", without the comma Intl puts after the weekday. */
const weekdayComma = (s: string, l: FormatLocale) => (isFrench(l) ? s.replace(/^(\p{L}+), /u, '$1 ') : s);

/** "Tuesday, 3 March 2026, 10:00" in the given zone and language. */
export function formatDateTime(at: Date, zone: string, locale: FormatLocale): string {
  return winAnsiSafe(weekdayComma(DateTime.fromJSDate(at, { zone }).setLocale(tagOf(locale)).toLocaleString({
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit',
  }), locale));
}

/** The clock of the locale's region: 14:00 in Switzerland, 2:00 PM in the United States. */
export function formatTime(at: Date, zone: string, locale: FormatLocale): string {
  return winAnsiSafe(DateTime.fromJSDate(at, { zone }).setLocale(tagOf(locale)).toLocaleString({ hour: '2-digit', minute: '2-digit' }));
}

export function formatDate(at: Date, zone: string, locale: FormatLocale): string {
  return winAnsiSafe(DateTime.fromJSDate(at, { zone }).setLocale(tagOf(locale)).toLocaleString({ day: 'numeric', month: 'long', year: 'numeric' }));
}

/**
 * The zone as every mail names it, in every language: its IANA name and the offset at that
 * instant ("Europe/Zurich (UTC+1)", "America/New York (UTC-5)", "Asia/Kolkata (UTC+5:30)"). Not the
 * locale's abbreviation, which is "CET", "MEZ", "UTC+1" or "GMT+1" depending on the language.
 */
export function zoneLabel(at: Date, zone: string, _locale?: FormatLocale): string {
  const minutes = DateTime.fromJSDate(at, { zone }).offset;
  const h = Math.floor(Math.abs(minutes) / 60);
  const m = Math.abs(minutes) % 60;
  const offset = minutes === 0 ? 'UTC' : `UTC${minutes < 0 ? '-' : '+'}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
  return `${zone.replace(/_/g, ' ')} (${offset})`;
}

/** A French catalog of sentences with frenchSpacing applied to each. */
export function frenchCatalog<T extends object>(catalog: T): T {
  return Object.fromEntries(Object.entries(catalog).map(([k, v]) => [k, typeof v === 'string' ? frenchSpacing(v) : v])) as T;
}
