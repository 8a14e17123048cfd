/**
 * Staff record the outgoing bank transfer of a bank refund (a QR-bill or transfer payment given
 * back after a cancellation): the refund, pending until now, has succeeded, with the bank's
 * reference and the time it was recorded.
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { asSystem } from '../../platform/db/escalation.ts';
import type { AppConfig } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import type { RefundTransferBody } from '../../../schema/api/admin-orders.ts';
import { orderForStaffView, type RefundRow, type StaffOrderView } from './orders.queries.ts';

/** A bank refund's transfer recorded: the refund, now succeeded, and its order after it. */
export interface RefundTransferred { refund: RefundRow; order: StaffOrderView }

/** The refund as the staff member's own policies show it (another org's, or any for an instructor: 404), then locked as system. */
export async function refundForStaff(tx: Tx, orgId: string, refundId: string): Promise<RefundRow> {
  const visible = await tx.select({ id: t.refunds.id }).from(t.refunds).where(and(eq(t.refunds.orgId, orgId), eq(t.refunds.id, refundId)));
  if (!visible.length) throw new AppError('not_found', 'No such refund.');
  await asSystem(tx, 'staff action: the refund is visible under the staff member\'s own policies');
  const [row] = await tx.select().from(t.refunds).where(and(eq(t.refunds.orgId, orgId), eq(t.refunds.id, refundId))).for('update');
  return row!;
}

/**
 * The transfer of a pending bank refund is done: 409 invalid_state for any other refund (sent
 * through the provider, given as credits, already transferred or failed); the amount must be
 * the refund's, since a bank refund leaves in one transfer (400 on `amount` otherwise).
 */
export async function recordRefundTransfer(tx: Tx, env: { now: Date; config: AppConfig }, refund: RefundRow, body: RefundTransferBody): Promise<RefundTransferred> {
  const orgId = refund.orgId;
  if (refund.kind !== 'bank_transfer') throw new AppError('invalid_state', `This refund is not a bank refund (it goes back by ${refund.kind === 'credits' ? 'credits' : 'the payment provider'}).`);
  if (refund.status !== 'pending') throw new AppError('invalid_state', `This bank refund is ${refund.status === 'succeeded' ? 'transferred already' : refund.status}.`);
  if (body.amount !== refund.amount) {
    throw new AppError('validation_failed', undefined, { errors: [{ field: 'amount', message: `must be the refund's amount, ${refund.amount} (minor units)` }] });
  }
  const [done] = await tx.update(t.refunds).set({ status: 'succeeded', transferReference: body.reference, completedAt: env.now })
    .where(and(eq(t.refunds.orgId, orgId), eq(t.refunds.id, refund.id), eq(t.refunds.status, 'pending')))
    .returning();
  await recordEvent(tx, {
    orgId, type: 'refund.transferred', subjectId: refund.bookingId ?? refund.orderId,
    payload: { refund_id: refund.id, order_id: refund.orderId, amount: refund.amount, currency: refund.currency, reference: body.reference },
  }, env);
  return { refund: done!, order: (await orderForStaffView(tx, orgId, refund.orderId))! };
}
