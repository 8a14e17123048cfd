/**
 * What an anonymous checkout may do to a hold (issue: one client held a studio's whole calendar).
 *
 *   - Card / TWINT: a created payment extends the hold by HOLD_MS from now, the first
 *     MAX_CARD_HOLD_EXTENSIONS times only, so checking out again and again cannot keep times forever.
 *   - QR-bill: only with the first session at least 3 days away; the long hold (days, until the payment
 *     deadline) only for a proven e-mail address; and a customer (e-mail address) may have at most
 *     `openQrBillsPerCustomer` unpaid QR-bill orders whose booking still holds its times; one more
 *     answers 409 `too_many_unpaid_invoices`.
 *
 * Runs as `system` inside checkout's transaction (checkout.mutations.ts).
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rows } from '../../platform/db/prepared.ts';
import { AppError } from '../../platform/errors.ts';
import { HOLD_MS } from '../bookings/index.ts';
import type { BookingContext } from './context.queries.ts';

/** How many card or TWINT payments of one booking extend its hold; later checkouts keep the hold as it is. */
export const MAX_CARD_HOLD_EXTENSIONS = 3;

/**
 * Until when a card / TWINT payment created `now` (already inserted) keeps the booking's times:
 * HOLD_MS from now for the first MAX_CARD_HOLD_EXTENSIONS payments of the booking, then no longer
 * than the hold already runs (so a reservation lasts at most about an hour however often it is
 * checked out again).
 */
export async function cardHoldUntil(tx: Tx, ctx: BookingContext, now: Date): Promise<Date> {
  const [row] = await rows(tx, sql`
    select count(*)::int as n from payments p join orders o on o.org_id = p.org_id and o.id = p.order_id
     where o.org_id = ${ctx.org.id}::uuid and o.booking_id = ${ctx.booking.id}::uuid and p.method in ('card', 'twint')`);
  if (Number(row?.n ?? 0) <= MAX_CARD_HOLD_EXTENSIONS) return new Date(now.getTime() + HOLD_MS);
  return ctx.booking.holdExpiresAt ?? now;
}

/** A QR-bill needs this much time before the first session: the transfer takes days. */
export const QR_BILL_MIN_LEAD_MS = 3 * 86_400_000;
/** The transfer must be in this long before the first session. */
export const QR_BILL_DEADLINE_BEFORE_FIRST_MS = 2 * 86_400_000;

/**
 * Until when a bank-transfer invoice (QR-bill) holds the times, or why it is not offered:
 *   - the first session fewer than 3 days away: not offered (the answer says why);
 *   - else the earlier of `longHoldMs` from now and 2 days before the first session: the payment
 *     deadline the invoice states. (The checkout gives it only to a proven e-mail address.)
 */
export function qrBillHold(ctx: BookingContext, now: Date, longHoldMs: number): { until: Date } | { refused: string } {
  const starts = ctx.sessions.filter((x) => x.startsAt && x.status !== 'cancelled').map((x) => x.startsAt!.getTime());
  const first = starts.length ? Math.min(...starts) : null;
  if (first !== null && first - now.getTime() < QR_BILL_MIN_LEAD_MS) {
    return { refused: 'A QR-bill needs the first session at least 3 days away (the transfer takes days); please pay by card or TWINT.' };
  }
  const longHold = now.getTime() + longHoldMs;
  return { until: new Date(first === null ? longHold : Math.min(longHold, first - QR_BILL_DEADLINE_BEFORE_FIRST_MS)) };
}

/** Refuses a QR-bill checkout when the customer already has `max` unpaid QR-bill orders holding times (this booking's own excepted). */
export async function ensureQrBillCap(tx: Tx, ctx: BookingContext, max: number, now: Date): Promise<void> {
  const [row] = await rows(tx, sql`
    select count(*)::int as open
      from orders o
      join program_bookings b on b.org_id = o.org_id and b.order_id = o.id
     where o.org_id = ${ctx.org.id}::uuid and o.customer_id = ${ctx.customer.id}::uuid and o.status = 'pending'
       and b.id <> ${ctx.booking.id}::uuid and b.status = 'reserved' and b.hold_expires_at > ${now.toISOString()}::timestamptz
       and exists (select 1 from invoices i where i.org_id = o.org_id and i.order_id = o.id)`);
  if (Number(row?.open ?? 0) >= max) {
    throw new AppError('too_many_unpaid_invoices',
      `At most ${max} QR-bill invoices can be open at once for this e-mail address; pay one (or wait until it is settled), or choose another payment method.`,
      { limit: max, errors: [{ field: 'method', message: `at most ${max} unpaid QR-bill invoices at once` }] });
  }
}
