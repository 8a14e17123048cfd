import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { asSystem } from '../../platform/db/escalation.ts';
import type { AppConfig } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import * as t from '../../../schema/db/index.ts';
import type { RecordPaymentBody } from '../../../schema/api/checkout.ts';
import { langOf, type Lang } from '../../../shared/format.ts';
import { settleOrder } from './confirm.mutations.ts';
import { lockBookingAndOrder, paymentSucceeded } from './payment-events.mutations.ts';
import { recordEvent } from '../../platform/events/record.ts';
import { orderDetail, orderRow, type OrderDetail, type OrderRow } from './context.queries.ts';
import type { RefundWritten } from './refunds.mutations.ts';

/** A bank transfer recorded: the payment, the order after it, the customer's language and the booking's status. */
export interface TransferRecorded {
  paymentId: string;
  amount: number;
  currency: string;
  reference: string;
  order: OrderDetail;
  lang: Lang;
  booking: { id: string; status: string } | null;
  /** More than the order still claimed: the excess, and the bank refund that gives it back. */
  overpayment: { amount: number; refund: RefundWritten } | null;
}

/**
 * Staff record a bank transfer (a paid QR-bill, or any transfer): a succeeded payment, then
 * the same settlement as a card payment — the booking is confirmed once what is due now is
 * paid. Every arrival of money is recorded, whatever its amount: on a cancelled order it goes
 * back (settleOrder); on a live one, what exceeds what the order still claimed (all of it on an
 * order paid in full) becomes a bank refund from this payment, waiting for the studio's outgoing
 * transfer, and `payment.overpaid` tells the customer and the studio (settleOrder's general rule,
 * overpayment.mutations.ts). Runs as `system` with the booking and the order locked.
 */
export async function recordTransfer(tx: Tx, env: { now: Date; config: AppConfig }, order: OrderRow, body: RecordPaymentBody): Promise<TransferRecorded> {
  const orgId = order.orgId;
  // Money that arrives for a cancelled order (a voided QR-bill paid after all) is recorded all the same:
  // settleOrder queues it for refund at once; on a live order it refunds what exceeds the claim.
  const paymentId = randomUUID();
  await tx.insert(t.payments).values({
    id: paymentId, orgId, orderId: order.id, method: 'bank_transfer', status: 'succeeded', amount: body.amount, currency: order.currency,
    provider: 'bank_transfer', providerRef: null, reference: body.reference, succeededAt: env.now, createdAt: env.now,
  });
  await recordEvent(tx, { orgId, type: 'payment.succeeded', subjectId: order.bookingId, payload: paymentSucceeded({ id: paymentId, orderId: order.id, amount: body.amount, currency: order.currency, method: 'bank_transfer' }) }, env);
  const settled = await settleOrder(tx, env, orgId, order.id, paymentId);
  // The excess goes back from this very payment (it holds at least the excess), as a bank refund.
  const overpayment = settled.overpayment ? { amount: settled.overpayment.amount, refund: settled.overpayment.refunds[0]! } : null;
  const [customer] = await tx.select({ locale: t.customers.locale }).from(t.customers).where(and(eq(t.customers.orgId, orgId), eq(t.customers.id, order.customerId)));
  const fresh = (await orderRow(tx, orgId, order.id))!;
  return {
    paymentId, amount: body.amount, currency: order.currency, reference: body.reference,
    order: await orderDetail(tx, orgId, fresh),
    lang: langOf(customer?.locale),
    // settleOrder read the booking's status (null only when the order has no booking, or it is gone).
    booking: order.bookingId && settled.bookingStatus ? { id: order.bookingId, status: settled.bookingStatus } : null,
    overpayment,
  };
}

/** The order as the staff member's own policies show it (another org's or a hidden one is 404), then locked as system. */
export async function orderForStaff(tx: Tx, orgId: string, orderId: string): Promise<OrderRow> {
  const visible = await tx.select({ id: t.orders.id }).from(t.orders).where(and(eq(t.orders.orgId, orgId), eq(t.orders.id, orderId)));
  if (!visible.length) throw new AppError('not_found', 'No such order.');
  await asSystem(tx, 'staff action: the order is visible under the staff member\'s own policies');
  // The fixed lock order (booking, then order): confirming the booking below then takes no lock out of turn.
  await lockBookingAndOrder(tx, orgId, orderId);
  return (await orderRow(tx, orgId, orderId, true))!;
}
