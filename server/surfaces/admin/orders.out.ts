/** Staff's order answers, shaped from the billing module's views (the order itself has the embed's shape today). */
import type { RecordPaymentResponse } from '../../../schema/api/checkout.ts';
import type { AdminOrderOut, RefundTransferResponse } from '../../../schema/api/admin-orders.ts';
import { orderOut } from '../shapes/order.out.ts';
import {
  creditNoteLabel, creditNotePdfUrl, staffInvoicePdfUrl,
  type OrderDetail, type RefundRow, type RefundTransferred, type StaffOrderView, type TransferRecorded,
} from '../../modules/billing/index.ts';

type RefundOut = AdminOrderOut['refunds'][number];

/** The answer to a recorded bank transfer: the payment, the order after it and the booking's status. */
export function recordPaymentOut(r: TransferRecorded): RecordPaymentResponse {
  return {
    payment: { id: r.paymentId, amount: r.amount, currency: r.currency, method: 'bank_transfer', reference: r.reference, status: 'succeeded' },
    order: orderOut(r.order, r.lang),
    booking: r.booking,
    overpayment: r.overpayment ? { amount: r.overpayment.amount, refund: { id: r.overpayment.refund.id, amount: r.overpayment.refund.amount, status: r.overpayment.refund.status } } : null,
  };
}

/** A refund as staff see it: a bank refund still waiting for its transfer is `pending_transfer`. */
export function refundOut(r: RefundRow): RefundOut {
  return {
    id: r.id,
    kind: r.kind as RefundOut['kind'],
    status: r.status === 'pending' && r.kind === 'bank_transfer' ? 'pending_transfer' : r.status === 'refunded' ? 'succeeded' : r.status,
    amount: r.amount,
    credits: r.credits,
    currency: r.currency,
    payment_id: r.paymentId,
    booking_id: r.bookingId,
    reason: r.reason,
    transfer_reference: r.transferReference,
    account: r.iban && r.accountHolder && r.accountGivenAt ? { holder: r.accountHolder, iban: r.iban, given_at: r.accountGivenAt.toISOString() } : null,
    completed_at: r.completedAt?.toISOString() ?? null,
    created_at: r.createdAt.toISOString(),
  };
}

/** An order with its payments, installments, refunds, invoices and credit notes (their PDF links on `publicOrigin`) and what is still owed. */
export function adminOrderOut(v: StaffOrderView, publicOrigin: string): AdminOrderOut {
  const { order, detail, payments, refunds, invoices, creditNotes } = v;
  return {
    ...orderOut(detail, v.lang),
    booking_id: order.bookingId,
    customer: v.customer,
    created_at: order.createdAt.toISOString(),
    payments: payments.map((p) => ({
      id: p.id, method: p.method, status: p.status, amount: p.amount, currency: p.currency, provider: p.provider, reference: p.reference,
      installment_id: p.installmentId, failure_reason: p.failureReason, succeeded_at: p.succeededAt?.toISOString() ?? null, created_at: p.createdAt.toISOString(),
    })),
    installments: detail.installments.map((i) => ({
      id: i.id, seq: i.seq, due_at: i.dueAt.toISOString(), amount: i.amount, currency: i.currency, status: i.status, attempts: i.attempts, paid_at: i.paidAt?.toISOString() ?? null,
    })),
    refunds: refunds.map(refundOut),
    invoices: invoices.map((i) => ({
      id: i.id, number: i.number, issued_at: i.issuedAt.toISOString(), reference: i.reference, reference_type: i.referenceType, pdf_url: staffInvoicePdfUrl(publicOrigin, i.id),
    })),
    credit_notes: creditNotes.map(({ note, invoiceNumber }) => ({
      id: note.id, number: creditNoteLabel(note), sequence: note.number, invoice_id: note.invoiceId, invoice_number: invoiceNumber, currency: note.currency, total: note.total, vat_total: note.vatTotal,
      reason: note.reason, issued_at: note.issuedAt.toISOString(), pdf_url: creditNotePdfUrl(publicOrigin, note.id),
    })),
    refunded: v.refunded,
    refunds_pending: v.refundsPending,
    credited: v.credited,
    balance_due: v.balanceDue,
  };
}

/** The answer to a recorded refund transfer: the refund and its order after it. */
export function refundTransferOut(r: RefundTransferred, publicOrigin: string): RefundTransferResponse {
  return { refund: refundOut(r.refund), order: adminOrderOut(r.order, publicOrigin) };
}
