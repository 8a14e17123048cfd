import * as v from 'valibot';
import { IsoInstant, singleLine } from './common.ts';
import { CreateBookingBody } from './embed-bookings.ts';

/** Staff move a session: like the customer's, plus `override` to go outside the hours, notice and horizon (never onto busy time). */
export const AdminRescheduleBody = v.object({
  starts_at: IsoInstant,
  override: v.optional(v.boolean(), false),
});
export type AdminRescheduleBody = v.InferOutput<typeof AdminRescheduleBody>;

/**
 * POST /v1/admin/bookings: staff book on a customer's behalf. The booking's fields as the widget
 * sends them, and how it is paid: `invoice` mails the customer the invoice with its QR-bill (or
 * EPC QR) to pay by transfer, the times held until it is due; `paid_by_transfer` records the
 * transfer already received (`reference`) and confirms at once; `payment_link` holds the times
 * for 48 hours and mails the customer a link to pay online (the booking's page checks it out).
 */
export const AdminCreateBookingBody = v.object({
  ...v.omit(CreateBookingBody, ['link', 'source', 'visit']).entries,
  payment: v.variant('mode', [
    v.object({ mode: v.literal('invoice') }),
    v.object({ mode: v.literal('payment_link') }),
    v.object({ mode: v.literal('paid_by_transfer'), reference: v.pipe(v.string(), v.trim(), singleLine(), v.minLength(1, 'is required'), v.maxLength(140)) }),
  ]),
});
export type AdminCreateBookingBody = v.InferOutput<typeof AdminCreateBookingBody>;

/** POST /v1/admin/bookings/:id/reschedule-series: as the customer's, plus `override` (notice, limit and hours lifted; never onto busy time). */
export const AdminRescheduleSeriesBody = v.union([
  v.strictObject({ shift_weeks: v.pipe(v.number(), v.safeInteger('must be a whole number of weeks'), v.minValue(-52), v.maxValue(52), v.check((n) => n !== 0, 'must not be 0')), override: v.optional(v.boolean(), false) }),
  v.strictObject({ starts_at: IsoInstant, override: v.optional(v.boolean(), false) }),
], 'send either shift_weeks or starts_at');
export type AdminRescheduleSeriesBody = v.InferOutput<typeof AdminRescheduleSeriesBody>;
