/**
 * The four languages of the console (sign-in, pipeline, booking, wizard, availability, sign-up,
 * onboarding, settings, customers): English, German, French and Italian, picked from the `lang`
 * attribute or the browser.
 */
export type ConsoleLang = 'en' | 'de' | 'fr' | 'it';
export const CONSOLE_LANGS: readonly ConsoleLang[] = ['en', 'de', 'fr', 'it'];

export function consoleLang(tag: string | null | undefined): ConsoleLang {
  const base = (tag ?? '').toLowerCase().slice(0, 2);
  return (CONSOLE_LANGS as readonly string[]).includes(base) ? base as ConsoleLang : 'en';
}

/** The Intl locale a language's dates and money are written in (Swiss conventions for the Swiss languages). */
export function intlLocale(lang: ConsoleLang): string {
  return { en: 'en-GB', de: 'de-CH', fr: 'fr-CH', it: 'it-CH' }[lang];
}

export function formatMoney(lang: ConsoleLang, amount: number, currency: string): string {
  return new Intl.NumberFormat(intlLocale(lang), { style: 'currency', currency }).format(amount / 100);
}

export function formatWhen(lang: ConsoleLang, iso: string, zone?: string): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium', timeStyle: 'short', ...(zone ? { timeZone: zone } : {}) }).format(new Date(iso));
}
