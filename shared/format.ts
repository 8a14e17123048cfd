import { DateTime } from 'luxon';

/** The languages customers are written to in. */
export type Lang = 'en' | 'de' | 'fr' | 'it';

export function langOf(locale: string | null | undefined): Lang {
  const l = (locale ?? '').slice(0, 2).toLowerCase();
  return l === 'de' || l === 'fr' || l === 'it' ? l : 'en';
}

/**
 * Swiss formats for mails and invoices. Characters outside WinAnsi (the PDF standard fonts'
 * encoding), such as the narrow no-break space fr-CH groups digits with, become spaces.
 */
function winAnsiSafe(s: string): string {
  return s.replace(/[\u202f\u2009]/g, ' ');
}

/** "CHF 1’080.00" from 108000 minor units. Display only: amounts are integers everywhere else. */
export function formatMoney(amount: number, currency: string, lang: Lang): string {
  const f = new Intl.NumberFormat(`${lang}-CH`, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return winAnsiSafe(f.format(amount / 100));
}

/** "Tuesday, 3 March 2026, 10:00" in the given zone and language. */
export function formatDateTime(at: Date, zone: string, lang: Lang): string {
  return winAnsiSafe(DateTime.fromJSDate(at, { zone }).setLocale(`${lang}-CH`).toLocaleString({
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit',
  }));
}

export function formatTime(at: Date, zone: string, lang: Lang): string {
  return DateTime.fromJSDate(at, { zone }).setLocale(`${lang}-CH`).toLocaleString(DateTime.TIME_24_SIMPLE);
}

export function formatDate(at: Date, zone: string, lang: Lang): string {
  return winAnsiSafe(DateTime.fromJSDate(at, { zone }).setLocale(`${lang}-CH`).toLocaleString({ day: 'numeric', month: 'long', year: 'numeric' }));
}

/** "Zurich time (CET)"-like label: the zone's name and its abbreviation at that instant. */
export function zoneLabel(at: Date, zone: string, lang: Lang): string {
  const dt = DateTime.fromJSDate(at, { zone }).setLocale(`${lang}-CH`);
  return `${zone.replace(/_/g, ' ')} (${dt.toFormat('ZZZZ')})`;
}
