/**
 * Fees beyond what was paid: a late cancellation or a no-show of a deposit-only plan leaves the
 * customer owing more than they paid. The program's `charge_fees` decides what happens to it:
 *
 *   auto     a fee payment row (`purpose: 'fee'`, pending) is written in the settling transaction
 *            and the `fees.charge` job charges it off-session to the card saved with the deposit,
 *            after commit, keyed `tandem:fee:<payment id>` at the provider: charged once however
 *            often the job runs. Without a saved card it falls back to `balance`.
 *   balance  nothing is charged: the amount stays owed on the order (the credit note does not
 *            credit it, so the order's `balance_due` shows it), for staff to collect.
 *
 * A fee payment never confirms a booking nor counts as late money to refund (payment-events).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import type { OrderRow } from './context.queries.ts';

/** The queue whose job charges one fee payment off-session. */
export const FEES_QUEUE = 'fees.charge';

export type FeeCollection = 'charge' | 'balance';

export interface FeeOutcome {
  amount: number;
  /** `charge`: charged off-session after commit (payment_id); `balance`: left owed on the order. */
  collection: FeeCollection;
  payment_id: string | null;
  /** Why a fee the policy wants charged is left as a balance instead. */
  reason: string | null;
}

/**
 * What is owed beyond what was paid, `amount` > 0, collected as the policy says. Runs as system in
 * the settling transaction (the order row is locked by the caller).
 */
export async function collectFee(tx: Tx, ctx: EventContext, order: OrderRow, bookingId: string | null, amount: number, chargeFees: 'auto' | 'balance' | undefined, why: string): Promise<FeeOutcome> {
  const orgId = order.orgId;
  let outcome: FeeOutcome = { amount, collection: 'balance', payment_id: null, reason: chargeFees === 'auto' ? null : 'the policy leaves fees owed on the order' };
  if (chargeFees === 'auto') {
    const [plan] = await tx.select().from(t.paymentPlans).where(and(eq(t.paymentPlans.orgId, orgId), eq(t.paymentPlans.orderId, order.id)));
    const [deposit] = await tx.select({ provider: t.payments.provider }).from(t.payments)
      .where(and(eq(t.payments.orgId, orgId), eq(t.payments.orderId, order.id), eq(t.payments.status, 'succeeded'), sql`${t.payments.method} in ('card', 'twint')`)).limit(1);
    if (plan?.stripeCustomerId && plan.stripePaymentMethodId && deposit) {
      const [row] = await tx.insert(t.payments).values({
        orgId, orderId: order.id, method: 'card', status: 'pending', amount, currency: order.currency, provider: deposit.provider, purpose: 'fee', createdAt: ctx.now,
      }).returning({ id: t.payments.id });
      await enqueue(tx, FEES_QUEUE, { orgId, paymentId: row!.id }, { singletonKey: `fee:${row!.id}` });
      outcome = { amount, collection: 'charge', payment_id: row!.id, reason: null };
    } else {
      outcome.reason = 'no saved payment method';
    }
  }
  await recordEvent(tx, { orgId, type: 'fee.owed', subjectId: bookingId, payload: { order_id: order.id, currency: order.currency, why, ...outcome } }, ctx);
  return outcome;
}
