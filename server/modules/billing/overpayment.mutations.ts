/**
 * Money that leaves an open order holding more than it claims goes back at once, whatever brought it:
 * a transfer of more than was due (or a second one), an installment charged for its old amount after a
 * settlement lowered or cancelled it (a no-show's fee brought forward, a no-show that ended the
 * booking), a one-off payment of the open balance, a fee charged on top of that. `domain/overpayment.ts`
 * says how much; here, in the transaction that records the payment (booking and order locked):
 *
 *   refund rows   over the payment that brought it first (then the newest), through `refundMoney`:
 *                 card and TWINT money sent by the `refunds.issue` job after commit, keyed
 *                 `tandem:refund:<refund id>` at the provider; bank money waiting for the studio's
 *                 transfer; `refund.created` per row;
 *   the studio    `payment.overpaid`, whose subscriber mails the customer (where a bank refund goes)
 *                 and the studio (what happens), once per payment.
 *
 * Exactly once: only what the payment added is refunded, and the rows written make a second look at
 * the same figures (a replayed event, a retried job) find nothing more. No credit note: the invoice
 * never claimed this money, so crediting it would claim less than the customer owes (the order's
 * balance would show the excess twice); what a settlement took off the claim was credited by it.
 * Cancelled orders are not this path: all money arriving there goes back (confirm.mutations.ts).
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import { dueBefore, overpaymentExcess, type OrderHoldings } from './domain/index.ts';
import type { OrderRow } from './context.queries.ts';
import { alreadyCredited } from './credit-notes.queries.ts';
import { OVERPAYMENT_REFUND_REASON, refundMoney, type RefundWritten } from './refunds.mutations.ts';
import { alreadyRefunded } from './settlement.queries.ts';

export interface Overpayment {
  /** The payment that brought it. */
  paymentId: string;
  /** What the order still claimed before that payment. */
  due: number;
  /** What goes back. */
  amount: number;
  refunds: RefundWritten[];
}

/**
 * After a payment on a live order moved what it captured from `paidBefore` to `paidAfter`: the excess
 * it brought refunded, the studio told. `arrived` is that payment (null: the newest succeeded one).
 */
export async function refundOverpayment(tx: Tx, ctx: EventContext, order: OrderRow, paidBefore: number, paidAfter: number, arrived: string | null): Promise<Overpayment | null> {
  if (paidAfter <= paidBefore) return null;
  const orgId = order.orgId;
  const holdings: OrderHoldings = {
    total: order.total,
    credited: await alreadyCredited(tx, orgId, order.id),
    refunded: (await alreadyRefunded(tx, orgId, order.id)).money,
  };
  const amount = overpaymentExcess(holdings, paidBefore, paidAfter);
  if (amount === 0) return null;
  const [payment] = await tx.select().from(t.payments)
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.orderId, order.id), eq(t.payments.status, 'succeeded'), ...(arrived ? [eq(t.payments.id, arrived)] : [])))
    .orderBy(desc(t.payments.succeededAt)).limit(1);
  if (!payment) throw new Error(`order ${order.id}: no succeeded payment brought the overpayment`);
  const refunds = await refundMoney(tx, ctx, order, order.bookingId, amount, OVERPAYMENT_REFUND_REASON, null, payment.id);
  const due = dueBefore(holdings, paidBefore);
  await recordEvent(tx, {
    orgId, type: 'payment.overpaid', subjectId: order.bookingId,
    payload: {
      order_id: order.id, payment_id: payment.id, amount: payment.amount, due, excess: amount, currency: order.currency, method: payment.method,
      refund_id: refunds[0]!.id, refund_ids: refunds.map((r) => r.id),
      // How the customer gets it: to the card or TWINT account (`provider`), or by the studio's transfer to an IBAN they give.
      refund_kind: refunds[0]!.provider === 'bank_transfer' ? 'bank_transfer' : 'provider',
      reference: payment.reference ?? payment.providerRef ?? '',
    },
  }, ctx);
  return { paymentId: payment.id, due, amount, refunds };
}
