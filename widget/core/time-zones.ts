/**
 * Time-zone arithmetic with Intl only (no date library in the bundle). Calendar dates are
 * `YYYY-MM-DD` strings, months `YYYY-MM`, instants ISO strings or epoch milliseconds.
 * Display only: the server is the authority on slots and cadence.
 */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partsCache = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(tz: string): Intl.DateTimeFormat {
  let f = partsCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsCache.set(tz, f);
  }
  return f;
}

/** The wall-clock time of an instant in a zone. */
export function wallTime(ms: number, tz: string): WallTime {
  const o: Record<string, number> = {};
  for (const p of partsFormatter(tz).formatToParts(ms)) if (p.type !== 'literal') o[p.type] = Number(p.value);
  return { year: o.year ?? 1970, month: o.month ?? 1, day: o.day ?? 1, hour: (o.hour ?? 0) % 24, minute: o.minute ?? 0, second: o.second ?? 0 };
}

function offsetAt(ms: number, tz: string): number {
  const w = wallTime(ms, tz);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant at which the zone's clocks show `w` (the later offset wins in a DST gap). */
export function zonedToUtc(w: WallTime, tz: string): number {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const first = guess - offsetAt(guess, tz);
  return guess - offsetAt(first, tz);
}

export function detectTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** All IANA zones the browser knows, with `current` included. */
export function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  return zones.includes(current) ? zones : [current, ...zones];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function isoDate(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month - 1, day));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function parseDate(date: string): { year: number; month: number; day: number } {
  const [y, m, d] = date.split('-').map(Number);
  return { year: y ?? 1970, month: m ?? 1, day: d ?? 1 };
}

/** Noon UTC of a calendar date: a safe instant to format a date with `timeZone: 'UTC'`. */
export function dateToUtcNoon(date: string): number {
  const { year, month, day } = parseDate(date);
  return Date.UTC(year, month - 1, day, 12);
}

export function addDays(date: string, days: number): string {
  const { year, month, day } = parseDate(date);
  return isoDate(year, month, day + days);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  return new Date(dateToUtcNoon(date)).getUTCDay() || 7;
}

export function todayIn(tz: string, now = Date.now()): string {
  const w = wallTime(now, tz);
  return isoDate(w.year, w.month, w.day);
}

export function dateOfInstant(instant: string | number, tz: string): string {
  const w = wallTime(typeof instant === 'number' ? instant : Date.parse(instant), tz);
  return isoDate(w.year, w.month, w.day);
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  return isoDate(y ?? 1970, (m ?? 1) + n, 1).slice(0, 7);
}

export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).getUTCDate();
}

export function lastOfMonth(month: string): string {
  return `${month}-${pad(daysInMonth(month))}`;
}

/**
 * The starts of `count` sessions at the same wall-clock time as `firstStart`, every
 * `every` days or weeks, in zone `tz` (so 09:00 stays 09:00 across a DST change).
 */
export function cadenceStarts(firstStart: string, cadence: { every: number; unit: 'day' | 'week' }, count: number, tz: string): string[] {
  const w = wallTime(Date.parse(firstStart), tz);
  const step = Math.max(1, cadence.every) * (cadence.unit === 'week' ? 7 : 1);
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const d = parseDate(isoDate(w.year, w.month, w.day + k * step));
    out.push(new Date(zonedToUtc({ ...w, ...d }, tz)).toISOString());
  }
  return out;
}
