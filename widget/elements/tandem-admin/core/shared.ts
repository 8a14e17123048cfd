/** What the console's screens share: the API call with its problem shown, times from a local date-time field, money. */
import { AdminApiError } from './api.ts';
import { consoleLang, intlLocale } from './console-lang.ts';

export interface Problem { message: string; fields: { field: string; message: string }[] }

export async function attempt<T>(work: () => Promise<T>, fail: (p: Problem) => void): Promise<T | undefined> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof AdminApiError) {
      const errors = Array.isArray(e.body.errors) ? e.body.errors as { field: string; message: string }[] : [];
      const conflicts = Array.isArray(e.body.conflicts) ? (e.body.conflicts as { start?: string; reason?: string }[]).map((c) => ({ field: c.start ?? '', message: c.reason ?? '' })) : [];
      fail({ message: e.message, fields: [...errors, ...conflicts] });
    } else fail({ message: e instanceof Error ? e.message : String(e), fields: [] });
    return undefined;
  }
}

/** A `datetime-local` value (the browser's zone) as an instant. */
export function instantOf(local: string): string {
  return new Date(local).toISOString();
}

/** An instant as a `datetime-local` value in the browser's zone. */
export function localOf(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function money(lang: string, amount: number, currency: string): string {
  return new Intl.NumberFormat(intlLocale(consoleLang(lang)), { style: 'currency', currency }).format(amount / 100);
}

export function when(lang: string, iso: string, zone: string): string {
  return new Intl.DateTimeFormat(intlLocale(consoleLang(lang)), { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(new Date(iso));
}

export const minorOf = (s: string) => Math.round(Number.parseFloat(s.replace(',', '.').replace(/[’' ]/g, '')) * 100);
