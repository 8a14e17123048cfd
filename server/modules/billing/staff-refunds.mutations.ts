/**
 * A refund staff give outside a cancellation: the booking goes on, money goes back. It takes the
 * settlement's one road for money: `refundMoney` writes refund rows over the newest payments (the
 * provider is called after commit by the `refunds.issue` job, keyed by the row; bank refunds wait
 * for the studio's transfer) and a credit note reverses that part of the invoice. The order is
 * locked while the figures are computed, so two refunds never give back more than was paid.
 */
import type { Tx } from '../../platform/db/database.ts';
import type { AppConfig } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record.ts';
import type { BookingRow } from './context.queries.ts';
import { refundMoney, type RefundWritten } from './refunds.mutations.ts';
import { issueCreditNote, type SettlementOut } from './settlement.mutations.ts';
import { computeStaffRefund, staffRefundQuoteHolds, type StaffRefundQuote, type StaffRefundRequest } from './staff-refunds.queries.ts';

export interface StaffRefundGiven extends StaffRefundRequest {
  orgId: string;
  booking: BookingRow;
  reason: string;
  staffId: string | null;
  /** The quote shown before confirming: refused with 409 quote_changed when its figures no longer hold. */
  quoteId?: string | undefined;
  now: Date;
  config: AppConfig;
}

export interface StaffRefundDone {
  booking_id: string;
  mode: StaffRefundRequest['mode'];
  amount: number;
  currency: string;
  reason: string;
  lines: StaffRefundQuote['lines'];
  refunds: RefundWritten[];
  credit_note: SettlementOut['credit_note'];
  /** What can still be refunded after this one. */
  refundable: number;
}

export async function refundOutsideCancellation(tx: Tx, input: StaffRefundGiven): Promise<StaffRefundDone> {
  const { orgId, booking, now, config } = input;
  const { order, quote } = await computeStaffRefund(tx, orgId, booking, input, true);
  if (input.quoteId && !staffRefundQuoteHolds(input.quoteId, quote, config.secret, now)) {
    throw new AppError('quote_changed', 'The figures of this refund have changed (another refund, or a payment): ask for a new quote.', { refundable: quote.refundable });
  }
  const why = `staff refund: ${input.reason}`;
  const refunds: RefundWritten[] = [];
  if (quote.lines.length > 0) {
    // By quote: one refund per session, naming it, so a later cancellation shows that session's part as given back already.
    for (const line of quote.lines) if (line.refund > 0) refunds.push(...await refundMoney(tx, { now, config }, order, booking.id, line.refund, why, line.session_id));
  } else {
    refunds.push(...await refundMoney(tx, { now, config }, order, booking.id, quote.amount, why));
  }
  const creditNote = await issueCreditNote(tx, orgId, order, quote.amount, {
    method: 'money', paid: quote.refundable, refund: quote.amount, balance_due: 0, fee: 0, by: 'staff', reason: why,
    lines: quote.lines.map((l) => ({ session_id: l.session_id, seq: l.seq, starts_at: l.starts_at, rule: 'staff_refund', value: l.value, refund: l.refund, fee: 0, refunded_before: l.refunded_before })),
  }, now, config.publicOrigin);
  await recordEvent(tx, {
    orgId, type: 'booking.refunded', subjectId: booking.id,
    payload: {
      mode: input.mode, amount: quote.amount, currency: quote.currency, reason: input.reason, by: input.staffId, refund_ids: refunds.map((r) => r.id),
      session_refunds: quote.lines.map((l) => ({ session_id: l.session_id, refund: l.refund })),
      // What the customer's mail tells (notifications): how each part goes back, and the credit note to attach.
      refunds, credit_note: creditNote,
    },
  }, { now, config });
  return {
    booking_id: booking.id, mode: input.mode, amount: quote.amount, currency: quote.currency, reason: input.reason,
    lines: quote.lines, refunds, credit_note: creditNote, refundable: quote.refundable - quote.amount,
  };
}
