/**
 * A one-off payment of the open balance left unfinished (balance.mutations.ts): an hour after it
 * was started its PaymentIntent is cancelled at the provider, so the customer can no longer confirm
 * it once the installments it held are charged off-session again (which would pay the order twice).
 * Until then the off-session job charges none of the order's installments (installments.jobs.ts).
 * One job per payment row (`balance-expiry:<payment id>`), queued in the transaction that made the row.
 *
 *   still pending, intent cancelled   the row fails (`abandoned`, endBalancePayment), its installments back to the off-session job
 *   a card declined in the form       the same: a declined attempt leaves the row pending (another card may still pay it)
 *   no intent was ever made           the same, without asking the provider
 *   the provider says it succeeded    recorded as the webhook records it (applyPaymentEvent), once
 *   still processing at the provider  left to its webhook (its installments stay held while the row is pending), looked at again in an hour
 *   succeeded or failed meanwhile     nothing to do
 *
 * Cancelling is safe to repeat (an intent cancelled already answers `cancelled`), so the queue retries
 * a provider error.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import { enqueue, type JobDefinition } from '../../platform/jobs/queue.ts';
import type { PaymentProvider } from '../../platform/adapters/payments/provider.ts';
import type { AppConfig } from '../../deps.ts';
import * as t from '../../../schema/db/index.ts';
import { applyPaymentEvent, BALANCE_LEASE_MS, BALANCE_REFERENCE, type EventOutcome } from './payment-events.mutations.ts';
import { BALANCE_EXPIRY_QUEUE, endBalancePayment } from './balance.mutations.ts';

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
    await withSystem(env.db, orgId, 'balance: an open one-off payment without an intent',
      (tx) => endBalancePayment(tx, { now: env.now(), config: env.config }, orgId, payment.id, 'abandoned: no payment intent was made'));
    return 'no_intent';
  }
  if (payment.provider !== env.payments.kind) throw new Error(`balance payment ${paymentId}: made with ${payment.provider}, not ${env.payments.kind}`);
  const state = await env.payments.cancelIntent(payment.providerRef, found.account);
  const ref = payment.providerRef;
  if (state === 'processing') {
    // Still being confirmed (its webhook settles it): the row stays pending, so its installments stay held; looked at again in an hour.
    await withSystem(env.db, orgId, 'balance: a one-off payment still processing',
      (tx) => enqueue(tx, BALANCE_EXPIRY_QUEUE, { orgId, paymentId }, { singletonKey: `balance-expiry:${paymentId}`, startAfter: new Date(Date.now() + BALANCE_LEASE_MS) }));
    return 'processing';
  }
  if (state === 'succeeded') {
    const applied = await withSystem(env.db, orgId, 'balance: record a one-off payment paid at the provider',
      (tx) => applyPaymentEvent(tx, { now: env.now(), config: env.config }, { provider, kind: 'succeeded', ref, orgId, paymentId: payment.id }));
    return applied.outcome;
  }
  const declined = payment.failureReason ? ` (last attempt: ${payment.failureReason})` : '';
  const ended = await withSystem(env.db, orgId, 'balance: the end of an open one-off payment',
    (tx) => endBalancePayment(tx, { now: env.now(), config: env.config }, orgId, payment.id, `abandoned: cancelled after an hour unfinished${declined}`));
  return ended ? 'cancelled' : 'duplicate';
}

export function balanceExpiryJob(env: BalanceExpiryEnv): JobDefinition<{ orgId: string; paymentId: string }> {
  return { name: BALANCE_EXPIRY_QUEUE, handle: async ({ orgId, paymentId }) => { await expireBalancePayment(env, orgId, paymentId); } };
}
