import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import { langOf } from '../../../shared/format.ts';
import type { BookingContext, OrderDetail } from './context.queries.ts';
import { scheduledSessions } from './context.queries.ts';
import { itemsVatByRate } from './domain/order-view.ts';
import { formatInvoiceNumber, type InvoiceSnapshot, type PostalAddress } from './domain/invoice-snapshot.ts';
import { qrBillReference, scorReference } from './domain/qr-reference.ts';
import { qrBillAccount, sepaTransferAccount } from '../../../shared/payment-methods.ts';

export type InvoiceRow = typeof t.invoices.$inferSelect;

export interface IssueOptions {
  now: Date;
  /** Put a QR-bill payment part on the invoice (an invoice meant to be paid by bank transfer). */
  qrBill: boolean;
  /** Instead of the QR-bill: an EPC QR code (GiroCode) for a SEPA transfer in euros to the studio's IBAN. */
  epcQr?: boolean | undefined;
  debtorAddress?: PostalAddress | undefined;
  payableWithinDays?: number | undefined;
}

/**
 * The order's invoice, issued once. Numbers come from `invoice_counters`, incremented in
 * this same transaction (the counter row stays locked until commit): numbers are gapless
 * per org, because a rolled-back transaction takes its increment back with it.
 */
export async function issueInvoice(tx: Tx, ctx: BookingContext, detail: OrderDetail, options: IssueOptions): Promise<{ invoice: InvoiceRow; created: boolean }> {
  const orgId = ctx.org.id;
  const [existing] = await tx.select().from(t.invoices).where(and(eq(t.invoices.orgId, orgId), eq(t.invoices.orderId, detail.order.id)));
  if (existing) return { invoice: existing, created: false };
  const [counter] = await tx.insert(t.invoiceCounters).values({ orgId, lastNumber: 1 })
    .onConflictDoUpdate({ target: t.invoiceCounters.orgId, set: { lastNumber: sql`${t.invoiceCounters.lastNumber} + 1` } })
    .returning({ number: t.invoiceCounters.lastNumber });
  const number = counter!.number;
  const snapshot = invoiceSnapshot(ctx, detail, number, options);
  const [invoice] = await tx.insert(t.invoices).values({
    orgId, orderId: detail.order.id, number, issuedAt: options.now,
    reference: snapshot.qr?.reference ?? null, referenceType: snapshot.qr?.reference_type ?? null,
    snapshot: snapshot as unknown as Record<string, unknown>,
  }).returning();
  return { invoice: invoice!, created: true };
}

export function invoiceSnapshot(ctx: BookingContext, d: OrderDetail, number: number, options: IssueOptions): InvoiceSnapshot {
  const billing = ctx.org.billing;
  const creditor: InvoiceSnapshot['creditor'] = billing
    ? {
      name: billing.legal_name, street: billing.street, building_number: billing.building_number, postal_code: billing.postal_code,
      city: billing.city, country: billing.country, vat_number: billing.vat_number, email: billing.email,
    }
    : { name: ctx.org.name, street: '', postal_code: '', city: '', country: '' };
  const scheduled = scheduledSessions(ctx);
  const toSchedule = ctx.sessions.filter((x) => !x.startsAt && x.status === 'scheduled').length;
  const sepa = options.epcQr ? sepaTransferAccount(billing) : null;
  // A QR-bill names a Swiss or Liechtenstein account only (checkout offers it for those alone).
  const qr = sepa ? { account: sepa, reference: scorReference(number), type: 'SCOR' as const, scheme: 'epc' as const }
    : options.qrBill && billing && qrBillAccount(billing) ? { ...qrBillReference(billing, number)!, scheme: 'swiss_qr_bill' as const } : null;
  return {
    number,
    display_number: formatInvoiceNumber(number, options.now, ctx.org.timezone, billing?.invoice_prefix),
    issued_at: options.now.toISOString(),
    lang: langOf(ctx.customer.locale),
    zone: ctx.org.timezone,
    currency: d.order.currency,
    order_id: d.order.id,
    booking_id: ctx.booking.id,
    creditor,
    debtor: { name: ctx.customer.name, email: ctx.customer.email, address: options.debtorAddress },
    service_period: scheduled.length
      ? { from: scheduled[0]!.startsAt.toISOString(), to: scheduled.at(-1)!.startsAt.toISOString(), ...(toSchedule ? { to_schedule: toSchedule } : {}) }
      : null,
    lines: d.items.map((i) => ({
      description: i.description, quantity: i.quantity, unit_price: i.unitPrice, discount: i.discount, amount: i.amount, vat_rate_bp: i.vatRateBp, vat_amount: i.vatAmount,
    })),
    subtotal: d.order.subtotal,
    discount_total: d.order.discountTotal,
    discount_label: d.coupon?.code ?? null,
    rounding_adjustment: d.order.roundingAdjustment,
    vat_total: d.order.vatTotal,
    total: d.order.total,
    vat_by_rate: itemsVatByRate(d.items, d.order.currency).map((r) => ({ rate_bp: r.rateBp, gross: r.gross.amount, net: r.net.amount, vat: r.vat.amount })),
    credits: d.credits ?? undefined,
    qr: qr ? { account: qr.account, reference: qr.reference, reference_type: qr.type, scheme: qr.scheme } : null,
    payable_within_days: options.payableWithinDays,
  };
}
