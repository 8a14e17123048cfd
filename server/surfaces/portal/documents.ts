import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppDeps, PortalCaller, PortalEnv } from '../../deps.ts';
import type { Tx } from '../../platform/db/database.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { creditNoteDocument, invoiceDocumentById, renderCreditNotePdf, renderInvoicePdf } from '../../modules/billing/index.ts';
import { problemResponses } from '../openapi-shared.ts';
import { pdfId, sendPdf } from '../shapes/pdf.ts';
import { customerCaller } from './portal-action.ts';
import { portalBookingDetail } from './get-booking.ts';
import { portalSecurity } from './list-bookings.ts';

const pdfResponses = { 200: { description: 'application/pdf' }, ...problemResponses(400, 401, 404) };

/** A manage link opens the documents of its own booking only. */
async function withinLink(tx: Tx, deps: AppDeps, caller: PortalCaller, kind: 'invoices' | 'credit_notes', id: string): Promise<boolean> {
  if (caller.bookingId === null) return true;
  const money = (await portalBookingDetail(tx, deps, caller, caller.bookingId, deps.now())).money;
  return (money?.[kind] ?? []).some((d) => d.id === id);
}

/**
 * The customer's invoices and credit notes as PDF, read under the customer's own policies
 * (another customer's document is 404) and drawn after that transaction closed.
 */
export function documentRoutes(deps: AppDeps) {
  return new Hono<PortalEnv>()
    .get('/invoices/:file',
      describeRoute({ tags: ['portal'], summary: 'One of the customer\'s invoices as PDF (`/v1/portal/invoices/<id>.pdf`)', security: portalSecurity, responses: pdfResponses }),
      async (c) => {
        const caller = c.get('portal');
        const id = pdfId(c.req.param('file'));
        const doc = await withCaller(deps.db, customerCaller(caller), async (tx) =>
          (await withinLink(tx, deps, caller, 'invoices', id)) ? invoiceDocumentById(tx, caller.orgId, id) : undefined);
        if (!doc) throw new AppError('not_found', 'No such invoice.');
        return sendPdf(c, `invoice-${doc.number}.pdf`, await renderInvoicePdf(doc.snapshot, { amountPaid: doc.amountPaid }));
      })
    .get('/credit-notes/:file',
      describeRoute({ tags: ['portal'], summary: 'One of the customer\'s credit notes as PDF (`/v1/portal/credit-notes/<id>.pdf`)', security: portalSecurity, responses: pdfResponses }),
      async (c) => {
        const caller = c.get('portal');
        const id = pdfId(c.req.param('file'));
        const doc = await withCaller(deps.db, customerCaller(caller), async (tx) =>
          (await withinLink(tx, deps, caller, 'credit_notes', id)) ? creditNoteDocument(tx, caller.orgId, id) : undefined);
        if (!doc) throw new AppError('not_found', 'No such credit note.');
        return sendPdf(c, `credit-note-${doc.number}.pdf`, await renderCreditNotePdf(doc));
      });
}
