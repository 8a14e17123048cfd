/**
 * Free start times of instructors.
 *
 * The rules, in the order they are applied to a candidate start s (L = session length):
 * 1. Grid: s lies on anchor + k × step in the instructor's wall clock, where the anchor is
 *    the wall-clock start of the day interval (one local date's merged hours) that contains s.
 *    A 09:00–12:00 rule with a 60-minute step and session offers 09:00, 10:00, 11:00.
 * 2. Open hours: the SESSION [s, s + L) lies inside the instructor's open time (open time of
 *    consecutive days merges, so a session may cross midnight). The buffers do not have to:
 *    a 09:00 start with a 15-minute buffer before is offered even if hours start at 09:00.
 *    Buffers are preparation / travel time, not time the instructor must be "open".
 * 3. Busy: the BUFFERED window [s − bufferBefore, s + L + bufferAfter) overlaps no busy
 *    interval of the instructor, nor of the room (`roomBusy`) when the program needs one.
 * 4. Notice and horizon: now + minNotice ≤ s < now + horizonDays × 24 h.
 * 5. Dates: computeSlots returns only starts whose local date in the CUSTOMER's zone lies in
 *    [query.from, query.to]. isSlotFree applies 1–4 to one start.
 *
 * DST (see expand-rules.ts): wall times that do not exist are never open, so never offered.
 * On a fall-back day the repeated wall-clock hour is open twice, so a label such as 02:00 can
 * appear twice — as two different instants. Every slot is a distinct instant: open pieces are
 * disjoint and each yields each instant at most once.
 *
 * The per-slot loop is integer arithmetic over sorted arrays with three forward-only cursors
 * (allowed starts, open time, busy time); Luxon is touched only to build offset tables.
 */
import { mergeIntervals } from './intervals.ts';
import { expandPieces, parseCalendar, type OpenPiece, type ParsedCalendar } from './expand-rules.ts';
import type { EpochMs, InstructorCalendar, Interval, Slot, SlotQuery, SlotSettings } from './types.ts';
import { AvailabilityInputError } from './types.ts';
import { DAY_MS, MINUTE_MS, mod, parseDay, wallDay } from './wall-clock.ts';
import { assertZone, offsetTable, offsetAt, wallRangeToInstants, type OffsetTable } from './zone-offsets.ts';

interface Prepared {
  lengthMs: number;
  beforeMs: number;
  afterMs: number;
  noticeMs: number;
  horizonMs: number;
  stepMs: number;
}

/** Margin added around every span a table must cover: ≥ the largest UTC offset plus a day. */
const TABLE_MARGIN_MS = 4 * DAY_MS;

function nonNegativeInt(value: number, label: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new AvailabilityInputError(`${label} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

/** Ten years: the engine expands every local day up to the horizon. */
export const MAX_HORIZON_DAYS = 3660;

function horizonDays(value: number): number {
  const days = nonNegativeInt(value, 'horizonDays');
  if (days > MAX_HORIZON_DAYS) throw new AvailabilityInputError(`horizonDays must be at most ${MAX_HORIZON_DAYS}, got ${days}`);
  return days;
}

function prepare(settings: SlotSettings): Prepared {
  const length = nonNegativeInt(settings.sessionLengthMin, 'sessionLengthMin');
  const step = nonNegativeInt(settings.stepMin, 'stepMin');
  if (length === 0) throw new AvailabilityInputError('sessionLengthMin must be positive');
  if (step === 0) throw new AvailabilityInputError('stepMin must be positive');
  return {
    lengthMs: length * MINUTE_MS,
    beforeMs: nonNegativeInt(settings.bufferBeforeMin, 'bufferBeforeMin') * MINUTE_MS,
    afterMs: nonNegativeInt(settings.bufferAfterMin, 'bufferAfterMin') * MINUTE_MS,
    noticeMs: nonNegativeInt(settings.minNoticeMin, 'minNoticeMin') * MINUTE_MS,
    horizonMs: horizonDays(settings.horizonDays) * DAY_MS,
    stepMs: step * MINUTE_MS,
  };
}

function assertInstant(value: number, label: string): void {
  if (!Number.isSafeInteger(value)) throw new AvailabilityInputError(`${label} must be integer epoch ms, got ${String(value)}`);
}

/** The busy intervals that can touch [from, to), merged (instructor's and room's alike). */
function relevantBusy(lists: (readonly Interval[] | undefined)[], from: number, to: number): Interval[] {
  const picked: Interval[] = [];
  for (const list of lists) {
    if (!list) continue;
    for (const iv of list) {
      if (!Number.isFinite(iv.start) || !Number.isFinite(iv.end)) {
        throw new AvailabilityInputError(`busy interval has a non-numeric bound: ${JSON.stringify(iv)}`);
      }
      if (iv.end > from && iv.start < to) picked.push(iv);
    }
  }
  return mergeIntervals(picked);
}

/** Allowed starts: [now + notice, now + horizon), optionally ∩ the customer's local dates. */
function noticeWindow(p: Prepared, now: EpochMs): Interval[] {
  const start = now + p.noticeMs;
  const end = now + p.horizonMs;
  return start < end ? [{ start, end }] : [];
}

function customerWindow(p: Prepared, query: SlotQuery): Interval[] {
  assertInstant(query.now, 'now');
  assertZone(query.customerZone);
  const fromDay = parseDay(query.from, 'from');
  const toDay = parseDay(query.to, 'to');
  if (toDay < fromDay) return [];
  const [limit] = noticeWindow(p, query.now);
  if (!limit) return [];
  // Clip the customer's dates to the notice/horizon window first (a wall time is within a day
  // of its instant), so a range of years costs no more than the horizon.
  const wallStart = Math.max(fromDay * DAY_MS, limit.start - DAY_MS);
  const wallEnd = Math.min((toDay + 1) * DAY_MS, limit.end + DAY_MS);
  if (wallEnd <= wallStart) return [];
  const table = offsetTable(query.customerZone, wallStart - TABLE_MARGIN_MS, wallEnd + TABLE_MARGIN_MS);
  const dates = mergeIntervals(wallRangeToInstants(table, wallStart, wallEnd));
  const out: Interval[] = [];
  for (const d of dates) {
    const start = Math.max(d.start, limit.start);
    const end = Math.min(d.end, limit.end);
    if (start < end) out.push({ start, end });
  }
  return out;
}

type TableFor = (zone: string, from: number, to: number) => OffsetTable;

/** Offset tables shared by the instructors of one call (most share a zone). */
function tableCache(): TableFor {
  const tables = new Map<string, { from: number; to: number; table: OffsetTable }>();
  return (zone, from, to) => {
    const hit = tables.get(zone);
    if (hit && hit.from <= from && hit.to >= to) return hit.table;
    const table = offsetTable(zone, from, to);
    tables.set(zone, { from, to, table });
    return table;
  };
}

/** Open pieces with closures taken out; each part keeps its piece's anchor and offset, so the start-time grid stays where it was. */
function cutClosed(pieces: OpenPiece[], closed: readonly Interval[] | undefined): OpenPiece[] {
  if (!closed?.length) return pieces;
  const out: OpenPiece[] = [];
  for (const p of pieces) {
    let start = p.start;
    for (const c of closed) {
      if (c.end <= start) continue;
      if (c.start >= p.end) break;
      if (c.start > start) out.push({ ...p, start, end: c.start });
      start = Math.max(start, c.end);
      if (start >= p.end) break;
    }
    if (start < p.end) out.push({ ...p, start });
  }
  return out;
}

/** The core: slots of one instructor whose start lies in `window` (normalised, non-empty). */
function slotsInWindow(
  instructorId: string,
  zone: string,
  parsed: ParsedCalendar,
  closed: readonly Interval[] | undefined,
  busyLists: (readonly Interval[] | undefined)[],
  p: Prepared,
  window: readonly Interval[],
  tableFor: TableFor,
): Slot[] {
  const out: Slot[] = [];
  if (window.length === 0) return out;
  const wStart = window[0]!.start;
  const wEnd = window[window.length - 1]!.end;
  const table = tableFor(zone, wStart - TABLE_MARGIN_MS, wEnd + p.lengthMs + TABLE_MARGIN_MS);
  // Local dates whose hours can hold a start in the window, or the rest of its session. One
  // day of margin each side absorbs a DST switch moving the wall clock across midnight.
  const fromDay = wallDay(wStart + offsetAt(table, wStart)) - 1;
  const lastSessionEnd = wEnd + p.lengthMs;
  const toDay = wallDay(lastSessionEnd + offsetAt(table, lastSessionEnd)) + 1;
  const pieces: OpenPiece[] = cutClosed(expandPieces(parsed, table, fromDay, toDay), closed);
  if (pieces.length === 0) return out;
  const open = mergeIntervals(pieces);
  const busy = relevantBusy(busyLists, wStart - p.beforeMs, lastSessionEnd + p.afterMs);

  const { lengthMs, beforeMs, afterMs, stepMs } = p;
  let w = 0;
  let k = 0;
  let b = 0;
  for (const piece of pieces) {
    while (open[k]!.end <= piece.start) k++;
    const lastStart = Math.min(piece.end - 1, open[k]!.end - lengthMs);
    const phase = piece.anchorWall - piece.offsetMs; // s ≡ phase (mod step) ⇔ wall(s) on the grid
    let s = piece.start + mod(phase - piece.start, stepMs);
    while (s <= lastStart) {
      while (window[w]!.end <= s) {
        if (++w === window.length) return out;
      }
      const win = window[w]!;
      if (s < win.start) {
        s = win.start + mod(phase - win.start, stepMs);
        continue;
      }
      const lo = s - beforeMs;
      while (b < busy.length && busy[b]!.end <= lo) b++;
      if (b < busy.length && busy[b]!.start < s + lengthMs + afterMs) {
        const free = busy[b]!.end + beforeMs; // first start whose buffered window clears it
        s = free + mod(phase - free, stepMs);
        continue;
      }
      out.push({ start: s, end: s + lengthMs, instructorId });
      s += stepMs;
    }
  }
  return out;
}

/** Free slots of one instructor, sorted by start. */
export function computeSlots(calendar: InstructorCalendar, settings: SlotSettings, query: SlotQuery, roomBusy?: Interval[]): Slot[] {
  const p = prepare(settings);
  const window = customerWindow(p, query);
  assertZone(calendar.timezone);
  const parsed = parseCalendar(calendar); // validates even when nothing is asked for
  if (window.length === 0) return [];
  return slotsInWindow(calendar.instructorId, calendar.timezone, parsed, calendar.closed, [calendar.busy, roomBusy], p, window, tableCache());
}

/** Free slots of several instructors, sorted by start, then instructorId. */
export function computeSlotsForInstructors(
  calendars: InstructorCalendar[],
  settings: SlotSettings,
  query: SlotQuery,
  roomBusy?: Interval[],
): Slot[] {
  const p = prepare(settings);
  const window = customerWindow(p, query);
  const parsed = calendars.map((cal) => {
    assertZone(cal.timezone);
    return parseCalendar(cal);
  });
  if (window.length === 0 || calendars.length === 0) return [];
  const tableFor = tableCache();
  const room = roomBusy ? relevantBusy([roomBusy], window[0]!.start - p.beforeMs, window[window.length - 1]!.end + p.lengthMs + p.afterMs) : undefined;
  const order = calendars.map((_, i) => i).sort((a, b) => compareIds(calendars[a]!.instructorId, calendars[b]!.instructorId));
  let lists = order.map((i) => {
    const cal = calendars[i]!;
    return slotsInWindow(cal.instructorId, cal.timezone, parsed[i]!, cal.closed, [cal.busy, room], p, window, tableFor);
  });
  // Each list is sorted by start and the lists are in instructorId order: merging neighbours
  // pairwise, left first on equal starts, gives (start, instructorId) order in O(n log k).
  while (lists.length > 1) {
    const next: Slot[][] = [];
    for (let i = 0; i < lists.length; i += 2) next.push(i + 1 < lists.length ? mergeByStart(lists[i]!, lists[i + 1]!) : lists[i]!);
    lists = next;
  }
  return lists[0]!;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Merges two start-sorted lists; on equal starts the element of `a` comes first. */
function mergeByStart(a: Slot[], b: Slot[]): Slot[] {
  const out = new Array<Slot>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]!.start <= b[j]!.start ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/**
 * Whether `start` would be offered by computeSlots (rules 1–4 above; the customer's dates do
 * not apply). Runs the same core on a one-millisecond window, so the two cannot disagree.
 */
export function isSlotFree(
  calendar: InstructorCalendar,
  settings: SlotSettings,
  start: EpochMs,
  now: EpochMs,
  roomBusy?: Interval[],
): boolean {
  const p = prepare(settings);
  assertInstant(start, 'start');
  assertInstant(now, 'now');
  const [limit] = noticeWindow(p, now);
  assertZone(calendar.timezone);
  const parsed = parseCalendar(calendar);
  if (!limit || start < limit.start || start >= limit.end) return false;
  const found = slotsInWindow(calendar.instructorId, calendar.timezone, parsed, calendar.closed, [calendar.busy, roomBusy], p, [{ start, end: start + 1 }], tableCache());
  return found.length === 1 && found[0]!.start === start;
}
