import type { Database } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import { renderInvoicePdf } from './invoice-pdf.ts';
import { invoiceDocumentById } from './invoices.queries.ts';

/** What an invoice attachment renders from: the invoice, and what had been paid when the mail was queued. */
export interface InvoiceAttachmentSpec { kind: 'invoice_pdf'; invoice_id: string; amount_paid: number }

/**
 * Renders an invoice PDF for a mail being sent: the snapshot is read in a short transaction,
 * the PDF drawn after it (never while a connection is held).
 */
export async function renderInvoiceAttachment(db: Database, orgId: string, spec: InvoiceAttachmentSpec): Promise<Buffer> {
  const doc = await withSystem(db, orgId, 'mail: render the invoice attached to a queued mail', (tx) => invoiceDocumentById(tx, orgId, spec.invoice_id));
  if (!doc) throw new Error(`invoice ${spec.invoice_id} not found`);
  return renderInvoicePdf(doc.snapshot, { amountPaid: spec.amount_paid });
}
