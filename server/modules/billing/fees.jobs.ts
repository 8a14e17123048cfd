/**
 * Charging a fee beyond what was paid, after the settlement committed (fees.mutations.ts): one job
 * per fee payment row, off-session to the card saved with the deposit, keyed at the provider by the
 * row (`tandem:fee:<payment id>`), so a retried or repeated job charges once. The outcome is recorded
 * through `applyPaymentEvent`, like any payment; a decline leaves the fee owed on the order.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import type { ChargeResult, PaymentProvider } from '../../platform/adapters/payments/provider.ts';
import type { AppConfig } from '../../deps.ts';
import * as t from '../../../schema/db/index.ts';
import { applyPaymentEvent } from './payment-events.mutations.ts';
import { FEES_QUEUE } from './fees.mutations.ts';

export interface FeeJobEnv { db: Database; payments: PaymentProvider; now: () => Date; config: AppConfig }

/** Charges one pending fee payment; answers the provider's outcome, or null when there was nothing to charge (tests read it). */
export async function chargeFee(env: FeeJobEnv, orgId: string, paymentId: string): Promise<ChargeResult | null> {
  const found = await withSystem(env.db, orgId, 'fees: read the fee to charge', async (tx) => {
    const [payment] = await tx.select().from(t.payments).where(and(eq(t.payments.orgId, orgId), eq(t.payments.id, paymentId)));
    if (!payment || payment.purpose !== 'fee' || payment.status !== 'pending') return null;
    const [[plan], [order], [org]] = await Promise.all([
      tx.select().from(t.paymentPlans).where(and(eq(t.paymentPlans.orgId, orgId), eq(t.paymentPlans.orderId, payment.orderId))),
      tx.select({ bookingId: t.orders.bookingId }).from(t.orders).where(and(eq(t.orders.orgId, orgId), eq(t.orders.id, payment.orderId))),
      tx.select({ account: t.orgs.stripeAccountId }).from(t.orgs).where(eq(t.orgs.id, orgId)),
    ]);
    return { payment, plan, bookingId: order?.bookingId ?? null, account: org?.account ?? null };
  });
  if (!found) return null;
  const { payment, plan } = found;
  if (payment.provider !== env.payments.kind) throw new Error(`fee ${paymentId}: its card was saved with ${payment.provider}, not ${env.payments.kind}`);
  const outcome: ChargeResult = !plan?.stripeCustomerId || !plan.stripePaymentMethodId
    ? { status: 'failed', ref: null, reason: 'no saved payment method' }
    : await env.payments.chargeOffSession({
      account: found.account, amount: payment.amount, currency: payment.currency,
      customerRef: plan.stripeCustomerId, paymentMethodRef: plan.stripePaymentMethodId,
      metadata: { org_id: orgId, booking_id: found.bookingId ?? '', order_id: payment.orderId, payment_id: payment.id, installment_id: '' },
      description: 'Cancellation fee',
      idempotencyKey: `tandem:fee:${payment.id}`,
    });
  await withSystem(env.db, orgId, 'fees: record the charge outcome', async (tx) => {
    if (outcome.status === 'processing') {
      // The provider's webhook settles it (payment-events.mutations.ts, by the intent's metadata).
      if (outcome.ref) await tx.update(t.payments).set({ providerRef: outcome.ref }).where(and(eq(t.payments.orgId, orgId), eq(t.payments.id, payment.id), eq(t.payments.status, 'pending')));
      return;
    }
    const event = outcome.status === 'succeeded'
      ? { provider: payment.provider as 'stripe' | 'test', kind: 'succeeded' as const, ref: outcome.ref, orgId, paymentId: payment.id }
      : { provider: payment.provider as 'stripe' | 'test', kind: 'failed' as const, ref: outcome.ref ?? `fee:${payment.id}`, orgId, paymentId: payment.id, failureReason: outcome.reason };
    await applyPaymentEvent(tx, { now: env.now(), config: env.config }, event);
  });
  return outcome;
}

export function feesJob(env: FeeJobEnv): JobDefinition<{ orgId: string; paymentId: string }> {
  return { name: FEES_QUEUE, handle: async ({ orgId, paymentId }) => { await chargeFee(env, orgId, paymentId); } };
}
