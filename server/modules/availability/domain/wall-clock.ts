/**
 * Wall-clock values as plain integers, no zone involved.
 *
 * A "wall" time is the local date and time read as if it were UTC, in milliseconds: local
 * 2026-03-29 09:00 is `Date.UTC(2026, 2, 29, 9, 0)` whatever the zone. Wall arithmetic is
 * calendar arithmetic (a wall day is always 24 h), so rules expand with integer maths and
 * only the wall → instant mapping needs the zone (see zone-offsets.ts).
 */
import { AvailabilityInputError } from './types.ts';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const CLOCK_RE = /^(\d{2}):(\d{2})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'HH:mm' → minutes after local midnight, 0 … 1440 ('24:00' is the end of the day). */
export function parseClock(value: string, label = 'time'): number {
  const m = typeof value === 'string' ? CLOCK_RE.exec(value) : null;
  if (!m) throw new AvailabilityInputError(`${label} must be 'HH:mm', got ${JSON.stringify(value)}`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) {
    throw new AvailabilityInputError(`${label} is not a time of day: ${JSON.stringify(value)}`);
  }
  return h * 60 + min;
}

/** 'YYYY-MM-DD' → days since 1970-01-01 (the wall day number). */
export function parseDay(value: string, label = 'date'): number {
  const m = typeof value === 'string' ? DATE_RE.exec(value) : null;
  if (!m) throw new AvailabilityInputError(`${label} must be 'YYYY-MM-DD', got ${JSON.stringify(value)}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new AvailabilityInputError(`${label} is not a calendar date: ${JSON.stringify(value)}`);
  }
  return Math.round(ms / DAY_MS);
}

/** ISO weekday of a day number: Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  return ((((day + 3) % 7) + 7) % 7 + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

/** Wall milliseconds → day number. */
export function wallDay(wallMs: number): number {
  return Math.floor(wallMs / DAY_MS);
}

/** Non-negative remainder. */
export function mod(a: number, m: number): number {
  const r = a % m;
  return r < 0 ? r + m : r;
}
