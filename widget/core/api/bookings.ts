/**
 * The embed API's booking calls (details, checkout, payment, confirmation), typed. All
 * throw `ApiError`; each booking call carries the booking's `Tandem-Booking-Token`.
 */
import type { ApiClient } from './client.ts';
import { uuid } from '../ids.ts';
import type { BookingOut, CreateBookingBody, CreatedBooking } from '../../../schema/api/embed-bookings.ts';
import { CONFIRMED, type CheckoutResponse, type PaymentMethod, type PaymentPlan, type QuoteResponse } from '../context/types.ts';

/** A reserved booking as the widget holds it: its id and the token that authorises its calls. */
export type BookingRef = Pick<CreatedBooking, 'id' | 'client_token'>;

const bookingHeaders = (b: BookingRef, extra: Record<string, string> = {}) => ({ 'Tandem-Booking-Token': b.client_token, ...extra });

/** `POST /v1/embed/bookings`: reserves the times (held until `hold_expires_at`). */
export function createBooking(api: ApiClient, body: CreateBookingBody, idempotencyKey: string): Promise<CreatedBooking> {
  return api.post<CreatedBooking>('/v1/embed/bookings', body, { headers: { 'Idempotency-Key': idempotencyKey } });
}

export interface CheckoutBody {
  method: PaymentMethod;
  plan: PaymentPlan;
  coupon?: string;
  /** The unticked opt-in box was ticked (a pending marketing consent, confirmed by mail). */
  marketing_opt_in?: boolean;
}

/**
 * `POST /v1/embed/bookings/:id/checkout`: the order, and how to pay it. `identityToken` (from
 * core/api/identity.ts) proves the address where credits or a per-customer code are used.
 */
export function startCheckout(api: ApiClient, booking: BookingRef, body: CheckoutBody, idempotencyKey: string, identityToken?: string): Promise<CheckoutResponse> {
  return api.post<CheckoutResponse>(`/v1/embed/bookings/${booking.id}/checkout`, body, {
    headers: bookingHeaders(booking, { 'Idempotency-Key': idempotencyKey, ...(identityToken ? { 'Tandem-Identity': identityToken } : {}) }),
  });
}

/**
 * `GET /v1/embed/bookings/:id/quote`: what checking out with these choices would charge (the
 * code's discount, the total, what is due now and the installments' dates), nothing written.
 */
export function quoteCheckout(api: ApiClient, booking: BookingRef, body: CheckoutBody, identityToken?: string): Promise<QuoteResponse> {
  const q = new URLSearchParams({ method: body.method, plan: body.plan });
  if (body.coupon) q.set('coupon', body.coupon);
  return api.get<QuoteResponse>(`/v1/embed/bookings/${booking.id}/quote?${q}`, {
    headers: bookingHeaders(booking, identityToken ? { 'Tandem-Identity': identityToken } : {}),
  });
}

/** `POST /v1/embed/bookings/:id/test-payments`: the TEST MODE processor's outcome. */
export function sendTestPayment(api: ApiClient, booking: BookingRef, outcome: 'succeed' | 'fail'): Promise<Partial<CheckoutResponse> | null> {
  return api.post<Partial<CheckoutResponse> | null>(`/v1/embed/bookings/${booking.id}/test-payments`, { outcome }, {
    headers: bookingHeaders(booking, { 'Idempotency-Key': uuid() }),
  });
}

/** `GET /v1/embed/bookings/:id`. */
export function getBooking(api: ApiClient, booking: BookingRef): Promise<BookingOut> {
  return api.get<BookingOut>(`/v1/embed/bookings/${booking.id}`, { headers: bookingHeaders(booking) });
}

/** Booking states in which the customer's times are theirs (defined beside the steps, which the first screen already loads). */
export { CONFIRMED };

export interface WaitOptions {
  attempts: number;
  /** Milliseconds between two looks. */
  interval: number;
  /** Stops early when it answers false (the element left the page). */
  active: () => boolean;
}

/**
 * After a payment: asks for the booking until it is confirmed (by the provider's webhook,
 * never the browser). The confirmed booking, or null with the last error (if the last look failed).
 */
export async function waitForConfirmation(api: ApiClient, booking: BookingRef, opts: WaitOptions): Promise<{ booking: BookingOut | null; lastError: unknown }> {
  let lastError: unknown = null;
  for (let i = 0; i < opts.attempts && opts.active(); i++) {
    try {
      const b = await getBooking(api, booking);
      lastError = null;
      if (CONFIRMED.has(b.status)) return { booking: b, lastError: null };
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, opts.interval));
  }
  return { booking: null, lastError };
}

/** `POST /v1/embed/bookings/:id/release`: gives a reserved booking's held times back (the customer went back). */
export function releaseBooking(api: ApiClient, booking: BookingRef): Promise<BookingOut> {
  return api.post<BookingOut>(`/v1/embed/bookings/${booking.id}/release`, {}, { headers: bookingHeaders(booking, { 'Idempotency-Key': uuid() }) });
}
