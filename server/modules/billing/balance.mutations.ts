/**
 * "Pay open balance": what a customer still owes on a booking, charged now to the card saved for
 * its plan, through the same jobs that charge it when due, so every amount is charged once:
 *
 *   installments  still open (scheduled, failed, overdue) and not being charged right now (no
 *                 pending payment of theirs): made due now; the `installments.charge` job claims
 *                 them (FOR UPDATE SKIP LOCKED, one payment row per attempt, keyed at the provider
 *                 by that row), exactly as on their due date.
 *   the rest      owed beyond the plan (a fee left on the order): one `fee` payment row, charged by
 *                 the `fees.charge` job keyed by the row; a fee payment still pending is counted as
 *                 on its way, so asking twice never charges twice.
 *
 * Runs as system in the customer's request transaction, on the booking locked by bookingForCustomer.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import type { AppConfig } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { recordEvent } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import { loadBookingContext, orderRow, type BookingRow } from './context.queries.ts';
import { BALANCE_LEASE_MS, BALANCE_REFERENCE, lockBookingAndOrder } from './payment-events.mutations.ts';
import type { CreatedIntent, IntentInput } from '../../platform/adapters/payments/provider.ts';
import { orderForStaffView } from './orders.queries.ts';
import { scheduleInstallmentCharge } from './installments.jobs.ts';
import { FEES_QUEUE } from './fees.mutations.ts';

export interface BalanceCharge {
  /** What is charged now, in minor units of `currency`. */
  amount: number;
  currency: string;
  /** The installments made due now, by seq. */
  installments: { seq: number; amount: number }[];
  /** Owed beyond the plan (fees), charged as one payment. */
  other: number;
  /** Payments already on their way (an installment being charged, a fee pending): not charged again. */
  in_flight: number;
}

/** What is open on the booking's order: the installments to charge now, what is owed beyond them, and what is on its way. */
async function openBalance(tx: Tx, orgId: string, booking: BookingRow) {
  if (booking.status === 'reserved') throw new AppError('invalid_state', 'The booking is not paid yet: pay it in the booking form first.');
  const order = booking.orderId ? await orderRow(tx, orgId, booking.orderId, true) : undefined;
  if (!order) throw new AppError('invalid_state', 'Nothing is owed on this booking.');
  const [plan] = await tx.select().from(t.paymentPlans).where(and(eq(t.paymentPlans.orgId, orgId), eq(t.paymentPlans.orderId, order.id)));
  // The rows first (locked), then, in a statement of its own, which of them an attempt is charging: it sees attempts committed meanwhile.
  const open = await tx.select().from(t.installments)
    .where(and(eq(t.installments.orgId, orgId), eq(t.installments.orderId, order.id), inArray(t.installments.status, ['scheduled', 'failed', 'overdue'])))
    .orderBy(t.installments.seq).for('update');
  const pending = await tx.select({ installmentId: t.payments.installmentId, purpose: t.payments.purpose, amount: t.payments.amount }).from(t.payments)
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.orderId, order.id), eq(t.payments.status, 'pending')));
  const charging = new Set(pending.map((p) => p.installmentId).filter((id): id is string => id !== null));
  const due = order.status === 'cancelled' || order.status === 'refunded' ? [] : open.filter((i) => !charging.has(i.id));
  const inFlight = open.filter((i) => charging.has(i.id)).reduce((a, i) => a + i.amount, 0)
    + pending.filter((p) => p.purpose === 'fee').reduce((a, p) => a + p.amount, 0);
  const view = await orderForStaffView(tx, orgId, order.id);
  const owed = Math.max(0, view?.balanceDue ?? 0);
  const other = Math.max(0, owed - open.reduce((a, i) => a + i.amount, 0) - pending.filter((p) => p.purpose === 'fee').reduce((a, p) => a + p.amount, 0));
  const amount = due.reduce((a, i) => a + i.amount, 0) + other;
  if (amount === 0) {
    throw new AppError('invalid_state', inFlight > 0 ? 'A payment for this booking is being charged right now; look again in a minute.' : 'Nothing is owed on this booking.');
  }
  return { order, plan, due, other, amount, inFlight };
}

export async function payOpenBalance(tx: Tx, env: { now: Date; config: AppConfig; provider: string }, orgId: string, booking: BookingRow): Promise<BalanceCharge> {
  const { now } = env;
  const { order, plan, due, other, amount, inFlight } = await openBalance(tx, orgId, booking);
  // A one-off payment of the balance still open (in the customer's payment form, or being confirmed): its installments are not charged beside it.
  const [open] = await tx.select({ id: t.payments.id }).from(t.payments)
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.orderId, order.id), eq(t.payments.status, 'pending'), eq(t.payments.reference, BALANCE_REFERENCE))).limit(1);
  if (open) throw new AppError('invalid_state', 'A payment of the open balance is open in the payment form; finish it there, or try again in an hour.');
  if (!plan?.stripeCustomerId || !plan.stripePaymentMethodId) {
    const detail = 'No card is saved for this booking: add one with "update card" first.';
    throw new AppError('payment_method_unavailable', detail, { errors: [{ field: 'card', message: detail }] });
  }
  if (due.length) {
    // Overdue ones are tried once more: the job claims scheduled and failed rows.
    await tx.update(t.installments)
      .set({ nextAttemptAt: now, status: sql`case when ${t.installments.status} = 'overdue' then 'failed'::installment_status else ${t.installments.status} end` })
      .where(and(eq(t.installments.orgId, orgId), inArray(t.installments.id, due.map((i) => i.id))));
    await scheduleInstallmentCharge(tx, orgId, now);
  }
  if (other > 0) {
    const [row] = await tx.insert(t.payments).values({
      orgId, orderId: order.id, method: 'card', status: 'pending', amount: other, currency: order.currency, provider: env.provider, purpose: 'fee', createdAt: now,
    }).returning({ id: t.payments.id });
    await enqueue(tx, FEES_QUEUE, { orgId, paymentId: row!.id }, { singletonKey: `fee:${row!.id}` });
  }
  const charge: BalanceCharge = { amount, currency: order.currency, installments: due.map((i) => ({ seq: i.seq, amount: i.amount })), other, in_flight: inFlight };
  await recordEvent(tx, { orgId, type: 'balance.payment_requested', subjectId: booking.id, payload: { order_id: order.id, ...charge } }, env);
  return charge;
}

/** Cancels a one-off payment still unfinished when its hour is over (balance.jobs.ts), one job per payment row. */
export const BALANCE_EXPIRY_QUEUE = 'balance.expire-payment';

/**
 * "Pay open balance" as a one-off payment in the browser (Stripe's Payment Element), with or without
 * a saved card: one pending payment row for what is open (marked `open-balance`), its PaymentIntent
 * made after commit keyed by that row. While that row is pending the off-session job charges none of
 * the order's installments (they keep their dates); the row ends when its intent succeeds or, after
 * `BALANCE_LEASE_MS`, is cancelled (balance.jobs.ts). They are marked paid, and the money recorded, only when the provider's
 * verified `payment_intent.succeeded` arrives (applyPaymentEvent), once. Asking again while that
 * payment is open answers the same row (the same intent), unless what is owed has changed (409).
 */
export async function startBalancePayment(tx: Tx, env: { now: Date; config: AppConfig; provider: string }, orgId: string, booking: BookingRow): Promise<{ paymentId: string; charge: BalanceCharge }> {
  const { now } = env;
  if (env.provider !== 'stripe') {
    const detail = 'A one-off card payment needs Stripe (the test processor has none): pay the open balance with the saved card.';
    throw new AppError('payment_method_unavailable', detail, { errors: [{ field: 'card', message: detail }] });
  }
  const [earlier] = booking.orderId ? await tx.select().from(t.payments)
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.orderId, booking.orderId), eq(t.payments.status, 'pending'), eq(t.payments.reference, BALANCE_REFERENCE), eq(t.payments.provider, env.provider)))
    .orderBy(sql`${t.payments.createdAt} desc`).limit(1) : [];
  const { order, due, other, amount, inFlight } = await openBalance(tx, orgId, booking);
  const charge: BalanceCharge = { amount, currency: order.currency, installments: due.map((i) => ({ seq: i.seq, amount: i.amount })), other, in_flight: inFlight };
  if (earlier) {
    if (earlier.amount !== amount) throw new AppError('invalid_state', 'A payment of the open balance is open already for another amount; finish or leave it, then try again in an hour.');
    return { paymentId: earlier.id, charge };
  }
  const [row] = await tx.insert(t.payments).values({
    orgId, orderId: order.id, method: 'card', status: 'pending', amount, currency: order.currency, provider: env.provider, purpose: 'order', reference: BALANCE_REFERENCE, createdAt: now,
  }).returning({ id: t.payments.id });
  // Unfinished after the hour: its intent is cancelled at the provider and the row marked failed (balance.jobs.ts).
  await enqueue(tx, BALANCE_EXPIRY_QUEUE, { orgId, paymentId: row!.id }, { singletonKey: `balance-expiry:${row!.id}`, startAfter: new Date(now.getTime() + BALANCE_LEASE_MS) });
  // Its installments keep their dates: the off-session job charges none of this order's while the row is pending.
  await recordEvent(tx, { orgId, type: 'balance.payment_requested', subjectId: booking.id, payload: { order_id: order.id, payment_id: row!.id, with: 'payment_element', ...charge } }, env);
  return { paymentId: row!.id, charge };
}

/** What the provider needs for the open-balance payment `paymentId` (a pending row of this booking's order). */
export async function balanceIntentInput(tx: Tx, orgId: string, booking: BookingRow, paymentId: string): Promise<{ input: IntentInput; stripeAccount: string | null }> {
  const [payment] = await tx.select().from(t.payments)
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.id, paymentId), eq(t.payments.reference, BALANCE_REFERENCE)));
  if (!payment || payment.orderId !== booking.orderId) throw new AppError('not_found', 'No such payment.');
  if (payment.status !== 'pending') throw new AppError('invalid_state', 'This payment is over already.');
  const [plan] = await tx.select().from(t.paymentPlans).where(and(eq(t.paymentPlans.orgId, orgId), eq(t.paymentPlans.orderId, payment.orderId)));
  const ctx = await loadBookingContext(tx, orgId, booking);
  const saveForLater = !!plan && !plan.stripePaymentMethodId;
  return {
    stripeAccount: ctx.org.stripeAccountId,
    input: {
      account: ctx.org.stripeAccountId, amount: payment.amount, currency: payment.currency, method: 'card',
      // A plan without a card keeps this one for its later installments.
      saveForLater,
      customer: { ref: plan?.stripeCustomerId ?? null, email: ctx.customer.email, name: ctx.customer.name },
      metadata: { org_id: orgId, booking_id: booking.id, order_id: payment.orderId, payment_id: payment.id },
      description: `Open balance, ${ctx.program.title}`,
      idempotencyKey: `tandem:balance:${payment.id}`,
    },
  };
}

/** The intent made for the open-balance payment (its id, once). */
export async function recordBalanceIntent(tx: Tx, orgId: string, paymentId: string, intent: CreatedIntent): Promise<void> {
  await tx.update(t.payments).set({ providerRef: intent.ref })
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.id, paymentId), isNull(t.payments.providerRef)));
}

/**
 * The end of a one-off payment that was never paid (its intent cancelled at the provider, or never
 * made): the row fails with the reason, and the installments it held go back to the off-session job,
 * which charges those due now. Answers whether the row was still pending.
 */
export async function endBalancePayment(tx: Tx, env: { now: Date; config: AppConfig }, orgId: string, paymentId: string, reason: string): Promise<boolean> {
  const [payment] = await tx.select({ orderId: t.payments.orderId }).from(t.payments)
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.id, paymentId), eq(t.payments.reference, BALANCE_REFERENCE)));
  if (!payment) return false;
  await lockBookingAndOrder(tx, orgId, payment.orderId);
  const ended = await tx.update(t.payments).set({ status: 'failed', failureReason: reason.slice(0, 500) })
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.id, paymentId), eq(t.payments.status, 'pending')))
    .returning({ id: t.payments.id });
  if (!ended.length) return false;
  await recordEvent(tx, { orgId, type: 'balance.payment_ended', subjectId: await bookingOfOrderId(tx, orgId, payment.orderId), payload: { order_id: payment.orderId, payment_id: paymentId, reason } }, env);
  await scheduleInstallmentCharge(tx, orgId, new Date());
  return true;
}

async function bookingOfOrderId(tx: Tx, orgId: string, orderId: string): Promise<string | null> {
  const [order] = await tx.select({ bookingId: t.orders.bookingId }).from(t.orders).where(and(eq(t.orders.orgId, orgId), eq(t.orders.id, orderId)));
  return order?.bookingId ?? null;
}
