/**
 * When the built-in reminders and nudges go out: pure, given the instants and the customer's zone.
 */
import { wallOf, wallTime, wallToInstant } from '../../../../shared/zone.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A program's reminders and nudges; every program has them on, with these values, until the studio edits them. */
export interface NudgeSettings {
  sessionReminderHours: number[];
  bookNext: boolean;
  installmentDue: boolean;
  abandonedReservation: boolean;
  milestoneDue: boolean;
  reviewRequest: boolean;
}

export const DEFAULT_NUDGES: NudgeSettings = {
  sessionReminderHours: [48, 2],
  bookNext: true,
  installmentDue: true,
  abandonedReservation: true,
  milestoneDue: true,
  reviewRequest: true,
};

/** No mail from 22:00 to 07:00 in the customer's zone… */
export const QUIET_HOURS = { from: 22, to: 7 } as const;
/** …unless the session is less than this far away (a 2-hour reminder for an 08:00 session goes at 06:00). */
export const QUIET_EXEMPT_MS = 3 * 3_600_000;

/** An installment is announced this long before it is charged. */
export const INSTALLMENT_NOTICE_MS = 3 * 24 * 3_600_000;
/** "Book your next session" this long before a pack's validity ends, too. */
export const BOOK_NEXT_BEFORE_EXPIRY_MS = 7 * 24 * 3_600_000;
/** A milestone is announced this long before it is due. */
export const MILESTONE_NOTICE_MS = 24 * 3_600_000;
/** The review request follows the program's completion by this much. */
export const REVIEW_DELAY_MS = 24 * 3_600_000;

/** Whether `at` falls into the quiet hours in `zone`. */
export function inQuietHours(at: number, zone: string, quiet: { from: number; to: number } = QUIET_HOURS): boolean {
  const hour = wallTime(at, zone).hour;
  return quiet.from > quiet.to ? hour >= quiet.from || hour < quiet.to : hour >= quiet.from && hour < quiet.to;
}

/**
 * When a mail planned for `planned` goes out, out of the quiet hours: as planned when that is
 * outside them, or when `deadline` (the session it is about) is under QUIET_EXEMPT_MS away;
 * else at the quiet hours' end (07:00 local) if that still leaves QUIET_EXEMPT_MS before the
 * deadline, else just before they began (21:59 local the evening before). Wall-clock times are
 * taken in `zone`, right across DST changes.
 */
export function outsideQuietHours(planned: number, zone: string, deadline: number | null = null, quiet: { from: number; to: number } = QUIET_HOURS): number {
  if (!inQuietHours(planned, zone, quiet)) return planned;
  if (deadline !== null && deadline - planned < QUIET_EXEMPT_MS) return planned;
  // Wall-clock arithmetic on the local day (UTC-encoded), turned back into instants in the zone.
  const wall = wallOf(planned, zone);
  const day = wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
  const hour = wallTime(planned, zone).hour;
  // The end of this quiet night: today's 07:00 if it is before 07:00, else tomorrow's.
  const end = wallToInstant(day + (hour < quiet.to ? 0 : DAY_MS) + quiet.to * HOUR_MS, zone);
  if (deadline === null || deadline - end >= QUIET_EXEMPT_MS) return end;
  // Else the last minute before this night's quiet hours began.
  return wallToInstant(day - (hour >= quiet.from ? 0 : DAY_MS) + quiet.from * HOUR_MS, zone) - 60_000;
}

/** When the reminder `hours` before a session starting at `startsAt` goes out (the customer's zone). */
export function sessionReminderAt(startsAt: number, hours: number, zone: string): number {
  return outsideQuietHours(startsAt - hours * HOUR_MS, zone, startsAt);
}

/** Hours as the studio may give them: whole, 1 to 336 (two weeks), at most four, each once, largest first. */
export function normalReminderHours(hours: number[]): number[] {
  return [...new Set(hours)].sort((a, b) => b - a);
}
