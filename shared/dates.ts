/**
 * Calendar dates as `YYYY-MM-DD` strings and months as `YYYY-MM`: pure string/integer
 * arithmetic, no zone involved (zone.ts links them to instants: `dateOfInstant`, `todayIn`).
 */
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A date from its parts; out-of-range parts roll over (day 32 -> next month). */
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
