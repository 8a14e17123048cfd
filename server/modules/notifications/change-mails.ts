/**
 * Telling the customer that their booking changed: a session moved, or the booking was
 * cancelled. The mail is queued in the transaction that makes the change (the outbox), so it
 * exists exactly when the change commits, and its dedupe key makes a repeat a no-op.
 *
 * Who hears what:
 * - A confirmed booking has sent a calendar file with the confirmation, so every change
 *   comes with one: the moved session as METHOD:REQUEST with its raised SEQUENCE, or the
 *   cancelled sessions as METHOD:CANCEL.
 * - A reserved booking whose customer reached checkout (it has an order: a QR-bill to pay,
 *   a card payment under way) hears of a cancellation, without a calendar file.
 * - A reservation that never reached checkout hears nothing; a move while reserved is the
 *   customer's own action in the widget, and the confirmation lists the final times.
 */
import type { Tx } from '../../platform/db/database.ts';
import type { AppConfig } from '../../deps.ts';
import { bookingCancelledMail, seriesMovedMail, sessionMovedMail, type MailSession } from './domain/booking-mails.ts';
import { noShowMail, refundGivenMail, staffCancellationMail } from './domain/settlement-mails.ts';
import type { SettlementMailData } from './domain/settlement-lines.ts';
import { enqueueMail, type MailAttachmentInput } from './outbox.mutations.ts';
import { loadBookingContext, orderRow, type BookingRow } from '../billing/index.ts';
import { bookingIcs, bookingMailBase, cancelledSessionsIcs, manageUrlFor, staffWords } from './mail-data.ts';

export interface ChangeMailEnv { config: AppConfig; now: Date }

/** Whether the customer holds the booking's sessions in their calendar (a confirmation went out). */
export function sentCalendar(booking: Pick<BookingRow, 'status'>): boolean {
  return booking.status === 'confirmed' || booking.status === 'in_progress';
}

/**
 * After `sessionId` moved from `previousStart` (its row already updated, revision raised):
 * the mail with the session's new time and its calendar update. Runs as `system`.
 */
export async function queueSessionMovedMail(tx: Tx, env: ChangeMailEnv, orgId: string, booking: BookingRow, sessionId: string, previousStart: Date): Promise<void> {
  if (!sentCalendar(booking)) return;
  const ctx = await loadBookingContext(tx, orgId, booking);
  const session = ctx.sessions.find((s) => s.id === sessionId);
  if (!session?.startsAt || !session.endsAt) throw new Error(`session ${sessionId} is not scheduled after its move`);
  const manage = await manageUrlFor(tx, ctx, env.config, env.now);
  const mail = sessionMovedMail({ ...bookingMailBase(ctx, manage), session: { seq: session.seq, startsAt: session.startsAt, endsAt: session.endsAt }, previousStart });
  const ics = bookingIcs(ctx, manage, env.now, [sessionId]);
  await enqueueMail(tx, {
    orgId,
    dedupeKey: `booking:${booking.id}:reschedule:${sessionId}:${session.revision}`,
    to: ctx.customer.email,
    ...mail,
    attachments: ics,
  });
}

/**
 * After several sessions moved together (their rows already updated, revisions raised): one mail
 * with their new times and one calendar update per session. Runs as `system`.
 */
export async function queueSeriesMovedMail(tx: Tx, env: ChangeMailEnv, orgId: string, booking: BookingRow, sessionIds: string[]): Promise<void> {
  if (!sentCalendar(booking)) return;
  const ctx = await loadBookingContext(tx, orgId, booking);
  const moved = ctx.sessions.filter((s) => sessionIds.includes(s.id) && s.startsAt && s.endsAt);
  if (!moved.length) return;
  const manage = await manageUrlFor(tx, ctx, env.config, env.now);
  const mail = seriesMovedMail({ ...bookingMailBase(ctx, manage), sessions: moved.map((s) => ({ seq: s.seq, startsAt: s.startsAt!, endsAt: s.endsAt! })) });
  await enqueueMail(tx, {
    orgId,
    dedupeKey: `booking:${booking.id}:series:${moved.map((s) => `${s.id.slice(0, 8)}.${s.revision}`).join(',')}`,
    to: ctx.customer.email,
    ...mail,
    attachments: bookingIcs(ctx, manage, env.now, moved.map((s) => s.id)),
  });
}

/** What a settlement recorded (`booking.settled`, `session.no_show_settled`) that the mails tell. */
export type SettledPayload = {
  refund: number;
  fee: number;
  credits_back: number;
  balance_due: number;
  currency: string;
  refunds: { id: string; amount: number; status: string; provider: string }[];
  credit_note: { id?: string; number: string | number; pdf_url: string | null } | null;
  fee_collection?: { amount: number; collection: 'charge' | 'balance' } | null;
  fees?: { seq: number; rule: string; fee: number }[];
  paid?: number;
};

/** The settlement as the mail composers take it. */
export function settlementMailData(p: SettledPayload, paid: number, manageUrl?: string): SettlementMailData {
  // A bank refund waits for the customer's account: the booking's page opens at its form.
  const bank = p.refunds.find((r) => r.provider === 'bank_transfer');
  let refundAccountUrl: string | null = null;
  if (bank && manageUrl) {
    const url = new URL(manageUrl);
    url.searchParams.set('refund', bank.id);
    refundAccountUrl = url.toString();
  }
  return {
    refundAccountUrl,
    currency: p.currency, paid,
    refunds: p.refunds.filter((r) => r.provider !== 'credits').map((r) => ({ amount: r.amount, provider: r.provider })),
    creditsBack: p.credits_back, fees: p.fees ?? [],
    feeCollection: p.fee_collection ? { amount: p.fee_collection.amount, collection: p.fee_collection.collection } : null,
    creditNote: p.credit_note ? { number: String(p.credit_note.number) } : null,
  };
}

/** The credit note's PDF, rendered when the mail is sent. */
function creditNoteAttachment(p: SettledPayload): MailAttachmentInput[] {
  return p.credit_note?.id ? [{ filename: `credit-note-${p.credit_note.number}.pdf`, contentType: 'application/pdf', render: { kind: 'credit_note_pdf', credit_note_id: p.credit_note.id } }] : [];
}

/**
 * After the booking was cancelled and settled: to the customer, the sessions that were still ahead
 * (`cancelled`, as they were before) with the calendar files removing them, and what the
 * settlement gave back (how and when), kept and still claims, with the credit note attached; to the
 * studio, the same figures and what is theirs to do (a bank refund to transfer). Runs as `system`.
 */
export async function queueCancellationMail(tx: Tx, env: ChangeMailEnv, orgId: string, booking: BookingRow, cancelled: (MailSession & { id: string; revision: number })[], settled?: SettledPayload & { by: 'customer' | 'staff'; fault: 'policy' | 'studio' }): Promise<void> {
  const calendar = sentCalendar(booking);
  if (!calendar && !booking.orderId) return;
  const [ctx, order] = await Promise.all([
    loadBookingContext(tx, orgId, booking),
    booking.orderId ? orderRow(tx, orgId, booking.orderId) : Promise.resolve(undefined),
  ]);
  const ics = calendar ? cancelledSessionsIcs(ctx, cancelled, env.now) : [];
  const paid = settled?.paid ?? order?.amountPaid ?? 0;
  const manage = await manageUrlFor(tx, ctx, env.config, env.now);
  const settlement = settled && order ? settlementMailData(settled, paid, manage) : undefined;
  const mail = bookingCancelledMail({
    ...bookingMailBase(ctx, manage),
    sessions: cancelled,
    calendarAttached: ics.length > 0,
    paid: order ? { amount: order.amountPaid, currency: order.currency } : null,
    settlement,
  });
  const documents = settled ? creditNoteAttachment(settled) : [];
  await enqueueMail(tx, {
    orgId,
    dedupeKey: `booking:${booking.id}:cancel`,
    to: ctx.customer.email,
    ...mail,
    attachments: [...ics, ...documents],
  });
  if (!settled || !settlement) return;
  const staff = staffCancellationMail({
    ...staffWords(ctx), customer: { name: ctx.customer.name, email: ctx.customer.email }, program: { title: ctx.program.title },
    variant: { name: ctx.variant.name }, studio: { name: ctx.org.name }, by: settled.by, fault: settled.fault, settlement,
  });
  await enqueueMail(tx, { orgId, dedupeKey: `booking:${booking.id}:cancel:staff`, to: ctx.org.billing?.email ?? ctx.instructor.email, ...staff, attachments: documents });
}

/** After a no-show was settled with money moving or owed: the customer hears what it cost; the credit note attached when one was issued. */
export async function queueNoShowMail(tx: Tx, env: ChangeMailEnv, orgId: string, booking: BookingRow, sessionId: string, settled: SettledPayload): Promise<void> {
  const moved = settled.refunds.length > 0 || settled.credits_back > 0 || settled.fee > 0 || settled.balance_due > 0;
  if (!moved) return;
  const ctx = await loadBookingContext(tx, orgId, booking);
  const session = ctx.sessions.find((s) => s.id === sessionId);
  if (!session?.startsAt) return;
  const order = booking.orderId ? await orderRow(tx, orgId, booking.orderId) : undefined;
  const manage = await manageUrlFor(tx, ctx, env.config, env.now);
  const mail = noShowMail({
    ...bookingMailBase(ctx, manage),
    session: { seq: session.seq, startsAt: session.startsAt }, settlement: settlementMailData(settled, settled.paid ?? order?.amountPaid ?? 0, manage),
  });
  await enqueueMail(tx, { orgId, dedupeKey: `booking:${booking.id}:no_show:${sessionId}`, to: ctx.customer.email, ...mail, attachments: creditNoteAttachment(settled) });
}

/** What a refund staff gave outside a cancellation recorded (`booking.refunded`) that the customer's mail tells. */
export type RefundGivenPayload = {
  amount: number;
  currency: string;
  refunds?: { id: string; amount: number; status: string; provider: string }[];
  credit_note?: SettledPayload['credit_note'];
};

/**
 * After staff refunded money while the booking goes on: the customer hears how much, how and when
 * (a bank refund links the portal's form for the account), with the credit note attached. Keyed by
 * the first refund row, so a repeat queues nothing more. Runs as `system`.
 */
export async function queueRefundGivenMail(tx: Tx, env: ChangeMailEnv, orgId: string, booking: BookingRow, given: RefundGivenPayload): Promise<void> {
  const refunds = given.refunds ?? [];
  if (!refunds.length || given.amount <= 0) return;
  const ctx = await loadBookingContext(tx, orgId, booking);
  const manage = await manageUrlFor(tx, ctx, env.config, env.now);
  const settled: SettledPayload = { refund: given.amount, fee: 0, credits_back: 0, balance_due: 0, currency: given.currency, refunds, credit_note: given.credit_note ?? null };
  const mail = refundGivenMail({ ...bookingMailBase(ctx, manage), amount: given.amount, settlement: { ...settlementMailData(settled, 0, manage), paid: given.amount } });
  await enqueueMail(tx, { orgId, dedupeKey: `booking:${booking.id}:refund:${refunds[0]!.id}`, to: ctx.customer.email, ...mail, attachments: creditNoteAttachment(settled) });
}
