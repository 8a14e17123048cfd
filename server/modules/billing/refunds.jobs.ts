/**
 * Sending a refund to its payment's provider, after the settlement committed: one job per
 * refund row, the provider keyed by the row's id (a retry, or the same job run twice, refunds
 * once). The outcome is recorded on the row; a provider that answers later (Stripe's
 * `refund.updated` / `charge.refunded`) settles a pending one.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import type { PaymentProvider, RefundResult } from '../../platform/adapters/payments/provider.ts';
import * as t from '../../../schema/db/index.ts';
import { recordRefundFailed, REFUNDS_QUEUE } from './refunds.mutations.ts';
import type { AppConfig } from '../../deps.ts';

export interface RefundJobEnv { db: Database; payments: PaymentProvider; now: () => Date; config: AppConfig }

/** Issues one pending provider refund; answers what happened (tests read it). */
export async function issueRefund(env: RefundJobEnv, orgId: string, refundId: string): Promise<RefundResult | null> {
  const found = await withSystem(env.db, orgId, 'refunds: read the refund to send', async (tx) => {
    const [refund] = await tx.select().from(t.refunds).where(and(eq(t.refunds.orgId, orgId), eq(t.refunds.id, refundId)));
    if (!refund || refund.status !== 'pending' || refund.kind !== 'provider' || !refund.paymentId) return null;
    const [[payment], [org]] = await Promise.all([
      tx.select().from(t.payments).where(and(eq(t.payments.orgId, orgId), eq(t.payments.id, refund.paymentId))),
      tx.select({ account: t.orgs.stripeAccountId }).from(t.orgs).where(eq(t.orgs.id, orgId)),
    ]);
    return payment?.providerRef ? { refund, payment, account: org?.account ?? null } : null;
  });
  if (!found) return null;
  if (found.payment.provider !== env.payments.kind) throw new Error(`refund ${refundId}: its payment was made with ${found.payment.provider}, not ${env.payments.kind}`);
  const result = await env.payments.refund({
    account: found.account, paymentRef: found.payment.providerRef!, amount: found.refund.amount, currency: found.refund.currency,
    metadata: { org_id: orgId, refund_id: refundId, order_id: found.refund.orderId }, idempotencyKey: `tandem:refund:${refundId}`,
  });
  await withSystem(env.db, orgId, 'refunds: record the provider\'s answer', async (tx) => {
    const changed = await tx.update(t.refunds).set({
      providerRef: result.ref, status: result.status === 'succeeded' ? 'succeeded' : result.status === 'failed' ? 'failed' : 'pending',
      completedAt: result.status === 'succeeded' ? env.now() : null,
    }).where(and(eq(t.refunds.orgId, orgId), eq(t.refunds.id, refundId), eq(t.refunds.status, 'pending'))).returning({ id: t.refunds.id });
    if (changed.length && result.status === 'failed') await recordRefundFailed(tx, { now: env.now(), config: env.config }, found.refund, result.ref);
  });
  return result;
}

export function refundsJob(env: RefundJobEnv): JobDefinition<{ orgId: string; refundId: string }> {
  return { name: REFUNDS_QUEUE, handle: async ({ orgId, refundId }) => { await issueRefund(env, orgId, refundId); } };
}
