/**
 * The availability engine's vocabulary. Every instant is integer epoch milliseconds (UTC);
 * every wall-clock value ('HH:mm', 'YYYY-MM-DD') is local to a named IANA zone.
 */

export type EpochMs = number;

/** Half-open [start, end) in epoch milliseconds. */
export interface Interval {
  start: EpochMs;
  end: EpochMs;
}

/** A weekly opening of an instructor, in the instructor's wall clock. */
export interface WeeklyRule {
  /** ISO weekday, Monday = 1 … Sunday = 7. */
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  /** 'HH:mm', local. */
  start: string;
  /** 'HH:mm', local; '24:00' means the end of the day. */
  end: string;
  /** 'YYYY-MM-DD', inclusive, local. */
  validFrom?: string;
  /** 'YYYY-MM-DD', inclusive, local. */
  validUntil?: string;
}

/**
 * A change to one local date.
 * - closed: no availability that day (wins over every other override of the same date);
 * - replace: the day's hours are exactly `intervals` (the weekly rules are ignored that day);
 * - extra: `intervals` are added to the day's hours (weekly or replaced).
 */
export interface DateOverride {
  date: string;
  kind: 'closed' | 'replace' | 'extra';
  intervals: { start: string; end: string }[];
}

export interface InstructorCalendar {
  instructorId: string;
  /** IANA zone in which `rules` and `overrides` are written. */
  timezone: string;
  rules: WeeklyRule[];
  overrides: DateOverride[];
  /** Schedule blocks (sessions, group classes, time off): any order, may overlap. */
  busy: Interval[];
  /**
   * Studio closures as instants (closures.ts): open time is cut there, so no session may start,
   * end or run in them. Unlike busy time, buffers may reach into them.
   */
  closed?: Interval[];
}

export interface SlotSettings {
  sessionLengthMin: number;
  bufferBeforeMin: number;
  bufferAfterMin: number;
  minNoticeMin: number;
  /** Starts must lie before now + horizonDays × 24 h. */
  horizonDays: number;
  stepMin: number;
}

export interface SlotQuery {
  /** 'YYYY-MM-DD', inclusive, in the customer's zone. */
  from: string;
  /** 'YYYY-MM-DD', inclusive, in the customer's zone. */
  to: string;
  customerZone: string;
  now: EpochMs;
}

/** A bookable session: [start, end) is the session itself, without buffers. */
export interface Slot {
  start: EpochMs;
  end: EpochMs;
  instructorId: string;
}

export interface Cadence {
  every: number;
  unit: 'day' | 'week';
}

/**
 * Malformed input to the engine (a bad 'HH:mm', an unknown zone, a zero step): a programmer
 * or validation error upstream, never an expected outcome. Routes validate before calling.
 */
export class AvailabilityInputError extends Error {
  override name = 'AvailabilityInputError';
}
