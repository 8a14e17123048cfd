/**
 * The customer says where a bank refund goes (an overpaid transfer, or QR-bill / transfer money
 * given back after a cancellation): account holder and IBAN, given in the portal instead of a
 * reply to the mail. Only for a bank refund of the customer's own booking that is still waiting
 * for its transfer; given again, it replaces what was given before. Staff see it on the order.
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { asSystem } from '../../platform/db/escalation.ts';
import { AppError } from '../../platform/errors.ts';
import * as t from '../../../schema/db/index.ts';

export interface RefundAccountGiven {
  id: string; amount: number; currency: string; status: string;
  account_holder: string; iban_last4: string; account_given_at: string;
}

export async function giveRefundAccount(
  tx: Tx, env: { now: Date }, orgId: string, bookingId: string, refundId: string, body: { account_holder: string; iban: string },
): Promise<RefundAccountGiven> {
  // The booking is the customer's own (bookingForCustomer decided that); the refund must be of its customer (else 404)
  // and of this booking's order (another booking of theirs: 409).
  const [found] = await tx.select({ bookingId: t.orders.bookingId, customerId: t.orders.customerId }).from(t.refunds)
    .innerJoin(t.orders, and(eq(t.orders.orgId, t.refunds.orgId), eq(t.orders.id, t.refunds.orderId)))
    .where(and(eq(t.refunds.orgId, orgId), eq(t.refunds.id, refundId)));
  const [booking] = await tx.select({ customerId: t.programBookings.customerId }).from(t.programBookings)
    .where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.id, bookingId)));
  if (!found || !booking || found.customerId !== booking.customerId) throw new AppError('not_found', 'No such refund.');
  if (found.bookingId !== bookingId) throw new AppError('invalid_state', 'This refund is of another booking: give its account from that booking.');
  await asSystem(tx, 'portal: the customer gives the account of a bank refund of their own booking');
  const [refund] = await tx.select().from(t.refunds).where(and(eq(t.refunds.orgId, orgId), eq(t.refunds.id, refundId))).for('update');
  if (!refund || refund.kind !== 'bank_transfer') throw new AppError('invalid_state', 'This refund does not go back by bank transfer.');
  if (refund.status !== 'pending') throw new AppError('invalid_state', `This refund is ${refund.status === 'succeeded' ? 'transferred already' : refund.status}.`);
  const [row] = await tx.update(t.refunds).set({ accountHolder: body.account_holder, iban: body.iban, accountGivenAt: env.now })
    .where(and(eq(t.refunds.orgId, orgId), eq(t.refunds.id, refundId), eq(t.refunds.status, 'pending'))).returning();
  return {
    id: row!.id, amount: row!.amount, currency: row!.currency, status: row!.status,
    account_holder: row!.accountHolder!, iban_last4: row!.iban!.slice(-4), account_given_at: row!.accountGivenAt!.toISOString(),
  };
}
