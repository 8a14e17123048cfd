/**
 * What a payment provider reports, applied once. The Stripe webhook and the test
 * processor's stand-in both end here, so they confirm bookings through the same code.
 *
 * Every transition is guarded in SQL on the payment row's current status:
 *   succeeded: pending|failed → succeeded (a customer may retry a declined card on the same
 *              intent), then the order is settled (see checkout/confirm.ts);
 *   failed:    pending → failed, with the reason; the booking stays reserved. A one-off payment of
 *              the open balance stays pending with the reason: its intent takes another card until
 *              its hour ends (balance.jobs.ts).
 * A repeated event, or a `failed` arriving after `succeeded`, changes nothing.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import type { AppConfig } from '../../deps.ts';
import * as t from '../../../schema/db/index.ts';
import { settleOrder } from './confirm.mutations.ts';
import { applyCardSaved } from './card.mutations.ts';
import { recordRefundFailed } from './refunds.mutations.ts';
import { refundOverpayment } from './overpayment.mutations.ts';
import { orderRow } from './context.queries.ts';
import { recordEvent } from '../../platform/events/record.ts';
import type { PaymentEvent } from '../../platform/adapters/payments/provider.ts';

export type EventOutcome = 'confirmed' | 'recorded' | 'failure_recorded' | 'duplicate' | 'unknown';

export interface PaymentEventEnv {
  db: Database;
  now: () => Date;
  config: AppConfig;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function handlePaymentEvent(env: PaymentEventEnv, event: PaymentEvent): Promise<{ outcome: EventOutcome; orderId?: string }> {
  if (!UUID.test(event.orgId)) return { outcome: 'unknown' };
  return withSystem(env.db, event.orgId, 'payment provider event (signature verified)', (tx) => applyPaymentEvent(tx, { now: env.now(), config: env.config }, event));
}

/** `payments.reference` of a one-off payment of a booking's open balance (balance.mutations.ts). */
export const BALANCE_REFERENCE = 'open-balance';

/**
 * How long a one-off payment of the open balance stays open in the customer's payment form before
 * its intent is cancelled at the provider (balance.jobs.ts); while it is open, the off-session job
 * charges none of the order's installments (installments.jobs.ts).
 */
export const BALANCE_LEASE_MS = 60 * 60_000;

/**
 * A one-off payment of the open balance succeeded: the open installments it was made for are paid
 * (in order, as far as its amount goes); what it holds beyond them paid the rest owed (fees).
 */
async function coverInstallments(tx: Tx, env: { now: Date }, orgId: string, orderId: string, amount: number): Promise<void> {
  const open = await tx.select().from(t.installments)
    .where(and(eq(t.installments.orgId, orgId), eq(t.installments.orderId, orderId), inArray(t.installments.status, ['scheduled', 'failed', 'overdue'])))
    .orderBy(t.installments.seq).for('update');
  let left = amount;
  const covered: string[] = [];
  for (const i of open) {
    if (i.amount > left) break;
    left -= i.amount;
    covered.push(i.id);
  }
  if (covered.length) {
    await tx.update(t.installments).set({ status: 'paid', paidAt: env.now, lastError: null, nextAttemptAt: null })
      .where(and(eq(t.installments.orgId, orgId), inArray(t.installments.id, covered)));
  }
}

export async function applyPaymentEvent(tx: Tx, env: { now: Date; config: AppConfig }, event: PaymentEvent): Promise<{ outcome: EventOutcome; orderId?: string }> {
  const orgId = event.orgId;
  if (event.account !== undefined) {
    // A Connect event speaks for one account: it may only touch the org that owns that account.
    const [org] = await tx.select({ account: t.orgs.stripeAccountId }).from(t.orgs).where(eq(t.orgs.id, orgId));
    if (!org || (org.account ?? null) !== event.account) return { outcome: 'unknown' };
  }
  if (event.kind === 'refund_succeeded' || event.kind === 'refund_failed') return applyRefundEvent(tx, env, event);
  // Recorded by handleRefundAtProvider (provider-refunds.mutations.ts), never as a payment.
  if (event.kind === 'refunded_at_provider') return { outcome: 'unknown' };
  if (event.kind === 'card_saved') return applyCardSaved(tx, env, event);
  const find = () => tx.select().from(t.payments)
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.provider, event.provider), eq(t.payments.providerRef, event.ref)));
  // The event can overtake the write of the intent's id (an installment charged off-session).
  const findById = () => (event.paymentId && UUID.test(event.paymentId) ? tx.select().from(t.payments)
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.id, event.paymentId), eq(t.payments.provider, event.provider), isNull(t.payments.providerRef))) : Promise.resolve([]));
  let [payment] = await find();
  if (!payment) [payment] = await findById();
  if (!payment) return { outcome: 'unknown' };
  // Rows are locked in one order everywhere money and bookings meet: booking, order, payment
  // (a cancellation, a reschedule and this event on one booking then queue instead of deadlocking).
  await lockBookingAndOrder(tx, orgId, payment.orderId);
  [payment] = await tx.select().from(t.payments).where(and(eq(t.payments.orgId, orgId), eq(t.payments.id, payment.id))).for('update');
  if (!payment) return { outcome: 'unknown' };
  const orderId = payment.orderId;

  if (event.kind === 'failed' && payment.reference === BALANCE_REFERENCE) {
    // A declined attempt in the payment form: the intent stays open for another card until its hour ends
    // (balance.jobs.ts cancels it then and ends the payment), so its installments stay held meanwhile.
    const noted = await tx.update(t.payments)
      .set({ failureReason: (event.failureReason ?? 'payment_failed').slice(0, 500), providerRef: sql`coalesce(${t.payments.providerRef}, ${event.ref})` })
      .where(and(eq(t.payments.orgId, orgId), eq(t.payments.id, payment.id), eq(t.payments.status, 'pending')))
      .returning({ id: t.payments.id });
    return { outcome: noted.length ? 'failure_recorded' : 'duplicate', orderId };
  }
  if (event.kind === 'failed') {
    const changed = await tx.update(t.payments)
      .set({ status: 'failed', failureReason: (event.failureReason ?? 'payment_failed').slice(0, 500), providerRef: sql`coalesce(${t.payments.providerRef}, ${event.ref})` })
      .where(and(eq(t.payments.orgId, orgId), eq(t.payments.id, payment.id), eq(t.payments.status, 'pending')))
      .returning({ id: t.payments.id });
    if (changed.length && payment.purpose === 'fee') {
      await recordEvent(tx, { orgId, type: 'fee.failed', subjectId: await bookingOfOrder(tx, orgId, orderId), payload: { order_id: orderId, payment_id: payment.id, amount: payment.amount, currency: payment.currency, reason: event.failureReason ?? 'payment_failed' } }, env);
    }
    return { outcome: changed.length ? 'failure_recorded' : 'duplicate', orderId };
  }

  const changed = await tx.update(t.payments)
    .set({ status: 'succeeded', succeededAt: env.now, failureReason: null, providerRef: sql`coalesce(${t.payments.providerRef}, ${event.ref})` })
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.id, payment.id), inArray(t.payments.status, ['pending', 'failed'])))
    .returning({ id: t.payments.id });
  if (!changed.length) return { outcome: 'duplicate', orderId };
  await recordEvent(tx, { orgId, type: 'payment.succeeded', subjectId: await bookingOfOrder(tx, orgId, orderId), payload: paymentSucceeded(payment) }, env);
  if (payment.purpose === 'fee') {
    // A fee after a settlement: counted as paid on the order, never confirming a booking nor refunded as late money.
    const before = (await orderRow(tx, orgId, orderId))!;
    await tx.execute(sql`update orders set amount_paid = (select coalesce(sum(amount), 0) from payments
        where org_id = ${orgId}::uuid and order_id = ${orderId}::uuid and status = 'succeeded'), updated_at = ${env.now.toISOString()}::timestamptz
      where org_id = ${orgId}::uuid and id = ${orderId}::uuid`);
    await recordEvent(tx, { orgId, type: 'fee.charged', subjectId: await bookingOfOrder(tx, orgId, orderId), payload: { order_id: orderId, payment_id: payment.id, amount: payment.amount, currency: payment.currency } }, env);
    // The order's other money may have paid the fee's part already (an installment charged for its old amount): the excess goes back.
    if (before.status !== 'cancelled' && before.status !== 'refunded') {
      const after = (await orderRow(tx, orgId, orderId))!;
      await refundOverpayment(tx, env, after, before.amountPaid, after.amountPaid, payment.id);
    }
    return { outcome: 'recorded', orderId };
  }
  if (payment.installmentId) {
    await tx.update(t.installments).set({ status: 'paid', paidAt: env.now, lastError: null, nextAttemptAt: null })
      .where(and(eq(t.installments.orgId, orgId), eq(t.installments.id, payment.installmentId)));
  } else if (payment.reference === BALANCE_REFERENCE) {
    await coverInstallments(tx, env, orgId, orderId, payment.amount);
  }
  if (event.paymentMethodRef) {
    await tx.update(t.paymentPlans)
      .set({ stripePaymentMethodId: event.paymentMethodRef, stripeCustomerId: sql`coalesce(${t.paymentPlans.stripeCustomerId}, ${event.customerRef ?? null})` })
      .where(and(eq(t.paymentPlans.orgId, orgId), eq(t.paymentPlans.orderId, orderId), isNull(t.paymentPlans.stripePaymentMethodId)));
  }
  const settled = await settleOrder(tx, env, orgId, orderId, payment.id);
  return { outcome: settled.confirmed ? 'confirmed' : 'recorded', orderId };
}

/**
 * A refund the provider settled after answering `pending`: the row moves once, from pending,
 * whatever order or how often the events come. A refund that already succeeded never fails later here.
 */
async function applyRefundEvent(tx: Tx, env: { now: Date; config: AppConfig }, event: PaymentEvent): Promise<{ outcome: EventOutcome; orderId?: string }> {
  if (!event.refundId || !UUID.test(event.refundId)) return { outcome: 'unknown' };
  const [refund] = await tx.select().from(t.refunds).where(and(eq(t.refunds.orgId, event.orgId), eq(t.refunds.id, event.refundId))).for('update');
  if (!refund || refund.kind !== 'provider') return { outcome: 'unknown' };
  const changed = await tx.update(t.refunds)
    .set(event.kind === 'refund_succeeded'
      ? { status: 'succeeded', providerRef: event.ref, completedAt: env.now }
      : { status: 'failed', providerRef: event.ref })
    .where(and(eq(t.refunds.orgId, event.orgId), eq(t.refunds.id, refund.id), eq(t.refunds.status, 'pending')))
    .returning({ id: t.refunds.id });
  if (changed.length && event.kind === 'refund_failed') await recordRefundFailed(tx, env, refund, event.ref);
  return { outcome: changed.length ? 'recorded' : 'duplicate', orderId: refund.orderId };
}

/** The `payment.succeeded` event's payload (webhooks tell it as `data.payment`). */
export function paymentSucceeded(p: { id: string; orderId: string; amount: number; currency: string; method: string; purpose?: string | null; installmentId?: string | null }): Record<string, unknown> {
  return { payment_id: p.id, order_id: p.orderId, amount: p.amount, currency: p.currency, method: p.method, purpose: p.purpose ?? 'order', installment_id: p.installmentId ?? null };
}

async function bookingOfOrder(tx: Tx, orgId: string, orderId: string): Promise<string | null> {
  const [order] = await tx.select({ bookingId: t.orders.bookingId }).from(t.orders).where(and(eq(t.orders.orgId, orgId), eq(t.orders.id, orderId)));
  return order?.bookingId ?? null;
}

/** Locks an order's booking, then the order: the fixed order of row locks (booking, order, payment). */
export async function lockBookingAndOrder(tx: Tx, orgId: string, orderId: string): Promise<void> {
  await tx.execute(sql`select b.id from program_bookings b
     where b.org_id = ${orgId}::uuid and b.id = (select booking_id from orders where org_id = ${orgId}::uuid and id = ${orderId}::uuid)
     for update of b`);
  await tx.execute(sql`select id from orders where org_id = ${orgId}::uuid and id = ${orderId}::uuid for update`);
}
