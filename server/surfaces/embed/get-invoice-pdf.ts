import { Hono, type Context } from 'hono';
import { describeRoute } from 'hono-openapi';
import { BookingParams } from '../../../schema/api/embed-bookings.ts';
import type { AppDeps, AppEnv } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { clientTokenOf } from '../../modules/bookings/index.ts';
import { invoiceForBooking, invoiceForBookingToken, renderInvoicePdf, type InvoiceDocument } from '../../modules/billing/index.ts';
import { openLink } from '../../modules/bookings/index.ts';

/** Renders after the transaction has closed: no PDF work while a connection is held. */
async function invoicePdf(doc: InvoiceDocument | undefined): Promise<{ number: number; pdf: Buffer }> {
  if (!doc) throw new AppError('not_found', 'This booking has no invoice yet.');
  return { number: doc.number, pdf: await renderInvoicePdf(doc.snapshot, { amountPaid: doc.amountPaid }) };
}

function sendPdf(c: Context, number: number, pdf: Buffer): Response {
  return c.body(new Uint8Array(pdf), 200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename="invoice-${number}.pdf"`,
    'Cache-Control': 'private, no-store',
  });
}

/** With the booking token header and the publishable key (mounted under /v1/embed). */
export function getInvoicePdfRoute(deps: AppDeps) {
  return new Hono<AppEnv>().get('/bookings/:id/invoice.pdf',
    describeRoute({
      tags: ['embed'], summary: 'The booking\'s invoice as PDF (with the Swiss QR-bill while unpaid)',
      description: 'Opened with `Tandem-Booking-Token`. Without any header, the opaque link `invoice.pdf_url` of the checkout answer and the mails opens it (`GET /v1/embed/invoices/<token>.pdf`).',
      security: [{ publishableKey: [] }],
      responses: { 200: { description: 'application/pdf' }, 404: { description: 'No such booking or no invoice yet' } },
    }),
    validate('param', BookingParams),
    async (c) => {
      const { orgId } = c.get('embed');
      const { id } = c.req.valid('param');
      const token = clientTokenOf(c.req.header('Tandem-Booking-Token'));
      const doc = await withCaller(deps.db, { orgId, role: 'anonymous' }, (tx) => invoiceForBookingToken(tx, orgId, id, token));
      const { number, pdf } = await invoicePdf(doc);
      return sendPdf(c, number, pdf);
    });
}

/**
 * The same PDF by its opaque link (`/v1/embed/invoices/<token>.pdf`), for `<a href download>`
 * and mails, which cannot send headers. The token names nothing; its row (link_tokens) says
 * which booking it opens, until when, and whether it was revoked. Mounted before the embed
 * router: it needs no key. Any link that is unknown, expired or revoked is the same 404.
 */
export function getInvoicePdfByLinkRoute(deps: AppDeps) {
  return new Hono<AppEnv>().get('/v1/embed/invoices/:file',
    describeRoute({
      tags: ['embed'], summary: 'An invoice PDF by its opaque download link',
      description: 'The `invoice.pdf_url` of a checkout answer or a mail; valid 30 days from when it was given, revocable. Needs no key.',
      responses: { 200: { description: 'application/pdf' }, 404: { description: 'Unknown, expired or revoked link' } },
    }),
    async (c) => {
      const match = /^([A-Za-z0-9_-]{43})\.pdf$/.exec(c.req.param('file'));
      const link = match ? await openLink(deps.db, match[1], 'invoice', deps.now()) : null;
      if (!link) throw new AppError('not_found', 'This invoice link is not valid (or has expired).');
      const { orgId, bookingId } = link;
      const doc = await withSystem(deps.db, orgId, 'invoice link: opaque token verified', (tx) => invoiceForBooking(tx, orgId, bookingId));
      const { number, pdf } = await invoicePdf(doc);
      return sendPdf(c, number, pdf);
    });
}
