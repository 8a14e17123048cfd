/**
 * The mails a booking's money brings: confirmation (with the calendar file and the invoice),
 * the QR-bill to pay, money that came after the booking was cancelled, an installment that
 * failed or is overdue. Each is queued in the outbox of the transaction that records the
 * event (subscribers.ts); the mail job sends it after commit. Dedupe keys make repeats no-ops.
 */
import type { Tx } from '../../platform/db/database.ts';
import type { AppConfig } from '../../deps.ts';
import { invoiceLink as opaqueInvoiceLink } from '../bookings/index.ts';
import { confirmationMail, installmentFailedMail, installmentOverdueMail, installmentOverdueStaffMail, latePaymentMail, latePaymentStaffMail, overpaidMail, overpaidStaffMail, qrBillMail, type InstallmentMailData } from './domain/booking-mails.ts';
import { enqueueMail } from './outbox.mutations.ts';
import { feeDeclinedMail, feeDeclinedStaffMail } from './domain/settlement-mails.ts';
import { bookingIcs, bookingMailData, customerWords, manageUrlFor, staffWords } from './mail-data.ts';
import { customerZone, invoiceLabel, invoiceOfOrder, loadBookingContext, orderDetail, orderRow, type BookingContext } from '../billing/index.ts';
import { AppError } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record.ts';
import type { BookingRow } from '../bookings/index.ts';
import { bookingById } from '../bookings/index.ts';

interface MailEnv { config: AppConfig; now: Date }

async function contextOf(tx: Tx, orgId: string, bookingId: string): Promise<BookingContext> {
  const booking = await bookingById(tx, orgId, bookingId);
  if (!booking) throw new Error(`booking ${bookingId} vanished`);
  return loadBookingContext(tx, orgId, booking);
}

function invoiceLink(tx: Tx, env: MailEnv, orgId: string, bookingId: string): Promise<string> {
  return opaqueInvoiceLink(tx, env, orgId, bookingId);
}

/**
 * booking.confirmed: the confirmation with the calendar file and the invoice (rendered when sent).
 * `resend` (the id of a booking.confirmation_resent event) makes it a new mail instead of the first one again.
 */
export async function queueConfirmationMail(tx: Tx, env: MailEnv, orgId: string, bookingId: string, invoice: { id: string; number: string }, resend?: string): Promise<void> {
  const ctx = await contextOf(tx, orgId, bookingId);
  const detail = await orderDetail(tx, orgId, (await orderRow(tx, orgId, ctx.booking.orderId!))!);
  const manage = await manageUrlFor(tx, ctx, env.config, env.now);
  const mail = confirmationMail(bookingMailData(ctx, detail, manage, { number: invoice.number, url: await invoiceLink(tx, env, orgId, bookingId) }));
  const ics = bookingIcs(ctx, manage, env.now);
  await enqueueMail(tx, {
    orgId,
    dedupeKey: resend ? `booking:${bookingId}:confirmation:resend:${resend}` : `booking:${bookingId}:confirmation`,
    to: ctx.customer.email,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    attachments: [
      ...ics,
      { filename: `invoice-${invoice.number}.pdf`, contentType: 'application/pdf', render: { kind: 'invoice_pdf', invoice_id: invoice.id, amount_paid: detail.order.amountPaid } },
    ],
  });
}

/**
 * Staff send the confirmation again (the customer lost it, or wrote from another address and it was
 * corrected): a confirmed, running or completed booking with an invoice. Records
 * booking.confirmation_resent; its subscriber queues a new mail with the calendar file as it stands
 * now (moved sessions at their new times) and the invoice. A reserved or cancelled booking is refused.
 */
export async function resendConfirmation(tx: Tx, env: MailEnv, orgId: string, booking: BookingRow): Promise<{ invoice_number: string }> {
  if (!['confirmed', 'in_progress', 'completed'].includes(booking.status)) {
    throw new AppError('invalid_state', `A ${booking.status.replace('_', ' ')} booking has no confirmation to send.`);
  }
  const invoice = await invoiceOfOrder(tx, orgId, booking.orderId);
  if (!invoice) throw new AppError('invalid_state', 'This booking has no invoice, so no confirmation was ever sent.');
  const label = invoiceLabel(invoice.snapshot);
  await recordEvent(tx, { orgId, type: 'booking.confirmation_resent', subjectId: booking.id, payload: { order_id: booking.orderId, invoice_id: invoice.id, invoice_label: label } }, env);
  return { invoice_number: label };
}

/**
 * invoice.issued with a QR-bill or an EPC QR transfer: the invoice to pay by the hold's end.
 * The invoice (PDF attached, amount, number, bank details) is mailed only to an address the
 * customer proved (`Tandem-Identity` at checkout): otherwise the studio's branded invoice would go
 * to whatever address anyone typed. Without proof the mail says only that the times are reserved
 * and that the invoice is where they booked (the widget shows it and its download link).
 */
export async function queueQrBillMail(tx: Tx, env: MailEnv, orgId: string, bookingId: string, orderId: string, invoice: { id: string; number: string }, holdUntil: Date, method: 'qr_bill' | 'bank_transfer' = 'qr_bill', proven = false): Promise<void> {
  const ctx = await contextOf(tx, orgId, bookingId);
  const detail = await orderDetail(tx, orgId, (await orderRow(tx, orgId, orderId))!);
  const url = await invoiceLink(tx, env, orgId, bookingId);
  const mail = qrBillMail({ ...bookingMailData(ctx, detail, await manageUrlFor(tx, ctx, env.config, env.now), { number: invoice.number, url }), invoice: { number: invoice.number, url }, holdUntil, method, proven });
  await enqueueMail(tx, {
    orgId, dedupeKey: `order:${orderId}:qr_bill`, to: ctx.customer.email, subject: mail.subject, text: mail.text, html: mail.html,
    attachments: proven ? [{ filename: `invoice-${invoice.number}.pdf`, contentType: 'application/pdf', render: { kind: 'invoice_pdf', invoice_id: invoice.id, amount_paid: 0 } }] : [],
  });
}

/** payment.after_cancellation: the booking stays cancelled though paid; the customer and the studio hear of it, once per order. */
export async function queueLatePaymentMails(tx: Tx, orgId: string, bookingId: string, orderId: string, amountPaid: number, currency: string, voided = false): Promise<void> {
  const ctx = await contextOf(tx, orgId, bookingId);
  const data = {
    ...customerWords(ctx), customer: { name: ctx.customer.name, email: ctx.customer.email }, studio: { name: ctx.org.name },
    program: { title: ctx.program.title }, amount: amountPaid, currency, voided,
  };
  await enqueueMail(tx, { orgId, dedupeKey: `order:${orderId}:late_payment`, to: ctx.customer.email, ...latePaymentMail(data) });
  await enqueueMail(tx, {
    orgId, dedupeKey: `order:${orderId}:late_payment:staff`, to: ctx.org.billing?.email ?? ctx.instructor.email,
    ...latePaymentStaffMail({ ...data, ...staffWords(ctx) }),
  });
}

/**
 * payment.overpaid: a payment of more than was due. A transfer's excess: the customer is asked where it
 * goes, the studio what to do; a card's: both are told it goes back to the card by itself. Once per payment.
 */
export async function queueOverpaidMails(tx: Tx, env: MailEnv, orgId: string, bookingId: string, p: { paymentId: string; refundId: string | undefined; amount: number; excess: number; currency: string; reference: string; refundKind?: 'bank_transfer' | 'provider' | undefined }): Promise<void> {
  const ctx = await contextOf(tx, orgId, bookingId);
  // The booking's page, opened at the refund's account form.
  const account = new URL(await manageUrlFor(tx, ctx, env.config, env.now));
  if (p.refundId) account.searchParams.set('refund', p.refundId);
  const data = {
    ...customerWords(ctx), customer: { name: ctx.customer.name, email: ctx.customer.email }, studio: { name: ctx.org.name },
    program: { title: ctx.program.title }, amount: p.amount, excess: p.excess, currency: p.currency, reference: p.reference, accountUrl: account.toString(), refundKind: p.refundKind,
  };
  await enqueueMail(tx, { orgId, dedupeKey: `payment:${p.paymentId}:overpaid`, to: ctx.customer.email, ...overpaidMail(data) });
  await enqueueMail(tx, {
    orgId, dedupeKey: `payment:${p.paymentId}:overpaid:staff`, to: ctx.org.billing?.email ?? ctx.instructor.email,
    ...overpaidStaffMail({ ...data, ...staffWords(ctx) }),
  });
}

export interface InstallmentFailure {
  installmentId: string;
  amount: number;
  currency: string;
  dueAt: Date;
  reason: string;
  attempts: number;
  nextAttemptAt: Date | null;
  overdue: boolean;
}

/** installment.failed / installment.overdue: the customer is asked to act; an overdue one tells the studio too. */
export async function queueInstallmentMails(tx: Tx, env: MailEnv, orgId: string, bookingId: string, f: InstallmentFailure): Promise<void> {
  const ctx = await contextOf(tx, orgId, bookingId);
  const data: InstallmentMailData = {
    ...customerWords(ctx), zone: customerZone(ctx), customer: { name: ctx.customer.name, email: ctx.customer.email },
    studio: { name: ctx.org.name }, program: { title: ctx.program.title }, amount: f.amount, currency: f.currency,
    dueAt: f.dueAt, reason: f.reason, attempts: f.attempts, nextAttemptAt: f.nextAttemptAt, manageUrl: await manageUrlFor(tx, ctx, env.config, env.now),
  };
  const mail = f.overdue ? installmentOverdueMail(data) : installmentFailedMail(data);
  await enqueueMail(tx, { orgId, dedupeKey: `installment:${f.installmentId}:attempt:${f.attempts}`, to: ctx.customer.email, ...mail });
  if (f.overdue) {
    const staffMail = installmentOverdueStaffMail({ ...data, ...staffWords(ctx) });
    await enqueueMail(tx, { orgId, dedupeKey: `installment:${f.installmentId}:overdue:staff`, to: ctx.org.billing?.email ?? ctx.instructor.email, ...staffMail });
  }
}

/** fee.failed: the fee charged to the saved card was declined; the customer gets the link to pay what is owed, the studio hears of it. Once per fee payment. */
export async function queueFeeDeclinedMails(tx: Tx, env: MailEnv, orgId: string, bookingId: string, f: { paymentId: string; amount: number; currency: string; reason: string }): Promise<void> {
  const ctx = await contextOf(tx, orgId, bookingId);
  const data = {
    ...customerWords(ctx), customer: { name: ctx.customer.name, email: ctx.customer.email }, studio: { name: ctx.org.name },
    program: { title: ctx.program.title }, variant: { name: ctx.variant.name }, amount: f.amount, currency: f.currency, reason: f.reason,
    payUrl: await manageUrlFor(tx, ctx, env.config, env.now),
  };
  await enqueueMail(tx, { orgId, dedupeKey: `fee:${f.paymentId}:declined`, to: ctx.customer.email, ...feeDeclinedMail(data) });
  await enqueueMail(tx, {
    orgId, dedupeKey: `fee:${f.paymentId}:declined:staff`, to: ctx.org.billing?.email ?? ctx.instructor.email,
    ...feeDeclinedStaffMail({ ...data, ...staffWords(ctx) }),
  });
}
