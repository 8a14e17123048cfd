import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { creditNoteDocument, invoiceDocumentById, renderCreditNotePdf, renderInvoicePdf } from '../../modules/billing/index.ts';
import { problemResponses } from '../openapi-shared.ts';
import { pdfId, sendPdf } from '../shapes/pdf.ts';

const pdfResponses = { 200: { description: 'application/pdf' }, ...problemResponses(400, 401, 404) };

/**
 * Credit notes and invoices as PDF for staff. The document is read as the staff member (owners and
 * managers; an instructor's policies show no money: 404) and drawn after that transaction closed.
 */
export function adminDocumentRoutes(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .get('/credit-notes/:file',
      describeRoute({
        tags: ['admin'], summary: 'A credit note as PDF (`/v1/admin/credit-notes/<id>.pdf`)',
        description: 'The `pdf_url` of a credit note in the order answer and in a cancellation\'s settlement. In the language and with the parties '
          + 'of the invoice it corrects: its number, the invoice\'s number and date, the credited lines and the VAT per rate reversed, as negative '
          + 'amounts; no payment part. Owners and managers; 404 for an instructor\'s key or another studio\'s credit note.',
        security: [{ secretKey: [] }],
        responses: pdfResponses,
      }),
      async (c) => {
        const staff = c.get('staff');
        const id = pdfId(c.req.param('file'));
        const doc = await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, (tx) => creditNoteDocument(tx, staff.orgId, id));
        if (!doc) throw new AppError('not_found', 'No such credit note.');
        return sendPdf(c, `credit-note-${doc.number}.pdf`, await renderCreditNotePdf(doc));
      })
    .get('/invoices/:file',
      describeRoute({
        tags: ['admin'], summary: 'An invoice as PDF (`/v1/admin/invoices/<id>.pdf`)',
        description: 'The `pdf_url` of an invoice in the order answer: the invoice as issued, with what is paid, and the QR-bill payment part while '
          + 'something is due on a QR-bill invoice. Owners and managers; 404 for an instructor\'s key or another studio\'s invoice.',
        security: [{ secretKey: [] }],
        responses: pdfResponses,
      }),
      async (c) => {
        const staff = c.get('staff');
        const id = pdfId(c.req.param('file'));
        const doc = await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, (tx) => invoiceDocumentById(tx, staff.orgId, id));
        if (!doc) throw new AppError('not_found', 'No such invoice.');
        return sendPdf(c, `invoice-${doc.number}.pdf`, await renderInvoicePdf(doc.snapshot, { amountPaid: doc.amountPaid }));
      });
}
