import type { Database } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import { renderInvoicePdf } from './invoice-pdf.ts';
import { invoiceDocumentById } from './invoices.queries.ts';
import { creditNoteDocument } from './credit-notes.queries.ts';
import { renderCreditNotePdf } from './credit-note-pdf.ts';

/** What a document attachment renders from: the invoice and what had been paid when the mail was queued, or the credit note. */
export type InvoiceAttachmentSpec = { kind: 'invoice_pdf'; invoice_id: string; amount_paid: number } | { kind: 'credit_note_pdf'; credit_note_id: string };

/**
 * Renders an invoice PDF for a mail being sent: the snapshot is read in a short transaction,
 * the PDF drawn after it (never while a connection is held).
 */
export async function renderInvoiceAttachment(db: Database, orgId: string, spec: InvoiceAttachmentSpec): Promise<Buffer> {
  if (spec.kind === 'credit_note_pdf') {
    const note = await withSystem(db, orgId, 'mail: render the credit note attached to a queued mail', (tx) => creditNoteDocument(tx, orgId, spec.credit_note_id));
    if (!note) throw new Error(`credit note ${spec.credit_note_id} not found`);
    return renderCreditNotePdf(note);
  }
  const doc = await withSystem(db, orgId, 'mail: render the invoice attached to a queued mail', (tx) => invoiceDocumentById(tx, orgId, spec.invoice_id));
  if (!doc) throw new Error(`invoice ${spec.invoice_id} not found`);
  return renderInvoicePdf(doc.snapshot, { amountPaid: spec.amount_paid });
}
