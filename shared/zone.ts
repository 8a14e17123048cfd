/**
 * Local wall-clock time <-> instant in an IANA zone, with Intl only (no date library, so the
 * widget's bundle stays small and the server can use the same rules).
 *
 * A "wall" time is the local date and time read as if it were UTC, in milliseconds: local
 * 2026-03-29 09:00 is `Date.UTC(2026, 2, 29, 9, 0)` whatever the zone. Converting back:
 * a wall time that exists twice (fall-back) gives the EARLIER instant; one that does not
 * exist (spring-forward gap) is moved forward by the size of the gap, as a clock nobody
 * changed would read (02:30 on the Zurich spring day -> 03:30 CEST).
 */
import { isoDate } from './dates.ts';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    // Throws a RangeError for a zone the runtime does not know.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock time of an instant in a zone (to the second). */
export function wallTime(instant: number, zone: string): WallTime {
  const o: Record<string, number> = {};
  for (const p of partsFormatter(zone).formatToParts(instant)) if (p.type !== 'literal') o[p.type] = Number(p.value);
  return { year: o.year ?? 1970, month: o.month ?? 1, day: o.day ?? 1, hour: (o.hour ?? 0) % 24, minute: o.minute ?? 0, second: o.second ?? 0 };
}

/** Wall milliseconds of a wall time. */
export function wallMs(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** The zone's UTC offset at an instant (wall − instant), in milliseconds. */
export function offsetAt(instant: number, zone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallMs(wallTime(whole, zone)) - whole;
}

/** Wall-clock milliseconds of an instant (keeps its milliseconds). */
export function wallOf(instant: number, zone: string): number {
  return instant + offsetAt(instant, zone);
}

/**
 * The instant at which the zone's clocks show `wall` (wall milliseconds). Earlier instant
 * when it happens twice, moved forward by the gap when it does not happen. Assumes no zone
 * changes its offset twice within two days (true of every rule in the tz database).
 */
export function wallToInstant(wall: number, zone: string): number {
  const before = offsetAt(wall - DAY_MS, zone);
  const after = offsetAt(wall + DAY_MS, zone);
  const early = wall - before;
  if (before === after) return early;
  const late = wall - after;
  const fits = (t: number, o: number) => offsetAt(t, zone) === o;
  const a = fits(early, before);
  const b = fits(late, after);
  if (a && b) return Math.min(early, late);
  if (a) return early;
  if (b) return late;
  return early; // in the gap: the offset before the switch, i.e. moved forward by the gap
}

/** The instant of a wall time in a zone (see `wallToInstant`). */
export function zonedToUtc(w: WallTime, zone: string): number {
  return wallToInstant(wallMs(w), zone);
}

/** The local calendar date of an instant (ISO string or epoch ms) in a zone. */
export function dateOfInstant(instant: string | number, zone: string): string {
  const w = wallTime(typeof instant === 'number' ? instant : Date.parse(instant), zone);
  return isoDate(w.year, w.month, w.day);
}

/** Today's date in a zone. */
export function todayIn(zone: string, now = Date.now()): string {
  return dateOfInstant(now, zone);
}
