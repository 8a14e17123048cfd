/** Staff's order answers, shaped from the billing module's views (the order itself has the embed's shape today). */
import type { OrderOut, RecordPaymentResponse } from '../../../schema/api/checkout.ts';
import type { AdminOrderOut, RefundTransferResponse } from '../../../schema/api/admin-orders.ts';
import type { Lang } from '../../../shared/format.ts';
import {
  creditNotePdfUrl, itemsVatByRate, ROUNDING_LABEL, staffInvoicePdfUrl,
  type OrderDetail, type RefundRow, type RefundTransferred, type StaffOrderView, type TransferRecorded,
} from '../../modules/billing/index.ts';

type RefundOut = AdminOrderOut['refunds'][number];

/** An order as staff see it: lines that add up to the total (a rounding line when there is one). */
export function orderOut(d: OrderDetail, lang: Lang): OrderOut {
  const { order, items } = d;
  const lines: OrderOut['lines'] = items.map((i) => ({
    description: i.description,
    quantity: i.quantity,
    unit_price: i.unitPrice,
    discount: i.discount,
    amount: i.amount,
    vat_rate: i.vatRateBp / 100,
    vat_rate_bp: i.vatRateBp,
    vat_amount: i.vatAmount,
    kind: 'item',
  }));
  if (order.roundingAdjustment !== 0) {
    lines.push({ description: ROUNDING_LABEL[lang], quantity: 1, unit_price: order.roundingAdjustment, discount: 0, amount: order.roundingAdjustment, vat_rate: 0, vat_rate_bp: 0, vat_amount: 0, kind: 'rounding' });
  }
  return {
    id: order.id,
    status: order.status,
    currency: order.currency,
    subtotal: order.subtotal,
    discount_total: order.discountTotal,
    discount: d.coupon,
    vat_total: order.vatTotal,
    rounding_adjustment: order.roundingAdjustment,
    total: order.total,
    amount_paid: order.amountPaid,
    amount_due: Math.max(0, order.total - order.amountPaid),
    lines,
    vat_by_rate: itemsVatByRate(items, order.currency).map((r) => ({ vat_rate_bp: r.rateBp, gross: r.gross.amount, net: r.net.amount, vat: r.vat.amount })),
    plan: d.plan
      ? { deposit: d.plan.deposit, installments: d.installments.map((i) => ({ seq: i.seq, due_at: i.dueAt.toISOString(), amount: i.amount, status: i.status })) }
      : null,
    credits: d.credits,
  };
}

/** The answer to a recorded bank transfer: the payment, the order after it and the booking's status. */
export function recordPaymentOut(r: TransferRecorded): RecordPaymentResponse {
  return {
    payment: { id: r.paymentId, amount: r.amount, currency: r.currency, method: 'bank_transfer', reference: r.reference, status: 'succeeded' },
    order: orderOut(r.order, r.lang),
    booking: r.booking,
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
      id: note.id, number: note.number, invoice_id: note.invoiceId, invoice_number: invoiceNumber, currency: note.currency, total: note.total, vat_total: note.vatTotal,
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
