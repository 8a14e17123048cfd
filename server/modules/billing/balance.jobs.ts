/**
 * A one-off payment of the open balance left unfinished (balance.mutations.ts): an hour after it
 * was started, when the installments it covers go back to the off-session job, its PaymentIntent is
 * cancelled at the provider, so the customer can no longer confirm it after an installment was
 * charged (which would pay the order twice). One job per payment row (`balance-expiry:<payment id>`),
 * queued in the transaction that made the row.
 *
 *   still pending, intent cancelled   the row is marked failed (`abandoned`), through applyPaymentEvent
 *   the provider says it succeeded    recorded as the webhook records it (applyPaymentEvent), once
 *   still processing at the provider  left to its webhook; its installments held another hour, looked at again then
 *   succeeded or failed meanwhile     nothing to do
 *
 * Cancelling is safe to repeat (an intent cancelled already answers `cancelled`), so the queue retries
 * a provider error.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import { enqueue, type JobDefinition } from '../../platform/jobs/queue.ts';
import type { PaymentProvider } from '../../platform/adapters/payments/provider.ts';
import type { AppConfig } from '../../deps.ts';
import * as t from '../../../schema/db/index.ts';
import { applyPaymentEvent, BALANCE_LEASE_MS, BALANCE_REFERENCE, type EventOutcome } from './payment-events.mutations.ts';
import { BALANCE_EXPIRY_QUEUE } from './balance.mutations.ts';
import { scheduleInstallmentCharge } from './installments.jobs.ts';

export interface BalanceExpiryEnv { db: Database; payments: PaymentProvider; now: () => Date; config: AppConfig }

/** What the job did (tests read it): `early` when the hour is not over by the app's clock (the job is queued again). */
export type BalanceExpiryOutcome = 'early' | 'over' | 'cancelled' | 'no_intent' | 'processing' | EventOutcome;

export async function expireBalancePayment(env: BalanceExpiryEnv, orgId: string, paymentId: string): Promise<BalanceExpiryOutcome> {
  const found = await withSystem(env.db, orgId, 'balance: an open one-off payment at the end of its hour', async (tx) => {
    const [payment] = await tx.select().from(t.payments)
      .where(and(eq(t.payments.orgId, orgId), eq(t.payments.id, paymentId), eq(t.payments.reference, BALANCE_REFERENCE)));
    if (!payment || payment.status !== 'pending') return null;
    const left = payment.createdAt.getTime() + BALANCE_LEASE_MS - env.now().getTime();
    if (left > 0) {
      // Run before its time (a clock that differs from the queue's): once more when the hour is over.
      await enqueue(tx, BALANCE_EXPIRY_QUEUE, { orgId, paymentId }, { singletonKey: `balance-expiry:${paymentId}`, startAfter: new Date(Date.now() + left) });
      return 'early' as const;
    }
    const [org] = await tx.select({ account: t.orgs.stripeAccountId }).from(t.orgs).where(eq(t.orgs.id, orgId));
    return { payment, account: org?.account ?? null };
  });
  if (found === null) return 'over';
  if (found === 'early') return 'early';
  const { payment } = found;
  const provider = payment.provider as 'stripe' | 'test';
  if (!payment.providerRef) {
    // No intent was ever recorded for it (the request failed after commit): nothing to confirm at the provider.
    await withSystem(env.db, orgId, 'balance: an open one-off payment without an intent', (tx) => applyPaymentEvent(tx, { now: env.now(), config: env.config },
      { provider, kind: 'failed', ref: `balance:${payment.id}`, orgId, paymentId: payment.id, failureReason: 'abandoned: no payment intent was made' }));
    return 'no_intent';
  }
  if (payment.provider !== env.payments.kind) throw new Error(`balance payment ${paymentId}: made with ${payment.provider}, not ${env.payments.kind}`);
  const state = await env.payments.cancelIntent(payment.providerRef, found.account);
  const ref = payment.providerRef;
  if (state === 'processing') {
    // Still being confirmed (its webhook settles it): its installments stay held, and it is looked at again in an hour.
    await withSystem(env.db, orgId, 'balance: a one-off payment still processing', async (tx) => {
      await tx.update(t.installments).set({ nextAttemptAt: new Date(env.now().getTime() + BALANCE_LEASE_MS) })
        .where(and(eq(t.installments.orgId, orgId), eq(t.installments.orderId, payment.orderId), inArray(t.installments.status, ['scheduled', 'failed'])));
      await enqueue(tx, BALANCE_EXPIRY_QUEUE, { orgId, paymentId }, { singletonKey: `balance-expiry:${paymentId}`, startAfter: new Date(Date.now() + BALANCE_LEASE_MS) });
    });
    return 'processing';
  }
  const result = await withSystem(env.db, orgId, 'balance: record the end of an open one-off payment', async (tx) => {
    const applied = await applyPaymentEvent(tx, { now: env.now(), config: env.config },
      state === 'succeeded'
        ? { provider, kind: 'succeeded', ref, orgId, paymentId: payment.id }
        : { provider, kind: 'failed', ref, orgId, paymentId: payment.id, failureReason: 'abandoned: cancelled after an hour unfinished' });
    // The installments it held go back to the off-session job now.
    if (applied.outcome === 'failure_recorded') await scheduleInstallmentCharge(tx, orgId, new Date());
    return applied;
  });
  return state === 'cancelled' && result.outcome === 'failure_recorded' ? 'cancelled' : result.outcome;
}

export function balanceExpiryJob(env: BalanceExpiryEnv): JobDefinition<{ orgId: string; paymentId: string }> {
  return { name: BALANCE_EXPIRY_QUEUE, handle: async ({ orgId, paymentId }) => { await expireBalancePayment(env, orgId, paymentId); } };
}
