/**
 * The one way a booking becomes confirmed: money settled (the verified Stripe webhook, the
 * test processor standing in for it, staff recording a bank transfer) or paid in credits.
 *
 * `settleOrder` recomputes what an order has been paid from its succeeded payments, sets the
 * order's status, and — when what must be paid now is paid (the deposit of a plan, else the
 * total) — moves the booking from `reserved` to `confirmed` with a guarded UPDATE. Only the
 * transaction whose UPDATE changes the row does the rest, in the same transaction: blocks
 * held → active, the numbered invoice, the message thread, the referrer's reward, and the
 * `booking.confirmed` event (whose subscriber queues the confirmation mail). However often and in whatever
 * order the events arrive, a booking is confirmed, invoiced and mailed once. Money that comes
 * after the hold expired restores the booking first when its times are still free
 * (late-payment.ts). Money beyond what an order claims goes back: all of it on a cancelled order
 * (below), the excess on a live one (overpayment.mutations.ts).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import type { AppConfig } from '../../deps.ts';
import * as t from '../../../schema/db/index.ts';
import { onReferralConfirmed } from './referrals.mutations.ts';
import { recordEvent } from '../../platform/events/record.ts';
import { invoiceLabel, type InvoiceSnapshot } from './domain/index.ts';
import { LATE_MONEY_REFUND_REASON, refundMoney } from './refunds.mutations.ts';
import { issueInvoice } from './invoices.mutations.ts';
import { refundOverpayment, type Overpayment } from './overpayment.mutations.ts';
import { bookingById } from '../bookings/index.ts';
import { loadBookingContext, orderDetail, orderRow, type BookingContext, type OrderDetail, type OrderRow } from './context.queries.ts';
import { expiredAwaitingPayment, restoreExpiredBooking } from './late-payment.mutations.ts';

export interface ConfirmEnv {
  now: Date;
  config: AppConfig;
}

export interface SettleResult {
  orderStatus: OrderDetail['order']['status'];
  amountPaid: number;
  /** This call confirmed the booking (false when it already was, or the money is not enough yet). */
  confirmed: boolean;
  bookingStatus: string | null;
  /** A live order left holding more than it claims: the excess, refunded (overpayment.mutations.ts). */
  overpayment: Overpayment | null;
}

/**
 * Runs as `system` inside the caller's transaction. `arrived`: the payment just recorded, which an
 * overpayment goes back from first.
 */
export async function settleOrder(tx: Tx, env: ConfirmEnv, orgId: string, orderId: string, arrived: string | null = null): Promise<SettleResult> {
  const order = await orderRow(tx, orgId, orderId, true);
  if (!order) throw new Error(`order ${orderId} not found`);
  const [paidRow] = await tx.select({ paid: sql<string>`coalesce(sum(${t.payments.amount}), 0)` }).from(t.payments)
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.orderId, orderId), eq(t.payments.status, 'succeeded')));
  const paid = Number(paidRow?.paid ?? 0);
  const [plan] = await tx.select().from(t.paymentPlans).where(and(eq(t.paymentPlans.orgId, orgId), eq(t.paymentPlans.orderId, orderId)));
  const live = order.status !== 'cancelled' && order.status !== 'refunded';
  const status = !live ? order.status : paid >= order.total ? 'paid' : paid > 0 ? 'partially_paid' : 'pending';
  await tx.update(t.orders).set({ amountPaid: paid, status, updatedAt: env.now }).where(and(eq(t.orders.orgId, orgId), eq(t.orders.id, orderId)));
  // Money that arrives for a cancelled order (an installment charged as the booking was being cancelled,
  // an old intent paid after a new checkout replaced it) is recorded, and goes back at once.
  if (!live && paid > order.amountPaid) {
    await refundLateMoney(tx, env, order, paid - order.amountPaid);
    // A lapsed reservation's voided invoice paid after all: the customer and the studio are told it goes back.
    const lapsed = order.bookingId ? await bookingById(tx, orgId, order.bookingId) : undefined;
    if (lapsed && expiredAwaitingPayment(lapsed, order.id)) {
      await recordEvent(tx, { orgId, type: 'payment.after_cancellation', subjectId: lapsed.id, payload: { order_id: order.id, amount_paid: paid, currency: order.currency, refunded: true } }, env);
    }
  }

  // On a live order, what a payment brought beyond what the order still claims goes back at once.
  const overpayment = live ? await refundOverpayment(tx, env, order, order.amountPaid, paid, arrived) : null;

  const result: SettleResult = { orderStatus: status, amountPaid: paid, confirmed: false, bookingStatus: null, overpayment };
  if (!order.bookingId) return result;
  const requiredNow = plan ? plan.deposit : order.total;
  if (!live || paid < requiredNow) {
    result.bookingStatus = (await bookingById(tx, orgId, order.bookingId))?.status ?? null;
    return result;
  }
  const bookingId = order.bookingId;
  const confirmReserved = async () => (await tx.update(t.programBookings)
    .set({ status: 'confirmed', holdExpiresAt: null, updatedAt: env.now })
    .where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.id, bookingId), eq(t.programBookings.status, 'reserved'), eq(t.programBookings.orderId, orderId)))
    .returning())[0];
  let moved = await confirmReserved();
  if (!moved) {
    const booking = await bookingById(tx, orgId, bookingId, true);
    if (booking && expiredAwaitingPayment(booking, orderId)) {
      // Paid after the hold ran out: restored when its times are still free, else staff decide.
      const outcome = await restoreExpiredBooking(tx, orgId, booking, env.now);
      if ('restored' in outcome) moved = await confirmReserved();
      else await recordEvent(tx, { orgId, type: 'payment.after_cancellation', subjectId: booking.id, payload: { order_id: order.id, amount_paid: paid, currency: order.currency } }, env);
    }
    if (!moved) {
      // Not restored: the locked row read above is still the booking as it is.
      result.bookingStatus = booking?.status ?? null;
      if (booking?.paymentOverdue && status === 'paid') {
        await tx.update(t.programBookings).set({ paymentOverdue: false, updatedAt: env.now }).where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.id, booking.id)));
      }
      return result;
    }
  }
  result.confirmed = true;
  result.bookingStatus = 'confirmed';
  await onConfirmed(tx, env, await loadBookingContext(tx, orgId, moved), await orderDetail(tx, orgId, { ...order, amountPaid: paid, status }));
  return result;
}

async function onConfirmed(tx: Tx, env: ConfirmEnv, ctx: BookingContext, detail: OrderDetail): Promise<void> {
  const orgId = ctx.org.id;
  const sessionIds = ctx.sessions.map((s) => s.id);
  if (sessionIds.length) {
    await tx.update(t.scheduleBlocks).set({ status: 'active', holdExpiresAt: null })
      .where(and(eq(t.scheduleBlocks.orgId, orgId), eq(t.scheduleBlocks.status, 'held'), inArray(t.scheduleBlocks.sessionId, sessionIds)));
  }
  const { invoice } = await issueInvoice(tx, ctx, detail, { now: env.now, qrBill: false });
  await tx.insert(t.messageThreads).values({ orgId, bookingId: ctx.booking.id, subject: `${ctx.program.title} · ${ctx.customer.name}` })
    .onConflictDoNothing({ target: [t.messageThreads.orgId, t.messageThreads.bookingId] });
  // The customer's own referral code; for a referred order, the referrer's reward (pending until the free window has passed).
  await onReferralConfirmed(tx, env, ctx, detail);

  await recordEvent(tx, { orgId, type: 'booking.confirmed', subjectId: ctx.booking.id, payload: { order_id: detail.order.id, invoice_id: invoice.id, invoice_number: invoice.number, invoice_label: invoiceLabel(invoice.snapshot as unknown as InvoiceSnapshot) } }, env);
}

/**
 * Gives back money that came in after its order was cancelled: refund rows over the newest
 * payments (sent by the refunds job after commit), and the event that tells the studio.
 */
async function refundLateMoney(tx: Tx, env: ConfirmEnv, order: OrderRow, amount: number): Promise<void> {
  await refundMoney(tx, env, order, order.bookingId, amount, LATE_MONEY_REFUND_REASON);
}
