import { Hono, type Context } from 'hono';
import { describeRoute } from 'hono-openapi';
import { and, eq } from 'drizzle-orm';
import { BookingParams } from '../../../schema/api/embed-bookings.ts';
import * as t from '../../../schema/db/index.ts';
import type { AppDeps, AppEnv } from '../../deps.ts';
import type { Tx } from '../../platform/db/database.ts';
import { actAsSystem, withTenant } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { bookingById, bookingByToken } from '../../modules/bookings/bookings.queries.ts';
import { clientTokenOf } from '../../modules/bookings/tokens.ts';
import { renderInvoicePdf } from '../../modules/billing/invoice-pdf.ts';
import type { InvoiceSnapshot } from '../../modules/billing/invoice-snapshot.ts';
import { verifyInvoiceToken } from '../../platform/signed-tokens.ts';

/** The invoice of a booking's current order (`orderId`, read with the booking) as PDF; the QR-bill part while something is due. */
async function invoicePdf(tx: Tx, orgId: string, orderId: string | null | undefined): Promise<{ number: number; pdf: Buffer }> {
  if (!orderId) throw new AppError('not_found', 'This booking has no invoice yet.');
  const [row] = await tx.select({ invoice: t.invoices, amountPaid: t.orders.amountPaid }).from(t.invoices)
    .innerJoin(t.orders, and(eq(t.orders.orgId, t.invoices.orgId), eq(t.orders.id, t.invoices.orderId)))
    .where(and(eq(t.invoices.orgId, orgId), eq(t.invoices.orderId, orderId)));
  if (!row) throw new AppError('not_found', 'This booking has no invoice yet.');
  const pdf = await renderInvoicePdf(row.invoice.snapshot as unknown as InvoiceSnapshot, { amountPaid: row.amountPaid });
  return { number: row.invoice.number, pdf };
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
      description: 'Opened with `Tandem-Booking-Token`, or without any header by the signed link `invoice.pdf_url` of the checkout answer (`?t=…`, valid 30 days).',
      security: [{ publishableKey: [] }],
      responses: { 200: { description: 'application/pdf' }, 404: { description: 'No such booking or no invoice yet' } },
    }),
    validate('param', BookingParams),
    async (c) => {
      const { orgId } = c.get('embed');
      const { id } = c.req.valid('param');
      const token = clientTokenOf(c.req.header('Tandem-Booking-Token'));
      const { number, pdf } = await withTenant(deps.db, { orgId, role: 'anonymous' }, async (tx) => {
        await actAsSystem(tx);
        const booking = token ? await bookingByToken(tx, orgId, id, token) : undefined;
        if (!booking) throw new AppError('not_found', 'No such booking.');
        return invoicePdf(tx, orgId, booking.orderId);
      });
      return sendPdf(c, number, pdf);
    });
}

/**
 * The same PDF by its signed link (`?t=`), for `<a href download>` and mails, which cannot
 * send headers. Mounted before the embed router: with `t` it answers; without, it passes
 * the request on to the key-checked route above.
 */
export function getInvoicePdfByLinkRoute(deps: AppDeps) {
  return new Hono<AppEnv>().get('/v1/embed/bookings/:id/invoice.pdf', async (c, next) => {
    const t = c.req.query('t');
    if (!t) return next();
    const id = c.req.param('id');
    const link = /^[0-9a-f-]{36}$/i.test(id) ? verifyInvoiceToken(t, deps.config.secret, id, deps.now()) : null;
    if (!link) throw new AppError('not_found', 'This invoice link is not valid (or has expired).');
    const orgId = link.orgId;
    const { number, pdf } = await withTenant(deps.db, { orgId, role: 'system' }, async (tx) => invoicePdf(tx, orgId, (await bookingById(tx, orgId, id))?.orderId));
    return sendPdf(c, number, pdf);
  });
}
