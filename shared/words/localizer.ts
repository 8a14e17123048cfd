/**
 * Words and Intl formats in one locale: plain data and Intl, no DOM. The widget (its Localizer adds
 * the later steps' tables) and the server's hosted pages say the same thing in the same format
 * ("CHF 580.00", "8 Sitzungen", "inkl. 8.1% MWST").
 */
import { en, type MessageKey, type Messages } from './en.ts';
import { dateToUtcNoon } from '../dates.ts';
import { fillTemplate } from '../template.ts';
import type { Lang } from '../format.ts';

export type { Lang, MessageKey, Messages };

export function isLang(x: string): x is Lang {
  return x === 'en' || x === 'de' || x === 'fr' || x === 'it';
}

/** The supported language of a BCP 47 tag, or null (`de-CH` → `de`, `rm` → null). */
export function supportedLang(tag: string | null | undefined): Lang | null {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return primary && isLang(primary) ? primary : null;
}

/** Keeps the region of a supported tag for Intl (`de-CH` formats CHF the Swiss way). */
function intlTag(tag: string, lang: Lang): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.replace('_', '-'));
    return canonical ?? lang;
  } catch {
    return lang;
  }
}

/**
 * Messages and Intl formatting in one locale. Dates, times and money are always formatted
 * with Intl in that locale; times always with an explicit time zone. `K`: the keys it is asked for.
 */
export class Localizer<K extends string = MessageKey> {
  readonly lang: Lang;
  readonly locale: string;
  protected readonly messages: Messages;
  private readonly cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>();

  /** `messages` must be the catalog of `tag`'s language (English is used for missing keys). */
  constructor(tag: string, messages: Messages = en) {
    this.lang = supportedLang(tag) ?? 'en';
    this.locale = supportedLang(tag) ? intlTag(tag, this.lang) : 'en';
    this.messages = messages;
  }

  /** The sentence in this language's own tables, before the English fallback. */
  protected own(key: string): string | undefined {
    return (this.messages as Record<string, string>)[key];
  }

  t(key: K, vars: Record<string, string | number> = {}): string {
    const template = this.own(key) ?? (en as Record<string, string>)[key] ?? key;
    return fillTemplate(template, vars);
  }

  /** A plural message: `base_one` / `base_other` chosen by Intl.PluralRules; `{count}` is set. */
  plural(base: string, count: number, vars: Record<string, string | number> = {}): string {
    const rules = this.get('plural', () => new Intl.PluralRules(this.locale)) as Intl.PluralRules;
    const cat = rules.select(count);
    const key = (this.own(`${base}_${cat}`) !== undefined ? `${base}_${cat}` : `${base}_other`) as K;
    return this.t(key, { count: this.number(count), ...vars });
  }

  private get<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>(id: string, make: () => T): T {
    let f = this.cache.get(id);
    if (!f) {
      f = make();
      this.cache.set(id, f);
    }
    return f as T;
  }

  private dtf(opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    return this.get(`d${JSON.stringify(opts)}`, () => new Intl.DateTimeFormat(this.locale, opts));
  }

  number(n: number): string {
    return this.get('n', () => new Intl.NumberFormat(this.locale)).format(n);
  }

  percent(p: number): string {
    return this.get('pct', () => new Intl.NumberFormat(this.locale, { style: 'percent', maximumFractionDigits: 2 })).format(p / 100);
  }

  /** An amount in integer minor units, formatted in its currency. */
  money(amount: number, currency: string): string {
    const f = this.get(`m${currency}`, () => new Intl.NumberFormat(this.locale, { style: 'currency', currency })) as Intl.NumberFormat;
    const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
    return f.format(amount / 10 ** digits);
  }

  /** A calendar date (`YYYY-MM-DD`) in words, e.g. "Tuesday, 1 December 2026". */
  date(date: string, style: 'full' | 'long' | 'medium' = 'full'): string {
    return this.dtf({ dateStyle: style, timeZone: 'UTC' }).format(dateToUtcNoon(date));
  }

  weekdayShort(date: string): string {
    return this.dtf({ weekday: 'short', timeZone: 'UTC' }).format(dateToUtcNoon(date));
  }

  weekdayLong(date: string): string {
    return this.dtf({ weekday: 'long', timeZone: 'UTC' }).format(dateToUtcNoon(date));
  }

  monthYear(month: string): string {
    return this.dtf({ month: 'long', year: 'numeric', timeZone: 'UTC' }).format(dateToUtcNoon(`${month}-15`));
  }

  time(instant: string, tz: string): string {
    return this.dtf({ timeStyle: 'short', timeZone: tz }).format(Date.parse(instant));
  }

  /** Date and time of an instant in words, in zone `tz`. */
  dateTime(instant: string, tz: string, dateStyle: 'full' | 'medium' = 'full'): string {
    return this.dtf({ dateStyle, timeStyle: 'short', timeZone: tz }).format(Date.parse(instant));
  }

  /** "Europe/Zurich (Central European Standard Time)" — the zone, always said. */
  zone(tz: string, at = Date.now()): string {
    try {
      const name = this.dtf({ timeZone: tz, timeZoneName: 'long' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
      return name && name !== tz ? `${tz.replace(/_/g, ' ')} (${name})` : tz;
    } catch {
      return tz;
    }
  }

  /** A duration in minutes and seconds, for the hold countdown. */
  countdown(ms: number): string {
    const total = Math.max(0, Math.ceil(ms / 1000));
    const m = Math.floor(total / 60);
    const s = total % 60;
    return `${m}:${String(s).padStart(2, '0')}`;
  }

  /** First day of the week for this locale (1 = Monday … 7 = Sunday). */
  firstDayOfWeek(): number {
    try {
      const loc = new Intl.Locale(this.locale) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
      return loc.getWeekInfo?.().firstDay ?? loc.weekInfo?.firstDay ?? 1;
    } catch {
      return 1;
    }
  }
}
