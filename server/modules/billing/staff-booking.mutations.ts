/**
 * Paying a booking staff made on a customer's behalf: by bank transfer, the studio's way
 * (QR-bill or EPC QR invoice, as its account allows). `invoice`: the customer is mailed the
 * invoice to pay, the times held until it is due. `paid_by_transfer`: the transfer already
 * received is recorded with it, which confirms the booking as any recorded transfer does.
 * `payment_link`: nothing is checked out yet; the booking stays reserved, held for 48 hours, and
 * the customer is mailed a link to its page, where they check it out themselves (card, TWINT).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import * as t from '../../../schema/db/index.ts';
import type { CheckoutBody } from '../../../schema/api/checkout.ts';
import { bankMethodFor } from '../../../shared/payment-methods.ts';
import { bookingById } from '../bookings/index.ts';
import { checkout, type CheckoutEnv } from './checkout.mutations.ts';
import { orderRow } from './context.queries.ts';
import { recordTransfer } from './transfers.mutations.ts';
import { loadBookingContext } from './context.queries.ts';
import { recordEvent } from '../../platform/events/record.ts';
import { extendHold } from './checkout.mutations.ts';

/** How long a booking paid by link holds its times for the customer to pay. */
export const PAYMENT_LINK_HOLD_MS = 48 * 3_600_000;

export type StaffBookingPayment = { mode: 'invoice' } | { mode: 'paid_by_transfer'; reference: string } | { mode: 'payment_link' };

export interface StaffBookingPaid { orderId: string | null; method: 'qr_bill' | 'bank_transfer' | 'payment_link'; invoiceNumber: string | null; paid: boolean }

export async function payStaffBooking(tx: Tx, env: CheckoutEnv, orgId: string, bookingId: string, payment: StaffBookingPayment): Promise<StaffBookingPaid> {
  const booking = await bookingById(tx, orgId, bookingId, true);
  if (!booking) throw new Error(`booking ${bookingId} vanished`);
  if (payment.mode === 'payment_link') return sendPaymentLink(tx, env, orgId, booking);
  const [org] = await tx.select({ billing: t.orgs.billing }).from(t.orgs).where(eq(t.orgs.id, orgId));
  const method = bankMethodFor(booking.currency, org?.billing);
  if (!method) {
    throw new AppError('payment_method_unavailable', `This studio takes no bank transfers in ${booking.currency} yet (its account in the settings).`, { errors: [{ field: 'payment.mode', message: 'needs the studio\'s bank account' }] });
  }
  // The studio typed the customer's address itself: it stands for it (the invoice goes with the mail).
  const done = await checkout(tx, env, orgId, booking, { method, plan: 'full' } as CheckoutBody, { customerId: booking.customerId }, { paidNow: payment.mode === 'paid_by_transfer', byStaff: true });
  let paid = done.order.order.total === 0;
  if (payment.mode === 'paid_by_transfer' && !paid) {
    const order = await orderRow(tx, orgId, done.order.order.id, true);
    await recordTransfer(tx, env, order!, { amount: done.order.order.total - done.order.order.amountPaid, method: 'bank_transfer', reference: payment.reference });
    paid = true;
  }
  return { orderId: done.order.order.id, method, invoiceNumber: done.invoice?.number ?? null, paid };
}

/**
 * The booking waits for the customer's own checkout: marked as paid by link (the portal offers
 * "pay now" for it), held 48 hours (the hold's release job lapses it unpaid), and the mail with
 * the link queued by the event. A studio taking no online payments (Stripe without its account) is refused.
 */
async function sendPaymentLink(tx: Tx, env: CheckoutEnv, orgId: string, booking: NonNullable<Awaited<ReturnType<typeof bookingById>>>): Promise<StaffBookingPaid> {
  const ctx = await loadBookingContext(tx, orgId, booking);
  if (env.payments.kind === 'stripe' && !ctx.org.stripeAccountId) {
    throw new AppError('payment_method_unavailable', 'This studio takes no online payments yet (Stripe in the settings).', { errors: [{ field: 'payment.mode', message: 'needs the studio\'s Stripe account' }] });
  }
  await tx.update(t.programBookings).set({ source: sql`${t.programBookings.source} || '{"payment":"link"}'::jsonb` })
    .where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.id, booking.id)));
  const holdUntil = await extendHold(tx, ctx, new Date(env.now.getTime() + PAYMENT_LINK_HOLD_MS));
  await recordEvent(tx, { orgId, type: 'booking.payment_link_sent', subjectId: booking.id, payload: { hold_until: holdUntil.toISOString() } }, env);
  return { orderId: null, method: 'payment_link', invoiceNumber: null, paid: false };
}
