import * as v from 'valibot';
import { Id, IsoInstant, Locale } from './common.ts';

export const CustomerInput = v.object({
  name: v.pipe(v.string(), v.trim(), v.minLength(1, 'is required'), v.maxLength(200)),
  email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email('must be an email address'), v.maxLength(320)),
  phone: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number'))),
  locale: v.optional(Locale, 'en'),
  timezone: v.optional(v.string()),
});

export const SessionsInput = v.variant('mode', [
  v.object({ mode: v.literal('explicit'), starts: v.pipe(v.array(IsoInstant), v.minLength(1, 'needs at least one start'), v.maxLength(52)) }),
  v.object({ mode: v.literal('cadence'), first_start: IsoInstant }),
  v.object({ mode: v.literal('later'), first_start: IsoInstant }),
]);

export const CreateBookingBody = v.object({
  program: v.pipe(v.string(), v.minLength(1, 'is required'), v.maxLength(80)),
  link: v.optional(v.string()),
  variant: Id,
  instructor: v.optional(Id),
  customer: CustomerInput,
  sessions: SessionsInput,
  intake: v.optional(v.record(v.string(), v.unknown()), {}),
  source: v.optional(v.record(v.string(), v.pipe(v.string(), v.maxLength(500)))),
});
export type CreateBookingBody = v.InferOutput<typeof CreateBookingBody>;

export const SessionOut = v.object({
  id: Id,
  starts_at: v.string(),
  ends_at: v.string(),
  timezone: v.string(),
  status: v.string(),
});

export const BookingOut = v.object({
  id: Id,
  status: v.picklist(['reserved', 'confirmed', 'in_progress', 'completed', 'cancelled']),
  program: v.object({ slug: v.string(), title: v.string() }),
  variant: v.object({ id: Id, name: v.string() }),
  instructor: v.object({ id: Id, name: v.string() }),
  hold_expires_at: v.nullable(v.string()),
  sessions: v.array(SessionOut),
  sessions_to_schedule: v.number(),
  total_price: v.object({ amount: v.number(), currency: v.string() }),
});
export type BookingOut = v.InferOutput<typeof BookingOut>;

export const CreatedBooking = v.object({ ...BookingOut.entries, client_token: v.string() });
export type CreatedBooking = v.InferOutput<typeof CreatedBooking>;

export const AddSessionsBody = v.object({ starts: v.pipe(v.array(IsoInstant), v.minLength(1), v.maxLength(52)) });
export const RescheduleBody = v.object({ starts_at: IsoInstant });
