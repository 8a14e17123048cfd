/**
 * The admin API's availability: an instructor's weekly hours (per location, in their zone), date
 * overrides, time off, group classes, calendar feeds; the studio's closures and rooms. Changes that
 * would leave booked sessions outside the hours are refused with those sessions (409
 * `sessions_in_the_way`) unless `force` is set, and then answered with them (`stranded`).
 */
import * as v from 'valibot';
import { Id, IsoDate as AnyIsoDate, IsoInstant, realInstant, singleLine } from './common.ts';

/** A calendar date that exists (`2026-02-30` does not). */
export const IsoDate = v.pipe(AnyIsoDate, v.check((d) => realInstant(`${d}T00:00:00Z`), 'must be a date as YYYY-MM-DD'));

const Clock = v.pipe(v.string('must be a time as HH:mm'), v.regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time as HH:mm'));
const Name = v.pipe(v.string('is required'), v.trim(), singleLine(), v.minLength(1, 'is required'), v.maxLength(200));
const Force = v.optional(v.boolean('must be true or false'), false);
const ordered = <T extends { start: string; end: string }>(x: T) => x.start < x.end;

export const Hours = v.pipe(v.object({ start: Clock, end: Clock }), v.check(ordered, 'must end after it starts'));

export const WeeklyHour = v.pipe(v.object({
  weekday: v.pipe(v.number('must be 1 (Monday) … 7 (Sunday)'), v.integer('must be 1 (Monday) … 7 (Sunday)'), v.minValue(1, 'must be 1 (Monday) … 7 (Sunday)'), v.maxValue(7, 'must be 1 (Monday) … 7 (Sunday)')),
  start: Clock,
  end: Clock,
  location_id: v.optional(v.nullable(Id)),
  valid_from: v.optional(v.nullable(IsoDate)),
  valid_until: v.optional(v.nullable(IsoDate)),
}), v.check(ordered, 'must end after it starts'));
export type WeeklyHour = v.InferOutput<typeof WeeklyHour>;

/** PUT …/weekly: the instructor's whole week, replacing what was there. */
export const WeeklyHoursBody = v.object({ hours: v.pipe(v.array(WeeklyHour, 'must be a list'), v.maxLength(100)), force: Force });
export type WeeklyHoursBody = v.InferOutput<typeof WeeklyHoursBody>;

/** POST …/overrides: one date's hours, replacing that date's earlier overrides. `closed` has no intervals. */
export const OverrideBody = v.pipe(v.object({
  date: IsoDate,
  kind: v.picklist(['closed', 'replace', 'extra'], 'must be closed, replace or extra'),
  intervals: v.optional(v.pipe(v.array(Hours), v.maxLength(24)), []),
  force: Force,
}), v.forward(v.check((o) => (o.kind === 'closed') === (o.intervals.length === 0), 'closed takes no intervals; replace and extra need at least one'), ['intervals']));
export type OverrideBody = v.InferOutput<typeof OverrideBody>;

const range = <T extends { starts_at: string; ends_at: string }>(x: T) => Date.parse(x.starts_at) < Date.parse(x.ends_at);

export const TimeOffBody = v.pipe(v.object({
  starts_at: IsoInstant, ends_at: IsoInstant,
  note: v.optional(v.pipe(v.string(), v.maxLength(500)), ''),
  force: Force,
}), v.forward(v.check(range, 'must be after starts_at'), ['ends_at']));
export type TimeOffBody = v.InferOutput<typeof TimeOffBody>;

export const ClosureBody = v.pipe(v.object({ starts_on: IsoDate, ends_on: IsoDate, name: Name, force: Force }),
  v.forward(v.check((c) => c.starts_on <= c.ends_on, 'must not be before starts_on'), ['ends_on']),
  v.forward(v.check((c) => Date.parse(c.ends_on) - Date.parse(c.starts_on) <= 366 * 86_400_000, 'a closure lasts at most a year'), ['ends_on']));
export type ClosureBody = v.InferOutput<typeof ClosureBody>;

export const ClassBody = v.pipe(v.object({
  instructor_id: Id, title: Name, starts_at: IsoInstant, ends_at: IsoInstant,
  resource_id: v.optional(v.nullable(Id)),
  capacity: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1), v.maxValue(1000)), 12),
}), v.forward(v.check(range, 'must be after starts_at'), ['ends_at']));
export type ClassBody = v.InferOutput<typeof ClassBody>;

export const FeedBody = v.object({
  instructor_id: Id,
  url: v.pipe(v.string('is required'), v.trim(), v.maxLength(2000)),
  label: v.optional(v.pipe(v.string(), singleLine(), v.maxLength(200)), ''),
});
export type FeedBody = v.InferOutput<typeof FeedBody>;

export const RoomBody = v.object({ location_id: Id, name: Name });
export type RoomBody = v.InferOutput<typeof RoomBody>;

export const WeekQuery = v.object({
  instructor: v.optional(Id),
  /** The first day shown (in the instructor's zone); default: this week's Monday. */
  from: v.optional(IsoDate),
  days: v.optional(v.pipe(v.string(), v.regex(/^\d{1,2}$/, 'must be 1 … 31'), v.transform(Number), v.minValue(1, 'must be 1 … 31'), v.maxValue(31, 'must be 1 … 31')), '7'),
});

// ---- answers ----

export const StrandedSessionOut = v.object({
  id: v.string(), booking_id: v.string(), instructor_id: v.string(), starts_at: v.string(), ends_at: v.string(),
  program: v.string(), customer: v.string(),
});
export type StrandedSessionOut = v.InferOutput<typeof StrandedSessionOut>;

export const WeeklyHourOut = v.object({ id: v.string(), weekday: v.number(), start: v.string(), end: v.string(), location_id: v.nullable(v.string()), valid_from: v.nullable(v.string()), valid_until: v.nullable(v.string()) });
export const OverrideOut = v.object({ id: v.string(), date: v.string(), kind: v.string(), start: v.nullable(v.string()), end: v.nullable(v.string()) });
export const TimeOffOut = v.object({ id: v.string(), starts_at: v.string(), ends_at: v.string(), note: v.string() });
export const ClassOut = v.object({ id: v.string(), instructor_id: v.string(), title: v.string(), starts_at: v.string(), ends_at: v.string(), resource_id: v.nullable(v.string()), feed_id: v.nullable(v.string()) });
export const ClosureOut = v.object({ id: v.string(), starts_on: v.string(), ends_on: v.string(), name: v.string(), timezone: v.string() });
export const WeekSessionOut = v.object({ id: v.string(), booking_id: v.string(), starts_at: v.string(), ends_at: v.string(), status: v.string(), program: v.string(), customer: v.string() });
export const FeedOut = v.object({ id: v.string(), instructor_id: v.string(), url: v.string(), label: v.string(), last_synced_at: v.nullable(v.string()), last_error: v.nullable(v.string()), events_imported: v.number() });

export const WeekOut = v.object({
  instructor: v.object({ id: v.string(), name: v.string(), timezone: v.string() }),
  /** Whom the caller may open (instructors: themselves). */
  instructors: v.array(v.object({ id: v.string(), name: v.string() })),
  from: v.string(), to: v.string(),
  weekly: v.array(WeeklyHourOut),
  overrides: v.array(OverrideOut),
  /** The open hours over the days shown, after overrides and closures (instants). */
  open: v.array(v.object({ starts_at: v.string(), ends_at: v.string() })),
  time_off: v.array(TimeOffOut),
  classes: v.array(ClassOut),
  sessions: v.array(WeekSessionOut),
  closures: v.array(ClosureOut),
  locations: v.array(v.object({ id: v.string(), name: v.string() })),
});
export type WeekOut = v.InferOutput<typeof WeekOut>;

/** A change's answer: what was kept, and the sessions it left outside the hours (only with `force`). */
export const ChangeOut = v.object({ ok: v.boolean(), stranded: v.array(StrandedSessionOut), ids: v.array(v.string()) });
export type ChangeOut = v.InferOutput<typeof ChangeOut>;

export const ClosuresOut = v.object({ closures: v.array(ClosureOut) });
export const FeedsOut = v.object({ feeds: v.array(FeedOut) });
export const RoomsOut = v.object({ locations: v.array(v.object({ id: v.string(), name: v.string(), timezone: v.string(), rooms: v.array(v.object({ id: v.string(), name: v.string() })) })) });
export type RoomsOut = v.InferOutput<typeof RoomsOut>;
