/**
 * Studio closures (public holidays, a winter break): whole local days of the studio's zone on
 * which no instructor and no room is open. As instants they are taken out of every
 * instructor's open time (slots.ts), so neither a slot nor a booked start can fall on them,
 * and a series at the program's cadence moves past them (`skipsClosures`).
 *
 * Also the check an availability change runs before it is kept: which sessions were inside
 * the hours before and are not after (`newlyOutside`).
 */
import { intersectIntervals, mergeIntervals, subtractIntervals } from './intervals.ts';
import { expandRules } from './expand-rules.ts';
import type { InstructorCalendar, Interval } from './types.ts';
import { DAY_MS, parseDay } from './wall-clock.ts';
import { assertZone, offsetTable, wallRangeToInstants } from './zone-offsets.ts';

/** Local dates `startsOn` … `endsOn` (inclusive) in `timezone`. */
export interface Closure {
  startsOn: string;
  endsOn: string;
  timezone: string;
}

/** The instants of the closures' days, merged. A day is midnight to midnight, 23 or 25 hours on a switch. */
export function closureIntervals(closures: readonly Closure[]): Interval[] {
  const out: Interval[] = [];
  for (const [i, c] of closures.entries()) {
    assertZone(c.timezone);
    const from = parseDay(c.startsOn, `closures[${i}].startsOn`);
    const to = parseDay(c.endsOn, `closures[${i}].endsOn`);
    if (to < from) continue;
    const table = offsetTable(c.timezone, (from - 2) * DAY_MS, (to + 3) * DAY_MS);
    out.push(...wallRangeToInstants(table, from * DAY_MS, (to + 1) * DAY_MS).map((p) => ({ start: p.start, end: p.end })));
  }
  return mergeIntervals(out);
}

/** Whether [start, end) touches a closure. */
export function inClosure(closed: readonly Interval[], start: number, end: number): boolean {
  for (const c of closed) if (c.start < end && c.end > start) return true;
  return false;
}

/** A cadence's skip test: a session [start, start + length) that touches a closure is moved a period on. */
export function skipsClosures(closed: readonly Interval[], lengthMs: number): ((start: number) => boolean) | undefined {
  if (closed.length === 0) return undefined;
  return (start) => inClosure(closed, start, start + lengthMs);
}

/**
 * The instructor's open time over [from, to) (instants): the weekly hours and date overrides
 * expanded in their zone, closures taken out. Busy time is not removed.
 */
export function openTime(calendar: Pick<InstructorCalendar, 'timezone' | 'rules' | 'overrides' | 'closed'>, from: number, to: number): Interval[] {
  if (to <= from) return [];
  const first = new Date(from - 2 * DAY_MS).toISOString().slice(0, 10);
  const last = new Date(to + 2 * DAY_MS).toISOString().slice(0, 10);
  const open = intersectIntervals(expandRules(calendar, first, last), [{ start: from, end: to }]);
  return calendar.closed?.length ? subtractIntervals(open, calendar.closed) : open;
}

/** Whether [start, end) lies wholly inside the (merged, sorted) open intervals. */
export function insideOpen(open: readonly Interval[], start: number, end: number): boolean {
  for (const o of open) {
    if (o.start <= start && end <= o.end) return true;
    if (o.start > start) return false;
  }
  return false;
}

export interface HeldSession { id: string; start: number; end: number }

/**
 * The sessions an availability change strands: inside the instructor's open time before the
 * change, outside it after. Sessions that were already outside (booked by the studio out of
 * hours) are not the change's doing and are not listed.
 */
export function newlyOutside(
  before: Pick<InstructorCalendar, 'timezone' | 'rules' | 'overrides' | 'closed'>,
  after: Pick<InstructorCalendar, 'timezone' | 'rules' | 'overrides' | 'closed'>,
  sessions: readonly HeldSession[],
): HeldSession[] {
  if (sessions.length === 0) return [];
  const from = Math.min(...sessions.map((s) => s.start));
  const to = Math.max(...sessions.map((s) => s.end));
  const was = openTime(before, from, to);
  const now = openTime(after, from, to);
  return sessions.filter((s) => insideOpen(was, s.start, s.end) && !insideOpen(now, s.start, s.end));
}
