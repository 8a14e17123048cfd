/**
 * Which instructor takes which starts, or why not: pure, over calendars the caller loaded.
 *
 * Every wanted start is checked with the engine's `isSlotFree` (hours, grid, notice, horizon,
 * the instructor's and the room's busy time, buffers). The booking's own earlier starts count
 * as busy for its later ones. When a start cannot be held, the answer names it, says whether
 * it is `taken` (busy) or `unavailable` (no hours, too soon, too far, off the grid), and
 * offers the nearest free starts of the same instructor within a few days.
 */
import {
  computeSlots, computeSlotsForInstructors, isSlotFree, nearestFreeAlternatives,
  type InstructorCalendar, type Interval, type Slot, type SlotSettings,
} from '../../availability/domain/index.ts';
import { localClock } from '../../availability/domain/index.ts';

const MIN = 60_000;
const DAY = 86_400_000;
/** How far around a wanted start alternatives are looked for. */
export const ALTERNATIVES_WINDOW_MS = 3 * DAY;
export const ALTERNATIVES_COUNT = 3;

export interface Candidate {
  id: string;
  name: string;
  timezone: string;
}

export type StartStatus = 'free' | 'taken' | 'unavailable';

/** A wanted start that cannot be held, with the nearest free starts: the `conflicts` of a 409 `slot_taken` / `slot_unavailable`. */
export interface SlotConflict {
  start: string;
  reason: 'taken' | 'unavailable';
  alternatives: {
    start: string;
    end: string;
    local_start: string;
    local_end: string;
    local_date: string;
    instructor: { id: string; name: string };
  }[];
}

/** The time a session at `start` occupies, buffers included: what its schedule block stores. */
export function bufferedWindow(start: number, settings: SlotSettings): Interval {
  return { start: start - settings.bufferBeforeMin * MIN, end: start + (settings.sessionLengthMin + settings.bufferAfterMin) * MIN };
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * The status of each start for one instructor. `override` (staff only) skips hours, grid,
 * notice and horizon: only busy time counts.
 */
export function checkStarts(calendar: InstructorCalendar, settings: SlotSettings, starts: number[], now: number, roomBusy: Interval[] | undefined, override = false): StartStatus[] {
  const own: Interval[] = [];
  return starts.map((start) => {
    const window = bufferedWindow(start, settings);
    const busy = own.length ? calendar.busy.concat(own) : calendar.busy;
    let free: boolean;
    if (override) {
      free = !busy.some((b) => overlaps(b, window)) && !(roomBusy ?? []).some((b) => overlaps(b, window));
    } else {
      free = isSlotFree(own.length ? { ...calendar, busy } : calendar, settings, start, now, roomBusy);
    }
    if (free) {
      own.push(window);
      return 'free';
    }
    if (override) return 'taken';
    return isSlotFree({ ...calendar, busy: [] }, settings, start, now) ? 'taken' : 'unavailable';
  });
}

export interface Choice {
  candidate: Candidate;
  calendar: InstructorCalendar;
  starts: number[];
  statuses: StartStatus[];
}

/**
 * The first candidate free for every start, or (ok: false) the one with the fewest
 * conflicts, whose conflicts the answer then describes. `startsFor` gets the zone of the
 * candidate's calendar (cadence starts keep their local time there).
 */
export function choose(candidates: Candidate[], calendars: InstructorCalendar[], startsFor: (zone: string) => number[], settings: SlotSettings, now: number, roomBusy: Interval[] | undefined, override = false): { ok: boolean; choice: Choice } {
  let best: Choice | undefined;
  let bestConflicts = Infinity;
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i]!;
    const calendar = calendars[i]!;
    const starts = startsFor(calendar.timezone);
    const statuses = checkStarts(calendar, settings, starts, now, roomBusy, override);
    const conflicts = statuses.filter((s) => s !== 'free').length;
    if (conflicts === 0) return { ok: true, choice: { candidate, calendar, starts, statuses } };
    if (conflicts < bestConflicts) {
      best = { candidate, calendar, starts, statuses };
      bestConflicts = conflicts;
    }
  }
  return { ok: false, choice: best! };
}

export interface ConflictContext {
  settings: SlotSettings;
  now: number;
  roomBusy: Interval[] | undefined;
  /** The customer's zone, for the local fields of alternatives. */
  zone: string;
  names: Map<string, string>;
  /** Calendars loaded over the wanted starts ± ALTERNATIVES_WINDOW_MS. */
  calendars: InstructorCalendar[];
  /** Offer other instructors' times too (a single session with no instructor asked for). */
  anyInstructor: boolean;
}

/** The conflicts of a choice, with the nearest free alternatives to each. */
export function describeConflicts(choice: Choice, ctx: ConflictContext): SlotConflict[] {
  const clock = localClock(ctx.zone);
  const { settings } = ctx;
  // The booking's starts that are fine stay busy for the alternatives of the others.
  const keep = choice.starts.filter((_, i) => choice.statuses[i] === 'free').map((s) => bufferedWindow(s, settings));
  const own = ctx.calendars.find((c) => c.instructorId === choice.candidate.id) ?? choice.calendar;
  const calendars = ctx.anyInstructor ? ctx.calendars : [own];
  const withKept = calendars.map((c) => (c.instructorId === choice.candidate.id && keep.length ? { ...c, busy: c.busy.concat(keep) } : c));
  const conflicts: SlotConflict[] = [];
  choice.starts.forEach((wanted, i) => {
    const status = choice.statuses[i]!;
    if (status === 'free') return;
    const query = { from: clock(wanted - ALTERNATIVES_WINDOW_MS).date, to: clock(wanted + ALTERNATIVES_WINDOW_MS).date, customerZone: ctx.zone, now: ctx.now };
    const free: Slot[] = withKept.length === 1
      ? computeSlots(withKept[0]!, settings, query, ctx.roomBusy)
      : computeSlotsForInstructors(withKept, settings, query, ctx.roomBusy);
    // The nearest ones, shown as a list of times is read: earliest first.
    const near = nearestFreeAlternatives(wanted, free, ALTERNATIVES_COUNT, ALTERNATIVES_WINDOW_MS)
      .sort((a, b) => a.start - b.start || (a.instructorId < b.instructorId ? -1 : a.instructorId > b.instructorId ? 1 : 0));
    conflicts.push({
      start: new Date(wanted).toISOString(),
      reason: status,
      alternatives: near.map((s) => {
        const a = clock(s.start);
        return {
          start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString(),
          local_start: a.time, local_end: clock(s.end).time, local_date: a.date,
          instructor: { id: s.instructorId, name: ctx.names.get(s.instructorId) ?? '' },
        };
      }),
    });
  });
  return conflicts;
}
