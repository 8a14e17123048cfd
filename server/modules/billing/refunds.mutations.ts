/**
 * Writing refunds: money back over the newest payments first (never more than what is left of a
 * payment), a provider refund sent by the `refunds.issue` job after commit and keyed by the row,
 * a bank refund waiting for staff to record the transfer; or credits back to the ledger at once.
 * Every path that gives something back (a cancellation, one session, money after a cancellation)
 * comes through here.
 */
import type { Tx } from '../../platform/db/database.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import { creditRefundEntry, refundParts } from './domain/index.ts';
import type { OrderRow } from './context.queries.ts';
import { refundablePayments } from './settlement.queries.ts';

/** The queue whose job sends one refund to its payment's provider. */
export const REFUNDS_QUEUE = 'refunds.issue';

export interface RefundWritten { id: string; amount: number; status: string; provider: string }

const BANK = new Set(['qr_bill', 'bank_transfer']);

/**
 * The reason of a refund of money that came in after its order was cancelled: it was never part of
 * what the studio kept (the settlement had written the unpaid part off), so payroll leaves it out.
 */
export const LATE_MONEY_REFUND_REASON = 'paid after the order was cancelled';

/** The reason of a refund of what a payment brought beyond what its order claimed: never revenue either. */
export const OVERPAYMENT_REFUND_REASON = 'paid more than was due';

/** Refunds of money the order never claimed (payroll takes them off no session's revenue). */
export const UNCLAIMED_MONEY_REFUND_REASONS: readonly string[] = [LATE_MONEY_REFUND_REASON, OVERPAYMENT_REFUND_REASON];

/**
 * `amount` back to the order's payments, newest first; `from` first of all when given (an overpayment
 * goes back from the very payment that brought it).
 */
export async function refundMoney(tx: Tx, ctx: EventContext, order: OrderRow, bookingId: string | null, amount: number, reason: string, sessionId: string | null = null, from: string | null = null): Promise<RefundWritten[]> {
  const orgId = order.orgId;
  const payments = await refundablePayments(tx, orgId, order.id);
  const written: RefundWritten[] = [];
  const paidAt = (p: (typeof payments)[number]) => (p.row.id === from ? Number.MAX_SAFE_INTEGER : (p.row.succeededAt ?? p.row.createdAt).getTime());
  for (const part of refundParts(amount, payments.map((p) => ({ id: p.row.id, amount: p.row.amount, refunded: p.refunded, paidAt: paidAt(p) })))) {
    const payment = payments.find((p) => p.row.id === part.paymentId)!.row;
    const kind = BANK.has(payment.method) ? 'bank_transfer' : 'provider';
    const [row] = await tx.insert(t.refunds).values({
      orgId, orderId: order.id, paymentId: payment.id, bookingId, sessionId, amount: part.amount, currency: order.currency, reason, status: 'pending', kind,
    }).returning({ id: t.refunds.id });
    if (kind === 'provider') await enqueue(tx, REFUNDS_QUEUE, { orgId, refundId: row!.id }, { singletonKey: `refund:${row!.id}` });
    await recordEvent(tx, { orgId, type: 'refund.created', subjectId: bookingId, payload: { refund_id: row!.id, amount: part.amount, currency: order.currency, kind, reason } }, ctx);
    written.push({ id: row!.id, amount: part.amount, status: kind === 'bank_transfer' ? 'pending_transfer' : 'pending', provider: kind === 'bank_transfer' ? 'bank_transfer' : payment.provider });
  }
  return written;
}

/** Class credits back to the customer's ledger, at once, with the refund row that records it. */
export async function refundCredits(tx: Tx, ctx: EventContext, order: OrderRow, customerId: string, bookingId: string, credits: number, reason: string, sessionId: string | null = null): Promise<RefundWritten> {
  const orgId = order.orgId;
  const entry = creditRefundEntry({ customerId, credits, bookingId })!;
  await tx.insert(t.creditLedger).values({ orgId, customerId, delta: entry.delta, balanceAfter: 0, reason: entry.reason, bookingId, orderId: order.id });
  const [row] = await tx.insert(t.refunds).values({
    orgId, orderId: order.id, bookingId, sessionId, amount: 0, credits, currency: order.currency, reason, status: 'succeeded', kind: 'credits', completedAt: ctx.now,
  }).returning({ id: t.refunds.id });
  return { id: row!.id, amount: 0, status: 'succeeded', provider: 'credits' };
}

/** A provider refund that failed: the money is still the studio's, owed back (the order's balance shows it); payroll recomputes. */
export async function recordRefundFailed(tx: Tx, ctx: EventContext, refund: { id: string; orgId: string; orderId: string; bookingId: string | null; amount: number; currency: string }, ref: string | null): Promise<void> {
  await recordEvent(tx, { orgId: refund.orgId, type: 'refund.failed', subjectId: refund.bookingId, payload: { refund_id: refund.id, order_id: refund.orderId, amount: refund.amount, currency: refund.currency, provider_ref: ref } }, ctx);
}
