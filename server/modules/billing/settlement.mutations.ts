/**
 * The one settlement of a cancelled booking, in the cancelling transaction: the booking and its
 * time are released (bookings' cancelBooking), future installments cancelled, a refund row per
 * payment refunded (newest first, never more than a payment's captured amount), credits given
 * back to the ledger, and a credit note for what the invoice no longer claims. Money that
 * leaves through a provider is sent by the `refunds.issue` job after commit, keyed by the
 * refund row, so a retry never refunds twice; bank refunds wait for staff to record the transfer.
 */
import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import type { AppConfig } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import { bookingById, cancelBooking } from '../bookings/index.ts';
import { collectFee, type FeeOutcome } from './fees.mutations.ts';
import { creditNoteRates, formatCreditNoteNumber } from './domain/index.ts';
import { refundCredits, refundMoney } from './refunds.mutations.ts';
import { orderDetail, orderRow, type BookingRow, type OrderRow } from './context.queries.ts';
import { expiredAwaitingPayment } from './late-payment.mutations.ts';
import { lockBookingAndOrder } from './payment-events.mutations.ts';
import { cancelChargesInFlight, cancelChargesNoLongerDue } from './intent-cancels.jobs.ts';
import { itemsVatByRate } from './domain/order-view.ts';
import { alreadyCredited, creditNotePdfUrl } from './credit-notes.queries.ts';
import { cancellationQuote, noShowSessionQuote, quoteStillHolds, sessionCancellationQuote, type CancellationQuote, type CancelledBy, type Fault } from './settlement.queries.ts';


export interface SettlementOut {
  refund: number;
  fee: number;
  credits_back: number;
  balance_due: number;
  currency: string;
  lines: CancellationQuote['lines'];
  refunds: { id: string; amount: number; status: string; provider: string }[];
  /** `number` as printed (`FLOW-CN-2026-0001`); `sequence` the gapless integer of the studio's series. */
  credit_note: { id?: string; number: string; sequence?: number; pdf_url: string | null } | null;
  /** What is owed beyond what was paid (`balance_due`) and how it is collected: charged off-session, or left owed on the order. */
  fee_collection?: FeeOutcome | null;
}

export interface CancelWithSettlement {
  orgId: string;
  booking: BookingRow;
  fault: Fault;
  by: CancelledBy;
  /** The quote the caller was shown; absent: settle by the figures as they are now. */
  quoteId?: string | undefined;
  /** Cancel only this session of the booking (unscheduled in the free window, else counted as used). */
  sessionId?: string | undefined;
  now: Date;
  config: AppConfig;
}


export async function cancelAndSettle(tx: Tx, input: CancelWithSettlement): Promise<SettlementOut | null> {
  if (input.sessionId) return cancelSessionAndSettle(tx, { ...input, sessionId: input.sessionId });
  const { orgId, booking, now, config } = input;
  if (booking.status === 'cancelled') return null;
  if (booking.status === 'completed') throw new AppError('invalid_state', 'The booking is completed.');
  const quote = await cancellationQuote(tx, orgId, booking, { fault: input.fault, by: input.by, now, secret: config.secret });
  if (input.quoteId && !quoteStillHolds(input.quoteId, quote, config.secret, now)) {
    throw new AppError('quote_changed', 'The figures of this cancellation have changed (time passed the free window, or a payment arrived): here is the new quote.', { quote });
  }
  const cancelled = await cancelBooking(tx, { orgId, booking, now, config, by: input.by === 'customer' ? 'customer' : 'staff' });
  // Sessions cancelled late with the booking count as the customer's late cancellations (the fee was kept; payroll pays its share).
  const late = quote.lines.filter((l) => l.rule === 'late_cancellation' && l.session_id).map((l) => l.session_id!);
  if (late.length > 0 && input.fault === 'policy') {
    await tx.update(t.programSessions).set({ cancelledBy: 'customer' })
      .where(and(eq(t.programSessions.orgId, orgId), eq(t.programSessions.bookingId, booking.id), inArray(t.programSessions.id, late), eq(t.programSessions.status, 'cancelled')));
  }
  const out = await settleBookingMoney(tx, { orgId, booking, now, config, quote, closeOrder: true, reason: `${input.by} cancellation (${input.fault})` });
  await recordEvent(tx, {
    orgId, type: 'booking.settled', subjectId: booking.id,
    payload: { ...out, lines: undefined, fees: feeLines(quote), paid: quote.paid, by: input.by, fault: input.fault, previous_status: booking.status, sessions: cancelled ?? [], session_refunds: sessionRefunds(quote) },
  }, { now, config });
  return out;
}

interface BookingMoney { orgId: string; booking: BookingRow; now: Date; config: AppConfig; quote: CancellationQuote; closeOrder: boolean; reason: string }

/**
 * The money side of a booking that ends (cancelled, or completed by a no-show): future installments
 * cancelled, refunds and credits back, fees beyond what was paid collected by the policy, a credit
 * note for what the invoice no longer claims; `closeOrder` marks the order cancelled (or refunded).
 */
async function settleBookingMoney(tx: Tx, { orgId, booking, now, config, quote, closeOrder, reason }: BookingMoney): Promise<SettlementOut> {
  const out: SettlementOut = {
    refund: quote.refund, fee: quote.fee, credits_back: quote.credits_back, balance_due: quote.balance_due, currency: quote.currency,
    lines: quote.lines, refunds: [], credit_note: null, fee_collection: null,
  };
  const order = booking.orderId ? await orderRow(tx, orgId, booking.orderId, true) : undefined;
  if (!order || order.status === 'cancelled' || order.status === 'refunded') return out;

  // Nothing more is ever charged for this order, but a fee it still owes.
  const ended = await tx.update(t.installments).set({ status: 'cancelled' })
    .where(and(eq(t.installments.orgId, orgId), eq(t.installments.orderId, order.id), inArray(t.installments.status, ['scheduled', 'failed', 'overdue'])))
    .returning({ id: t.installments.id });
  // A charge already under way at the provider is cancelled there after commit (one job per payment);
  // an order left open (a no-show that ended the booking) keeps its fees under way.
  if (closeOrder) await cancelChargesInFlight(tx, orgId, order.id);
  else await cancelChargesNoLongerDue(tx, orgId, order.id, ended.map((i) => i.id));

  if (quote.refund > 0) out.refunds.push(...await refundMoney(tx, { now, config }, order, booking.id, quote.refund, reason));
  if (quote.credits_back > 0) out.refunds.push(await refundCredits(tx, { now, config }, order, booking.customerId, booking.id, quote.credits_back, reason));
  if (quote.method === 'money' && quote.balance_due > 0) {
    out.fee_collection = await collectFee(tx, { now, config }, order, booking.id, quote.balance_due, quote.policy.charge_fees, feeWhy(quote));
  }
  const retained = quote.paid - quote.refund;
  const credited = quote.method === 'money' ? order.total - retained - quote.balance_due - await alreadyCredited(tx, orgId, order.id) : 0;
  out.credit_note = await issueCreditNote(tx, orgId, order, credited, quote, now, config.publicOrigin);
  if (closeOrder) {
    await tx.update(t.orders).set({ status: quote.method === 'money' && quote.paid > 0 && retained === 0 ? 'refunded' : 'cancelled', updatedAt: now })
      .where(and(eq(t.orders.orgId, orgId), eq(t.orders.id, order.id)));
  }
  return out;
}

/** The sessions that carry a fee, and the rule that made it: the mails and the credit note name them. */
function feeLines(quote: Pick<CancellationQuote, 'lines'>): { seq: number; rule: string; fee: number }[] {
  return quote.lines.filter((l) => l.fee > 0).map((l) => ({ seq: l.seq, rule: l.rule, fee: l.fee }));
}

/**
 * What each session's money refund is in all (payroll takes exactly that off the session's revenue, and
 * itself leaves out what an earlier settlement of the same session gave back): the line's refund plus
 * what went back for the session before.
 */
function sessionRefunds(quote: CancellationQuote): { session_id: string; refund: number }[] {
  if (quote.method !== 'money') return [];
  return quote.lines.filter((l) => l.session_id && l.refund + l.refunded_before > 0).map((l) => ({ session_id: l.session_id!, refund: l.refund + l.refunded_before }));
}

/** The rules that made a fee, as the fee's event and the documents name them (late_cancellation, no_show). */
function feeWhy(quote: CancellationQuote): string {
  return [...new Set(quote.lines.filter((l) => l.fee > 0).map((l) => l.rule))].join(', ') || 'fee';
}

/**
 * A credit note for `credited` (gross) of the order's invoice, VAT per rate reversed, numbered in the
 * studio's own gapless series and printed with its prefix (`FLOW-CN-2026-0001`). An unpaid QR-bill
 * is voided by it. None without an invoice or with nothing to credit. `reason` names a refund that is no cancellation.
 */
export type CreditNoteFacts = Pick<CancellationQuote, 'method' | 'lines' | 'paid' | 'refund' | 'balance_due' | 'fee' | 'by'> & { reason?: string };

export async function issueCreditNote(tx: Tx, orgId: string, order: OrderRow, credited: number, quote: CreditNoteFacts, now: Date, publicOrigin: string): Promise<SettlementOut['credit_note']> {
  if (quote.method !== 'money' || credited <= 0) return null;
  const [invoice] = await tx.select().from(t.invoices).where(and(eq(t.invoices.orgId, orgId), eq(t.invoices.orderId, order.id)));
  if (!invoice) return null;
  const detail = await orderDetail(tx, orgId, order);
  const rates = creditNoteRates(credited, itemsVatByRate(detail.items, order.currency).map((r) => ({ rateBp: r.rateBp, gross: r.gross.amount })));
  const [counter] = await tx.execute(sql`
    insert into credit_note_counters (org_id, last_number) values (${orgId}::uuid, 1)
    on conflict (org_id) do update set last_number = credit_note_counters.last_number + 1
    returning last_number`).then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { last_number: number }[]);
  const number = Number(counter!.last_number);
  const [org] = await tx.select({ timezone: t.orgs.timezone, billing: t.orgs.billing }).from(t.orgs).where(eq(t.orgs.id, orgId));
  const display = formatCreditNoteNumber(number, now, org?.timezone ?? 'UTC', org?.billing?.invoice_prefix);
  const retained = quote.paid - quote.refund;
  const [note] = await tx.insert(t.creditNotes).values({
    orgId, orderId: order.id, invoiceId: invoice.id, number, currency: order.currency, total: credited, vatTotal: rates.reduce((a, r) => a + r.vat, 0),
    reason: quote.reason ?? (quote.paid === 0 ? 'unpaid invoice cancelled' : `refund after ${quote.by} cancellation`), issuedAt: now,
    snapshot: {
      display_number: display, invoice_number: invoice.number, rates, lines: quote.lines, paid: quote.paid, refund: quote.refund, kept: retained,
      balance_due: quote.balance_due, fee: quote.fee + quote.balance_due, fees: feeLines(quote),
    },
  }).returning({ id: t.creditNotes.id });
  return { id: note!.id, number: display, sequence: number, pdf_url: creditNotePdfUrl(publicOrigin, note!.id) };
}

/**
 * A no-show recorded by staff (after `markNoShow` changed the session): when it ended the booking
 * (nothing left to attend), the booking's money is settled as a whole, by the policy's no-show fee,
 * with what is owed beyond what was paid collected as `charge_fees` says; otherwise, when the pack
 * is paid in full, the rest of the session's share beyond the fee goes back now. The booking's
 * row is locked by the caller.
 */
export async function settleNoShow(tx: Tx, input: { orgId: string; bookingId: string; sessionId: string; now: Date; config: AppConfig }): Promise<SettlementOut> {
  const { orgId, now, config } = input;
  const booking = (await bookingById(tx, orgId, input.bookingId))!;
  const whole = booking.status === 'completed';
  const quote = whole
    ? await cancellationQuote(tx, orgId, booking, { fault: 'policy', by: 'staff', now, secret: config.secret })
    : await noShowSessionQuote(tx, orgId, booking, input.sessionId, now, config.secret);
  const out = whole
    ? await settleBookingMoney(tx, { orgId, booking, now, config, quote, closeOrder: false, reason: 'no-show' })
    : await settleSessionMoney(tx, { orgId, booking, now, config, quote, reason: `session ${quote.lines[0]!.seq}: no-show` });
  await recordEvent(tx, {
    orgId, type: 'session.no_show_settled', subjectId: booking.id,
    payload: { ...out, lines: undefined, fees: feeLines(quote), paid: quote.paid, session_id: input.sessionId, session_refunds: sessionRefunds(quote) },
  }, { now, config });
  return out;
}

/**
 * One session's money: its refund (paid in full) or credits back, with a credit note for a money
 * refund; or, for a pack not paid in full, a fee beyond what was paid collected as the policy says.
 */
async function settleSessionMoney(tx: Tx, { orgId, booking, now, config, quote, reason }: Omit<BookingMoney, 'closeOrder'>): Promise<SettlementOut> {
  const out: SettlementOut = {
    refund: quote.refund, fee: quote.fee, credits_back: quote.credits_back, balance_due: quote.balance_due, currency: quote.currency,
    lines: quote.lines, refunds: [], credit_note: null, fee_collection: null,
  };
  const order = booking.orderId ? await orderRow(tx, orgId, booking.orderId, true) : undefined;
  if (!order) return out;
  // The refund names its session, so a later cancellation of the booking shows that session's part as given back already.
  if (quote.refund > 0) out.refunds.push(...await refundMoney(tx, { now, config }, order, booking.id, quote.refund, reason, quote.session_id));
  if (quote.credits_back > 0) out.refunds.push(await refundCredits(tx, { now, config }, order, booking.customerId, booking.id, quote.credits_back, reason, quote.session_id));
  if (quote.refund > 0) out.credit_note = await issueCreditNote(tx, orgId, order, quote.refund, quote, now, config.publicOrigin);
  if (quote.method === 'money' && quote.balance_due > 0) {
    out.fee_collection = await collectFee(tx, { now, config }, order, booking.id, quote.balance_due, quote.policy.charge_fees, feeWhy(quote));
    // The fee is part of the pack's price, due now: what it charges comes off the last installments, so the plan never asks twice.
    if (out.fee_collection.collection === 'charge') {
      const lowered = await bringForward(tx, orgId, order.id, quote.balance_due);
      // What was being charged for the old amounts (an installment under way, a one-off payment of the balance) is cancelled at the provider.
      await cancelChargesNoLongerDue(tx, orgId, order.id, lowered);
    }
  }
  return out;
}

/**
 * Lowers the order's unpaid installments by `amount`, the last due first (one lowered to nothing is
 * cancelled); those with a charge under way (a pending payment) only when the others do not suffice.
 * Answers the installments it changed.
 */
async function bringForward(tx: Tx, orgId: string, orderId: string, amount: number): Promise<string[]> {
  const open = await tx.select({ id: t.installments.id, amount: t.installments.amount }).from(t.installments)
    .where(and(eq(t.installments.orgId, orgId), eq(t.installments.orderId, orderId), inArray(t.installments.status, ['scheduled', 'failed', 'overdue'])))
    .orderBy(desc(t.installments.dueAt)).for('update');
  const charging = new Set((await tx.select({ id: t.payments.installmentId }).from(t.payments)
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.orderId, orderId), eq(t.payments.status, 'pending'), isNotNull(t.payments.installmentId))))
    .map((p) => p.id));
  const order = [...open.filter((i) => !charging.has(i.id)), ...open.filter((i) => charging.has(i.id))];
  const changed: string[] = [];
  let left = amount;
  for (const i of order) {
    if (left <= 0) break;
    const take = Math.min(left, i.amount);
    left -= take;
    changed.push(i.id);
    await tx.update(t.installments).set(take === i.amount ? { status: 'cancelled' } : { amount: i.amount - take })
      .where(and(eq(t.installments.orgId, orgId), eq(t.installments.id, i.id)));
  }
  return changed;
}

/** One session: unscheduled in the free window (no money), else cancelled as used with its fee; its share back when paid in full. */
async function cancelSessionAndSettle(tx: Tx, input: CancelWithSettlement & { sessionId: string }): Promise<SettlementOut> {
  const { orgId, booking, now, config } = input;
  if (booking.status === 'cancelled' || booking.status === 'completed') throw new AppError('invalid_state', `The booking is ${booking.status}.`);
  const quote = await sessionCancellationQuote(tx, orgId, booking, { fault: input.fault, by: input.by, now, secret: config.secret, sessionId: input.sessionId });
  if (input.quoteId && !quoteStillHolds(input.quoteId, quote, config.secret, now)) {
    throw new AppError('quote_changed', 'The figures of this cancellation have changed: here is the new quote.', { quote });
  }
  const out: SettlementOut = {
    refund: quote.refund, fee: quote.fee, credits_back: quote.credits_back, balance_due: 0, currency: quote.currency,
    lines: quote.lines, refunds: [], credit_note: null,
  };
  // The session's time is free again either way.
  await tx.execute(sql`update schedule_blocks set status = 'cancelled'
    where org_id = ${orgId}::uuid and session_id = ${input.sessionId}::uuid and status <> 'cancelled'`);
  if (quote.action === 'unschedule') {
    await tx.update(t.programSessions).set({ startsAt: null, endsAt: null, revision: sql`${t.programSessions.revision} + 1` })
      .where(and(eq(t.programSessions.orgId, orgId), eq(t.programSessions.id, input.sessionId)));
  } else {
    // Who is answerable: by policy it counts as the customer's cancellation (whoever clicked); the studio's fault as the studio's.
    await tx.update(t.programSessions).set({ status: 'cancelled', cancelledAt: now, cancelledBy: input.fault === 'studio' ? 'staff' : 'customer' })
      .where(and(eq(t.programSessions.orgId, orgId), eq(t.programSessions.id, input.sessionId)));
  }
  const money = await settleSessionMoney(tx, { orgId, booking, now, config, quote, reason: `session ${quote.lines[0]!.seq} cancelled late by the ${input.by}` });
  out.refunds.push(...money.refunds);
  out.credit_note = money.credit_note;
  await recordEvent(tx, {
    orgId, type: 'session.cancelled', subjectId: booking.id,
    payload: { session_id: input.sessionId, action: quote.action, by: input.by, fault: input.fault, refund: quote.refund, fee: quote.fee, credits_back: quote.credits_back, refund_ids: money.refunds.filter((r) => r.provider !== 'credits').map((r) => r.id) },
  }, { now, config });
  return out;
}

/**
 * A reservation held for a bank payment lapsed unpaid (bookings' releaseExpiredHolds): its invoice
 * is voided by a credit note, as a cancelled unpaid QR-bill is; what was paid of it (a part) goes
 * back as a bank refund waiting for the studio's transfer, and the order is closed, so money that
 * still arrives is recorded and refunded. Nothing when a payment restored the booking first, or it
 * was settled already. Runs as system; `lapse.settled` is recorded.
 */
export async function settleLapsedHold(tx: Tx, input: { orgId: string; bookingId: string; orderId: string; now: Date; config: AppConfig }): Promise<SettlementOut | null> {
  const { orgId, now, config } = input;
  await lockBookingAndOrder(tx, orgId, input.orderId);
  const booking = await bookingById(tx, orgId, input.bookingId);
  if (!booking || !expiredAwaitingPayment(booking, input.orderId)) return null;
  const order = await orderRow(tx, orgId, input.orderId);
  if (!order || (order.status !== 'pending' && order.status !== 'partially_paid')) return null;
  // The studio's word: nothing of it was delivered, everything paid goes back.
  const quote = await cancellationQuote(tx, orgId, booking, { fault: 'studio', by: 'staff', now, secret: config.secret });
  const out = await settleBookingMoney(tx, { orgId, booking, now, config, quote, closeOrder: true, reason: 'reservation lapsed unpaid' });
  await recordEvent(tx, { orgId, type: 'lapse.settled', subjectId: booking.id, payload: { ...out, lines: undefined, order_id: order.id, paid: quote.paid } }, { now, config });
  return out;
}
