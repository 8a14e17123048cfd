import * as v from 'valibot';
import { Id, IsoDate, IsoInstant, singleLine } from './common.ts';

/** The widest range one slots request may ask for, in days (both ends included). */
export const MAX_SLOT_RANGE_DAYS = 62;

/** Days since the epoch of a `YYYY-MM-DD` that names a real calendar date, else undefined. */
export function dayNumber(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return t / 86_400_000;
}

/** The canonical spelling of an IANA zone name ('europe/zurich' → 'Europe/Zurich'), or undefined when unknown. */
export function canonicalZone(zone: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone) || zone.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Days from `from` to `to`, both included (0 or less when reversed); undefined when either is not a date. */
function rangeDays(q: { from: string; to: string }): number | undefined {
  const from = dayNumber(q.from);
  const to = dayNumber(q.to);
  return from === undefined || to === undefined ? undefined : to - from + 1;
}

/** A calendar date that exists (`2026-02-30` does not). */
export const RealDate = v.pipe(IsoDate, v.check((d) => dayNumber(d) !== undefined, 'is not a calendar date'));

/** An IANA time-zone name such as `Europe/Zurich`. */
export const TimeZone = v.pipe(v.string(), v.minLength(1, 'is required'), v.check((z) => canonicalZone(z) !== undefined, 'must be an IANA time zone such as Europe/Zurich'));

export const SlotsQuery = v.pipe(
  v.object({
    from: RealDate,
    to: RealDate,
    tz: TimeZone,
    instructor: v.optional(Id),
    variant: v.optional(Id),
    link: v.optional(v.pipe(v.string(), singleLine(), v.maxLength(200))),
  }),
  // (valibot runs these even when `from` or `to` failed their own checks: then they pass)
  v.forward(
    v.partialCheck([['from'], ['to']], (q) => rangeDays(q) === undefined || rangeDays(q)! >= 1, 'must not be before from'),
    ['to'],
  ),
  v.forward(
    v.partialCheck([['from'], ['to']], (q) => rangeDays(q) === undefined || rangeDays(q)! <= MAX_SLOT_RANGE_DAYS, `the range may span at most ${MAX_SLOT_RANGE_DAYS} days`),
    ['to'],
  ),
);
export type SlotsQuery = v.InferOutput<typeof SlotsQuery>;

export const SlotOut = v.object({
  /** UTC instants. */
  start: v.string(),
  end: v.string(),
  /** `HH:mm` in the customer's zone (`timezone` of the answer). */
  local_start: v.string(),
  local_end: v.string(),
  instructor: v.object({ id: Id, name: v.string() }),
});
export type SlotOut = v.InferOutput<typeof SlotOut>;

export const SlotsResponse = v.object({
  /** The customer's zone the local fields and days are in (canonical spelling of `tz`). */
  timezone: v.string(),
  from: v.string(),
  to: v.string(),
  session_length_min: v.number(),
  /**
   * The last date (customer's zone) that can hold a first start: the horizon, less the time a
   * series at the program's cadence needs (a later first start could not hold every session).
   */
  last_date: v.optional(v.string()),
  /** Every date of the range, in order, in the customer's zone; a day without free times has no slots. */
  days: v.array(v.object({ date: v.string(), slots: v.array(SlotOut) })),
});
export type SlotsResponse = v.InferOutput<typeof SlotsResponse>;

/** A free time offered instead of a taken one. */
export const Alternative = v.object({
  start: v.string(),
  end: v.string(),
  local_start: v.string(),
  local_end: v.string(),
  local_date: v.string(),
  instructor: v.object({ id: Id, name: v.string() }),
});
export type Alternative = v.InferOutput<typeof Alternative>;

/**
 * `GET /v1/embed/programs/:slug/slots/series`: the whole series a first start leads to (the
 * program's cadence over the variant's sessions), checked by the same engine as a booking.
 */
/** Each of a comma-separated list is an instant (`starts` of the series check). */
const instantList = (list: string) => list.split(',').every((x) => v.is(IsoInstant, x));

export const SeriesQuery = v.object({
  first_start: IsoInstant,
  /**
   * The customer's own list of starts (comma-separated instants, the first one `first_start`) once an
   * alternative was chosen for a clash: these are checked instead of the cadence's dates.
   */
  starts: v.optional(v.pipe(v.string(), v.maxLength(4000), v.check(instantList, 'must be ISO 8601 timestamps with a time zone, separated by commas'))),
  tz: TimeZone,
  variant: Id,
  instructor: v.optional(Id),
  link: v.optional(v.pipe(v.string(), singleLine(), v.maxLength(200))),
  /**
   * How many of the variant's sessions the series has (default: all of them): the portal checks a
   * booking's remaining sessions from a new first date. At most the variant's count.
   */
  count: v.optional(v.pipe(v.string(), v.regex(/^[1-9]\d{0,2}$/, 'must be a whole number from 1'), v.transform(Number))),
});
export type SeriesQuery = v.InferOutput<typeof SeriesQuery>;

export const SeriesSession = v.object({
  start: v.string(),
  end: v.string(),
  /** `free`, or why not: `taken` (busy) or `unavailable` (no hours, too soon, beyond the horizon, off the grid). */
  status: v.picklist(['free', 'taken', 'unavailable']),
  /** The nearest free starts instead (empty when free). */
  alternatives: v.array(Alternative),
});
export type SeriesSession = v.InferOutput<typeof SeriesSession>;

export const SeriesResponse = v.object({
  /** Every session can be held as it stands. */
  ok: v.boolean(),
  /** The instructor the booking would get (the first free for every start, else the one with the fewest clashes). */
  instructor: v.object({ id: Id, name: v.string() }),
  sessions: v.array(SeriesSession),
});
export type SeriesResponse = v.InferOutput<typeof SeriesResponse>;
