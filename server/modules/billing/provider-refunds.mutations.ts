/**
 * A refund made at the provider outside Tandem (a studio refunding in Stripe's dashboard), learnt
 * from the provider's `charge.refunded`: recorded once, as the settlement records a refund it makes,
 * so the order, the customer's documents and the payroll agree with the money:
 *
 *   a refund row      kind `provider`, already `succeeded`, the provider's refund id as its
 *                     `provider_ref` (the key that makes a replayed event a duplicate) and the reason
 *                     REFUNDED_AT_PROVIDER; never more than the payment still holds after its other
 *                     refunds, and never issued again (the refunds job sends only pending rows);
 *   a credit note     for what the invoice no longer claims (the balance due stays as it was);
 *   `refund.created`  as for any refund (payroll, webhooks).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import type { AppConfig } from '../../deps.ts';
import { recordEvent } from '../../platform/events/record.ts';
import type { PaymentEvent } from '../../platform/adapters/payments/provider.ts';
import * as t from '../../../schema/db/index.ts';
import { lockBookingAndOrder, type EventOutcome } from './payment-events.mutations.ts';
import { orderRow } from './context.queries.ts';
import { issueCreditNote } from './settlement.mutations.ts';
import { alreadyCredited } from './credit-notes.queries.ts';

/** `refunds.reason` of a refund made at the provider outside Tandem. */
export const REFUNDED_AT_PROVIDER = 'refunded at the payment provider (outside Tandem)';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function handleRefundAtProvider(env: { db: Database; now: () => Date; config: AppConfig }, event: PaymentEvent): Promise<{ outcome: EventOutcome; orderId?: string }> {
  if (event.kind !== 'refunded_at_provider' || !UUID.test(event.orgId) || !event.refundRef || !event.amount || event.amount <= 0) return { outcome: 'unknown' };
  return withSystem(env.db, event.orgId, 'a refund made at the payment provider (signature verified)',
    (tx) => recordRefundAtProvider(tx, { now: env.now(), config: env.config }, event as PaymentEvent & { refundRef: string; amount: number }));
}

async function recordRefundAtProvider(tx: Tx, env: { now: Date; config: AppConfig }, event: PaymentEvent & { refundRef: string; amount: number }): Promise<{ outcome: EventOutcome; orderId?: string }> {
  const orgId = event.orgId;
  if (event.account !== undefined) {
    // A Connect event speaks for one account: it may only touch the org that owns that account.
    const [org] = await tx.select({ account: t.orgs.stripeAccountId }).from(t.orgs).where(eq(t.orgs.id, orgId));
    if (!org || (org.account ?? null) !== event.account) return { outcome: 'unknown' };
  }
  const [found] = await tx.select({ id: t.payments.id, orderId: t.payments.orderId }).from(t.payments)
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.provider, event.provider), eq(t.payments.providerRef, event.ref), eq(t.payments.status, 'succeeded')));
  if (!found) return { outcome: 'unknown' };
  // Booking, then order, then the payment's refunds: the fixed lock order where money and bookings meet.
  await lockBookingAndOrder(tx, orgId, found.orderId);
  const [payment] = await tx.select().from(t.payments).where(and(eq(t.payments.orgId, orgId), eq(t.payments.id, found.id))).for('update');
  const order = await orderRow(tx, orgId, found.orderId);
  if (!payment || !order) return { outcome: 'unknown' };
  const [known] = await tx.select({ id: t.refunds.id }).from(t.refunds)
    .where(and(eq(t.refunds.orgId, orgId), eq(t.refunds.orderId, order.id), eq(t.refunds.providerRef, event.refundRef)));
  if (known) return { outcome: 'duplicate', orderId: order.id };
  const [taken] = await tx.select({ sum: sql<string>`coalesce(sum(${t.refunds.amount}), 0)` }).from(t.refunds)
    .where(and(eq(t.refunds.orgId, orgId), eq(t.refunds.paymentId, payment.id), inArray(t.refunds.status, ['pending', 'succeeded'])));
  const amount = Math.min(event.amount, payment.amount - Number(taken?.sum ?? 0));
  // Nothing of the payment is left that our own refunds do not take already: nothing to record.
  if (amount <= 0) return { outcome: 'unknown', orderId: order.id };
  const [row] = await tx.insert(t.refunds).values({
    orgId, orderId: order.id, paymentId: payment.id, bookingId: order.bookingId, amount, currency: payment.currency, reason: REFUNDED_AT_PROVIDER,
    status: 'succeeded', kind: 'provider', providerRef: event.refundRef, completedAt: env.now,
  }).returning({ id: t.refunds.id });
  // The invoice no longer claims what went back (as far as it still claims anything).
  const credited = Math.min(amount, order.total - await alreadyCredited(tx, orgId, order.id));
  const note = await issueCreditNote(tx, orgId, order, credited, {
    method: 'money', lines: [], paid: order.amountPaid, refund: amount, balance_due: 0, fee: 0, by: 'staff', reason: REFUNDED_AT_PROVIDER,
  }, env.now, env.config.publicOrigin);
  await recordEvent(tx, {
    orgId, type: 'refund.created', subjectId: order.bookingId,
    payload: { refund_id: row!.id, amount, currency: payment.currency, kind: 'provider', reason: REFUNDED_AT_PROVIDER, provider_ref: event.refundRef, credit_note: note?.number ?? null },
  }, env);
  return { outcome: 'recorded', orderId: order.id };
}
