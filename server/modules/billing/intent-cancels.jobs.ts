/**
 * A card or TWINT charge already under way at the provider when its booking is cancelled (an intent
 * the customer has not yet paid, an installment's charge not yet confirmed) is cancelled there, after
 * the settlement committed: one job per payment row, keyed by it, so a retry or a second cancellation
 * asks once more at most and moves nothing twice.
 *
 *   cancelled   the payment row is marked failed ("cancelled with the booking"); nothing can be paid.
 *   succeeded   the customer paid before the cancellation reached the provider: the money is recorded
 *               like the provider's webhook would record it (`applyPaymentEvent`), and, its order being
 *               cancelled, refunded (confirm.mutations.ts). The webhook arriving later changes nothing.
 *   processing  the provider can no longer cancel it; its webhook settles it (recorded and refunded
 *               when it succeeds, failed when it fails).
 */
import { and, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import { enqueue, type JobDefinition } from '../../platform/jobs/queue.ts';
import type { IntentState, PaymentProvider } from '../../platform/adapters/payments/provider.ts';
import * as t from '../../../schema/db/index.ts';
import type { AppConfig } from '../../deps.ts';
import { applyPaymentEvent, BALANCE_REFERENCE, lockBookingAndOrder } from './payment-events.mutations.ts';

export const INTENT_CANCEL_QUEUE = 'payments.cancel-intent';
export const CANCELLED_WITH_BOOKING = 'cancelled with the booking';

export interface IntentCancelEnv { db: Database; payments: PaymentProvider; now: () => Date; config: AppConfig }

/**
 * In the cancelling transaction: a cancel job for each of the order's payments still pending at a
 * provider (it has an intent). A payment whose intent is made after this commits is refused by the
 * installment job's own check or, when its money arrives, recorded and refunded.
 */
export async function cancelChargesInFlight(tx: Tx, orgId: string, orderId: string): Promise<string[]> {
  const pending = await tx.select({ id: t.payments.id }).from(t.payments)
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.orderId, orderId), eq(t.payments.status, 'pending'),
      inArray(t.payments.method, ['card', 'twint']), isNotNull(t.payments.providerRef)));
  for (const p of pending) await queueIntentCancel(tx, orgId, p.id);
  return pending.map((p) => p.id);
}

/**
 * In a settlement that leaves the order open but lowers or cancels some of its installments (a
 * session cancelled late or missed whose fee is charged now, a no-show that ends the booking): a
 * cancel job for each charge under way for those installments, and for a one-off payment of the open
 * balance still pending (its amount was what was owed before). Fees still pending are owed and kept.
 */
export async function cancelChargesNoLongerDue(tx: Tx, orgId: string, orderId: string, installmentIds: string[]): Promise<string[]> {
  const pending = await tx.select({ id: t.payments.id }).from(t.payments)
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.orderId, orderId), eq(t.payments.status, 'pending'),
      inArray(t.payments.method, ['card', 'twint']), isNotNull(t.payments.providerRef),
      or(eq(t.payments.reference, BALANCE_REFERENCE), installmentIds.length ? inArray(t.payments.installmentId, installmentIds) : sql`false`)));
  for (const p of pending) await queueIntentCancel(tx, orgId, p.id);
  return pending.map((p) => p.id);
}

export async function queueIntentCancel(tx: Tx, orgId: string, paymentId: string): Promise<void> {
  await enqueue(tx, INTENT_CANCEL_QUEUE, { orgId, paymentId }, { singletonKey: `payment-cancel:${paymentId}` });
}

/** Cancels one payment's intent at its provider; answers what the provider said (null: nothing to do). */
export async function cancelChargeInFlight(env: IntentCancelEnv, orgId: string, paymentId: string): Promise<IntentState | null> {
  const found = await withSystem(env.db, orgId, 'payments: read the charge to cancel', async (tx) => {
    const [payment] = await tx.select().from(t.payments).where(and(eq(t.payments.orgId, orgId), eq(t.payments.id, paymentId)));
    if (!payment || payment.status !== 'pending' || !payment.providerRef) return null;
    const [org] = await tx.select({ account: t.orgs.stripeAccountId }).from(t.orgs).where(eq(t.orgs.id, orgId));
    return { payment, account: org?.account ?? null };
  });
  if (!found || found.payment.provider !== env.payments.kind) return null;
  const state = await env.payments.cancelIntent(found.payment.providerRef!, found.account);
  if (state === 'processing') return state;
  await withSystem(env.db, orgId, 'payments: record the cancelled charge', async (tx) => {
    if (state === 'succeeded') {
      await applyPaymentEvent(tx, { now: env.now(), config: env.config }, { provider: env.payments.kind, kind: 'succeeded', ref: found.payment.providerRef!, orgId, paymentId });
      return;
    }
    await lockBookingAndOrder(tx, orgId, found.payment.orderId);
    await tx.update(t.payments).set({ status: 'failed', failureReason: CANCELLED_WITH_BOOKING })
      .where(and(eq(t.payments.orgId, orgId), eq(t.payments.id, paymentId), eq(t.payments.status, 'pending')));
  });
  return state;
}

export function intentCancelJob(env: IntentCancelEnv): JobDefinition<{ orgId: string; paymentId: string }> {
  return { name: INTENT_CANCEL_QUEUE, handle: async ({ orgId, paymentId }) => { await cancelChargeInFlight(env, orgId, paymentId); } };
}
