import * as v from 'valibot';
import { Id, singleLine } from './common.ts';
import { OrderOut } from './checkout.ts';

/** GET /v1/admin/orders?reference=…: a QR-bill reference (QRR or RF…, spaces allowed) or an invoice number. */
export const OrdersQuery = v.object({
  reference: v.pipe(v.string('is required'), v.trim(), singleLine(), v.minLength(1, 'is required'), v.maxLength(64, 'must be at most 64 characters')),
});
export type OrdersQuery = v.InferOutput<typeof OrdersQuery>;

export const RefundParams = v.object({ id: Id });
export const CreditNoteParams = v.object({ id: Id });

/** POST /v1/admin/refunds/:id/transfers: the outgoing bank transfer of a pending bank refund, done. */
export const RefundTransferBody = v.object({
  /** Must equal the refund's amount (minor units): a bank refund is sent in one transfer. */
  amount: v.pipe(v.number('must be a number'), v.safeInteger('must be an integer amount in minor units'), v.minValue(1, 'must be positive')),
  /** The bank's reference of the outgoing transfer (e-banking order number, camt entry). */
  reference: v.pipe(v.string('is required'), v.trim(), singleLine(), v.minLength(1, 'is required'), v.maxLength(140)),
});
export type RefundTransferBody = v.InferOutput<typeof RefundTransferBody>;

export const AdminPaymentOut = v.object({
  id: Id,
  method: v.string(),
  status: v.picklist(['pending', 'succeeded', 'failed', 'refunded']),
  amount: v.number(),
  currency: v.string(),
  provider: v.string(),
  /** The bank reference staff recorded for a transfer. */
  reference: v.nullable(v.string()),
  installment_id: v.nullable(Id),
  failure_reason: v.nullable(v.string()),
  succeeded_at: v.nullable(v.string()),
  created_at: v.string(),
});

export const AdminInstallmentOut = v.object({
  id: Id, seq: v.number(), due_at: v.string(), amount: v.number(), currency: v.string(),
  status: v.picklist(['scheduled', 'paid', 'failed', 'overdue', 'cancelled']), attempts: v.number(), paid_at: v.nullable(v.string()),
});

export const AdminRefundOut = v.object({
  id: Id,
  /** `provider`: back through the payment's provider (a job after commit); `bank_transfer`: staff send it from the bank; `credits`: back to the ledger. */
  kind: v.picklist(['provider', 'bank_transfer', 'credits']),
  /** `pending_transfer`: a bank refund waiting for staff to send and record the transfer (POST /v1/admin/refunds/:id/transfers). */
  status: v.picklist(['pending', 'pending_transfer', 'succeeded', 'failed']),
  amount: v.number(),
  /** Class credits given back (kind `credits`). */
  credits: v.number(),
  currency: v.string(),
  payment_id: v.nullable(Id),
  booking_id: v.nullable(Id),
  reason: v.string(),
  transfer_reference: v.nullable(v.string()),
  /** For a bank refund: where it goes, as the customer gave it in the portal (null until given). */
  account: v.optional(v.nullable(v.object({ holder: v.string(), iban: v.string(), given_at: v.string() }))),
  completed_at: v.nullable(v.string()),
  created_at: v.string(),
});

export const AdminInvoiceOut = v.object({
  id: Id, number: v.number(), issued_at: v.string(), reference: v.nullable(v.string()), reference_type: v.nullable(v.string()),
  /** The invoice PDF for staff (GET /v1/admin/invoices/:id.pdf). */
  pdf_url: v.string(),
});

export const AdminCreditNoteOut = v.object({
  id: Id,
  /** As printed: the studio's prefix, CN, the year and the gapless integer (`FLOW-CN-2026-0001`). */
  number: v.string(),
  /** The gapless integer of the studio's credit-note series. */
  sequence: v.number(),
  invoice_id: v.nullable(Id),
  invoice_number: v.nullable(v.number()),
  currency: v.string(),
  /** Gross credited, VAT included, minor units (positive: read as credited). */
  total: v.number(),
  vat_total: v.number(),
  reason: v.string(),
  issued_at: v.string(),
  /** GET /v1/admin/credit-notes/:id.pdf */
  pdf_url: v.string(),
});

export const AdminOrderOut = v.object({
  ...OrderOut.entries,
  booking_id: v.nullable(Id),
  customer: v.nullable(v.object({ id: Id, name: v.string(), email: v.string() })),
  created_at: v.string(),
  payments: v.array(AdminPaymentOut),
  installments: v.array(AdminInstallmentOut),
  refunds: v.array(AdminRefundOut),
  invoices: v.array(AdminInvoiceOut),
  credit_notes: v.array(AdminCreditNoteOut),
  /** Money refunds done (succeeded), minor units. */
  refunded: v.number(),
  /** Money refunds still to leave: with the provider, or bank refunds pending the transfer. */
  refunds_pending: v.number(),
  /** What the credit notes took off the invoice. */
  credited: v.number(),
  /**
   * What the customer still owes: `total − credited − (amount_paid − refunded − refunds_pending)`.
   * Refunds pending count as gone, so a settled cancellation is 0; negative when the studio holds
   * more than the order still claims (a failed refund, for instance): that much is owed back.
   */
  balance_due: v.number(),
});
export type AdminOrderOut = v.InferOutput<typeof AdminOrderOut>;

export const OrdersOut = v.object({ orders: v.array(AdminOrderOut) });

export const RefundTransferResponse = v.object({
  refund: AdminRefundOut,
  order: AdminOrderOut,
});
export type RefundTransferResponse = v.InferOutput<typeof RefundTransferResponse>;
