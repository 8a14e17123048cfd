/**
 * The one settlement of a cancelled booking, in the cancelling transaction: the booking and its
 * time are released (bookings' cancelBooking), future installments cancelled, a refund row per
 * payment refunded (newest first, never more than a payment's captured amount), credits given
 * back to the ledger, and a credit note for what the invoice no longer claims. Money that
 * leaves through a provider is sent by the `refunds.issue` job after commit, keyed by the
 * refund row, so a retry never refunds twice; bank refunds wait for staff to record the transfer.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import type { AppConfig } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import { cancelBooking } from '../bookings/index.ts';
import { creditNoteRates } from './domain/index.ts';
import { refundCredits, refundMoney } from './refunds.mutations.ts';
import { orderDetail, orderRow, type BookingRow } from './context.queries.ts';
import { itemsVatByRate } from './domain/order-view.ts';
import { creditNotePdfUrl } from './credit-notes.queries.ts';
import { cancellationQuote, quoteStillHolds, sessionCancellationQuote, type CancellationQuote, type CancelledBy, type Fault } from './settlement.queries.ts';


export interface SettlementOut {
  refund: number;
  fee: number;
  credits_back: number;
  balance_due: number;
  currency: string;
  lines: CancellationQuote['lines'];
  refunds: { id: string; amount: number; status: string; provider: string }[];
  credit_note: { number: number; pdf_url: string | null } | null;
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
  await cancelBooking(tx, { orgId, booking, now, config, by: input.by === 'customer' ? 'customer' : 'staff' });
  const out: SettlementOut = {
    refund: quote.refund, fee: quote.fee, credits_back: quote.credits_back, balance_due: quote.balance_due, currency: quote.currency,
    lines: quote.lines, refunds: [], credit_note: null,
  };
  const order = booking.orderId ? await orderRow(tx, orgId, booking.orderId, true) : undefined;
  if (!order || order.status === 'cancelled' || order.status === 'refunded') return out;

  // Nothing more is ever charged for this order.
  await tx.update(t.installments).set({ status: 'cancelled' })
    .where(and(eq(t.installments.orgId, orgId), eq(t.installments.orderId, order.id), inArray(t.installments.status, ['scheduled', 'failed', 'overdue'])));

  const reason = `${input.by} cancellation (${input.fault})`;
  if (quote.refund > 0) out.refunds.push(...await refundMoney(tx, { now, config }, order, booking.id, quote.refund, reason));
  if (quote.credits_back > 0) out.refunds.push(await refundCredits(tx, { now, config }, order, booking.customerId, booking.id, quote.credits_back, reason));
  out.credit_note = await issueCreditNote(tx, orgId, order.id, quote, now, config.publicOrigin);
  const retained = quote.paid - quote.refund;
  await tx.update(t.orders).set({ status: quote.method === 'money' && quote.paid > 0 && retained === 0 ? 'refunded' : 'cancelled', updatedAt: now })
    .where(and(eq(t.orders.orgId, orgId), eq(t.orders.id, order.id)));
  await recordEvent(tx, { orgId, type: 'booking.settled', subjectId: booking.id, payload: { ...out, lines: undefined } }, { now, config });
  return out;
}

/**
 * The credit note for what the invoice no longer claims: the whole invoice less what the studio
 * keeps and what the customer still owes. An unpaid QR-bill is voided by it. None without an invoice.
 */
async function issueCreditNote(tx: Tx, orgId: string, orderId: string, quote: CancellationQuote, now: Date, publicOrigin: string): Promise<SettlementOut['credit_note']> {
  if (quote.method !== 'money') return null;
  const [invoice] = await tx.select().from(t.invoices).where(and(eq(t.invoices.orgId, orgId), eq(t.invoices.orderId, orderId)));
  if (!invoice) return null;
  const order = (await orderRow(tx, orgId, orderId))!;
  const retained = quote.paid - quote.refund;
  const credited = order.total - retained - quote.balance_due;
  if (credited <= 0) return null;
  const detail = await orderDetail(tx, orgId, order);
  const rates = creditNoteRates(credited, itemsVatByRate(detail.items, order.currency).map((r) => ({ rateBp: r.rateBp, gross: r.gross.amount })));
  const [counter] = await tx.execute(sql`
    insert into credit_note_counters (org_id, last_number) values (${orgId}::uuid, 1)
    on conflict (org_id) do update set last_number = credit_note_counters.last_number + 1
    returning last_number`).then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { last_number: number }[]);
  const number = Number(counter!.last_number);
  const [note] = await tx.insert(t.creditNotes).values({
    orgId, orderId, invoiceId: invoice.id, number, currency: order.currency, total: credited, vatTotal: rates.reduce((a, r) => a + r.vat, 0),
    reason: quote.paid === 0 ? 'unpaid invoice cancelled' : `refund after ${quote.by} cancellation`, issuedAt: now,
    snapshot: { invoice_number: invoice.number, rates, lines: quote.lines, paid: quote.paid, refund: quote.refund, kept: retained, balance_due: quote.balance_due },
  }).returning({ id: t.creditNotes.id });
  return { number, pdf_url: creditNotePdfUrl(publicOrigin, note!.id) };
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
  const order = booking.orderId ? await orderRow(tx, orgId, booking.orderId, true) : undefined;
  const reason = `session ${quote.lines[0]!.seq} cancelled late by the ${input.by}`;
  if (order && quote.refund > 0) out.refunds.push(...await refundMoney(tx, { now, config }, order, booking.id, quote.refund, reason));
  if (order && quote.credits_back > 0) out.refunds.push(await refundCredits(tx, { now, config }, order, booking.customerId, booking.id, quote.credits_back, reason));
  await recordEvent(tx, {
    orgId, type: 'session.cancelled', subjectId: booking.id,
    payload: { session_id: input.sessionId, action: quote.action, by: input.by, fault: input.fault, refund: quote.refund, fee: quote.fee, credits_back: quote.credits_back },
  }, { now, config });
  return out;
}
