/**
 * Orders as staff see them: the order with its lines, payments, installments, refunds,
 * invoices and credit notes, and what is still owed. Read under the staff member's own
 * policies (owners and managers see the org's money; an instructor's policies show none), so
 * a hidden or foreign order is simply not there.
 */
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import { langOf, type Lang } from '../../../shared/format.ts';
import { orderDetail, orderRow, type OrderDetail, type OrderRow } from './context.queries.ts';

export type RefundRow = typeof t.refunds.$inferSelect;
type PaymentRow = typeof t.payments.$inferSelect;
type InvoiceRow = typeof t.invoices.$inferSelect;
type CreditNoteRow = typeof t.creditNotes.$inferSelect;

/** An order with everything staff see of its money, and the sums that say what is still owed. */
export interface StaffOrderView {
  order: OrderRow;
  detail: OrderDetail;
  /** The customer's language (the order's rounding line is in it). */
  lang: Lang;
  customer: { id: string; name: string; email: string } | null;
  payments: PaymentRow[];
  refunds: RefundRow[];
  invoices: InvoiceRow[];
  creditNotes: { note: CreditNoteRow; invoiceNumber: number | null }[];
  refunded: number;
  refundsPending: number;
  credited: number;
  balanceDue: number;
}

/**
 * What the customer still owes on an order: the total less what credit notes took off it, less
 * what the studio keeps of the payments (paid less refunds done or on their way).
 */
export function balanceDue(o: { total: number; credited: number; amountPaid: number; refunded: number; refundsPending: number }): number {
  return o.total - o.credited - (o.amountPaid - o.refunded - o.refundsPending);
}

async function staffOrderView(tx: Tx, orgId: string, order: OrderRow): Promise<StaffOrderView> {
  const [detail, [customer], payments, refunds, invoices, creditNotes] = await Promise.all([
    orderDetail(tx, orgId, order),
    tx.select({ id: t.customers.id, name: t.customers.name, email: t.customers.email, locale: t.customers.locale }).from(t.customers)
      .where(and(eq(t.customers.orgId, orgId), eq(t.customers.id, order.customerId))),
    tx.select().from(t.payments).where(and(eq(t.payments.orgId, orgId), eq(t.payments.orderId, order.id))).orderBy(asc(t.payments.createdAt), asc(t.payments.id)),
    tx.select().from(t.refunds).where(and(eq(t.refunds.orgId, orgId), eq(t.refunds.orderId, order.id))).orderBy(asc(t.refunds.createdAt), asc(t.refunds.id)),
    tx.select().from(t.invoices).where(and(eq(t.invoices.orgId, orgId), eq(t.invoices.orderId, order.id))).orderBy(asc(t.invoices.number)),
    tx.select({ note: t.creditNotes, invoiceNumber: t.invoices.number }).from(t.creditNotes)
      .leftJoin(t.invoices, and(eq(t.invoices.orgId, t.creditNotes.orgId), eq(t.invoices.id, t.creditNotes.invoiceId)))
      .where(and(eq(t.creditNotes.orgId, orgId), eq(t.creditNotes.orderId, order.id))).orderBy(asc(t.creditNotes.number)),
  ]);
  const money = refunds.filter((r) => r.kind !== 'credits');
  const refunded = money.filter((r) => r.status === 'succeeded').reduce((a, r) => a + r.amount, 0);
  const refundsPending = money.filter((r) => r.status === 'pending').reduce((a, r) => a + r.amount, 0);
  const credited = creditNotes.reduce((a, c) => a + c.note.total, 0);
  return {
    order,
    detail,
    lang: langOf(customer?.locale),
    customer: customer ? { id: customer.id, name: customer.name, email: customer.email } : null,
    payments,
    refunds,
    invoices,
    creditNotes,
    refunded,
    refundsPending,
    credited,
    balanceDue: balanceDue({ total: order.total, credited, amountPaid: order.amountPaid, refunded, refundsPending }),
  };
}

/** One order for staff; undefined when their policies do not show it (another studio's, or an instructor's key). */
export async function orderForStaffView(tx: Tx, orgId: string, orderId: string): Promise<StaffOrderView | undefined> {
  const order = await orderRow(tx, orgId, orderId);
  return order ? staffOrderView(tx, orgId, order) : undefined;
}

/**
 * One order as its customer sees it: the same view, read under the customer's own policies
 * (their orders, payments, plan, refunds, invoices and credit notes; no coupon rows).
 */
export async function orderForCustomerView(tx: Tx, orgId: string, orderId: string | null): Promise<StaffOrderView | undefined> {
  return orderId ? orderForStaffView(tx, orgId, orderId) : undefined;
}

/** An invoice number as a bank line may carry it: `12`, `#12`, `Rechnung 12`, `Invoice no. 12`, `FLOW-2026-0012` (as printed). */
const INVOICE_NUMBER = /^(?:(?:invoice|rechnung|facture|fattura)\s*)?(?:(?:no|nr|n°|n)\.?\s*)?#?\s*(?:[a-z][a-z0-9]*-\d{4}-)?(\d{1,9})$/i;

/**
 * The orders a bank line names: by the invoice's QR reference (QRR, or SCOR "RF…", compared
 * without spaces and case) or by the invoice number. Newest invoice first; empty when none
 * matches or the caller's policies show none.
 */
export async function ordersByReference(tx: Tx, orgId: string, reference: string): Promise<StaffOrderView[]> {
  const compact = reference.replace(/\s+/g, '').toUpperCase();
  const number = INVOICE_NUMBER.exec(reference.trim())?.[1];
  const matches = await tx.select({ orderId: t.invoices.orderId }).from(t.invoices).where(and(
    eq(t.invoices.orgId, orgId),
    or(sql`upper(${t.invoices.reference}) = ${compact}`, number !== undefined ? eq(t.invoices.number, Number(number)) : undefined),
  )).orderBy(sql`${t.invoices.number} desc`).limit(20);
  if (!matches.length) return [];
  const ids = [...new Set(matches.map((m) => m.orderId))];
  const orders = await tx.select().from(t.orders).where(and(eq(t.orders.orgId, orgId), inArray(t.orders.id, ids)));
  const byId = new Map(orders.map((o) => [o.id, o]));
  const out: StaffOrderView[] = [];
  for (const id of ids) {
    const order = byId.get(id);
    if (order) out.push(await staffOrderView(tx, orgId, order));
  }
  return out;
}
