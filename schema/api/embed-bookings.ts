import * as v from 'valibot';
import { Id, IsoInstant, Locale, singleLine } from './common.ts';
import { Alternative, TimeZone } from './embed-slots.ts';

export const CustomerInput = v.object({
  name: v.pipe(v.string(), v.trim(), singleLine(), v.minLength(1, 'is required'), v.maxLength(200)),
  email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email('must be an email address'), v.maxLength(320)),
  phone: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number'))),
  locale: v.optional(Locale, 'en'),
  /** The customer's IANA zone: local times in answers (alternatives) are given in it. */
  timezone: v.optional(TimeZone),
});

/**
 * Which sessions to hold:
 *   explicit  these starts (at most the variant's sessions count; the rest are scheduled later)
 *   cadence   `first_start`, then the program's cadence (e.g. weekly, same local time) for every session of the variant
 *   later     only `first_start`; the other sessions are scheduled later (POST …/sessions)
 */
export const SessionsInput = v.variant('mode', [
  v.object({ mode: v.literal('explicit'), starts: v.pipe(v.array(IsoInstant), v.minLength(1, 'needs at least one start'), v.maxLength(52)) }),
  v.object({ mode: v.literal('cadence'), first_start: IsoInstant }),
  v.object({ mode: v.literal('later'), first_start: IsoInstant }),
]);

export const CreateBookingBody = v.object({
  /** The program's slug or id. */
  program: v.pipe(v.string(), singleLine(), v.minLength(1, 'is required'), v.maxLength(80)),
  /** A by_link program's token. */
  link: v.optional(v.pipe(v.string(), singleLine(), v.maxLength(200))),
  variant: Id,
  /** Omitted: any instructor of the program who is free for every session. */
  instructor: v.optional(Id),
  customer: CustomerInput,
  sessions: SessionsInput,
  intake: v.optional(v.record(v.string(), v.unknown()), {}),
  /** The host page's UTM / gclid parameters. */
  source: v.optional(v.pipe(
    v.record(v.pipe(v.string(), v.maxLength(64)), v.pipe(v.string(), v.maxLength(500))),
    v.check((s) => Object.keys(s).length <= 20, 'may have at most 20 parameters'),
  )),
  /**
   * The widget's funnel visit (the random id its `POST /v1/embed/events` carry): a payment that
   * arrives later (a QR-bill or bank transfer the studio records) then counts as that visit's `paid` step.
   */
  visit: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8 to 64 letters, digits or dashes'))),
});
export type CreateBookingBody = v.InferOutput<typeof CreateBookingBody>;

export const SessionOut = v.object({
  id: Id,
  /** 1-based position in the booking. */
  seq: v.number(),
  starts_at: v.string(),
  ends_at: v.string(),
  timezone: v.string(),
  status: v.string(),
  /** Raised on every reschedule (the calendar file's SEQUENCE). */
  revision: v.number(),
});
export type SessionOut = v.InferOutput<typeof SessionOut>;

export const BookingOut = v.object({
  id: Id,
  status: v.picklist(['reserved', 'confirmed', 'in_progress', 'completed', 'cancelled']),
  program: v.object({ slug: v.string(), title: v.string() }),
  variant: v.object({ id: Id, name: v.string() }),
  instructor: v.object({ id: Id, name: v.string() }),
  /** Until when a reserved booking holds its times; null once confirmed. */
  hold_expires_at: v.nullable(v.string()),
  /** The scheduled sessions, by seq. */
  sessions: v.array(SessionOut),
  /** Sessions still to be scheduled (POST /v1/embed/bookings/:id/sessions). */
  sessions_to_schedule: v.number(),
  total_price: v.object({ amount: v.number(), currency: v.string() }),
  /** GET only: the last payment attempt, so a widget waiting for confirmation learns of a decline. */
  last_payment: v.optional(v.nullable(v.object({ status: v.picklist(['pending', 'succeeded', 'failed', 'refunded']), failure_reason: v.nullable(v.string()) }))),
});
export type BookingOut = v.InferOutput<typeof BookingOut>;

export const CreatedBooking = v.object({
  ...BookingOut.entries,
  /** Send as `Tandem-Booking-Token` to read the booking, schedule its later sessions and check out. Shown once. */
  client_token: v.string(),
});
export type CreatedBooking = v.InferOutput<typeof CreatedBooking>;

export const BookingParams = v.object({ id: Id });
export const SessionParams = v.object({ id: Id, sessionId: Id });

export const AddSessionsBody = v.object({ starts: v.pipe(v.array(IsoInstant), v.minLength(1, 'needs at least one start'), v.maxLength(52)) });
export type AddSessionsBody = v.InferOutput<typeof AddSessionsBody>;
export const RescheduleBody = v.object({ starts_at: IsoInstant });
export type RescheduleBody = v.InferOutput<typeof RescheduleBody>;

export { Alternative } from './embed-slots.ts';

/**
 * One wanted start that cannot be held: `taken` (someone else has the time), or
 * `unavailable` (outside the instructor's hours, too soon, beyond the horizon, or not on the slot grid).
 */
export const SlotConflict = v.object({
  start: v.string(),
  reason: v.picklist(['taken', 'unavailable']),
  alternatives: v.array(Alternative),
});
export type SlotConflict = v.InferOutput<typeof SlotConflict>;

/** The 409 answer when a time cannot be held (`slot_taken`, or `slot_unavailable` when none is merely taken). */
export const SlotProblem = v.object({
  type: v.string(),
  title: v.string(),
  status: v.literal(409),
  code: v.picklist(['slot_taken', 'slot_unavailable']),
  detail: v.optional(v.string()),
  conflicts: v.array(SlotConflict),
});
export type SlotProblem = v.InferOutput<typeof SlotProblem>;
