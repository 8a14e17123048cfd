import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import type { InvoiceSnapshot } from './domain/invoice-snapshot.ts';

export interface InvoiceDocument { id: string; number: number; snapshot: InvoiceSnapshot; amountPaid: number }

/** The invoice of an order with what has been paid on it, to render after the transaction; undefined when none was issued. */
export async function invoiceOfOrder(tx: Tx, orgId: string, orderId: string | null | undefined): Promise<InvoiceDocument | undefined> {
  if (!orderId) return undefined;
  const [row] = await tx.select({ invoice: t.invoices, amountPaid: t.orders.amountPaid }).from(t.invoices)
    .innerJoin(t.orders, and(eq(t.orders.orgId, t.invoices.orgId), eq(t.orders.id, t.invoices.orderId)))
    .where(and(eq(t.invoices.orgId, orgId), eq(t.invoices.orderId, orderId)));
  if (!row) return undefined;
  return { id: row.invoice.id, number: row.invoice.number, snapshot: row.invoice.snapshot as unknown as InvoiceSnapshot, amountPaid: row.amountPaid };
}

/** An invoice by id with what is paid on its order, for rendering its PDF after the transaction. */
export async function invoiceDocumentById(tx: Tx, orgId: string, invoiceId: string): Promise<InvoiceDocument | undefined> {
  const [row] = await tx.select({ invoice: t.invoices, amountPaid: t.orders.amountPaid }).from(t.invoices)
    .innerJoin(t.orders, and(eq(t.orders.orgId, t.invoices.orgId), eq(t.orders.id, t.invoices.orderId)))
    .where(and(eq(t.invoices.orgId, orgId), eq(t.invoices.id, invoiceId)));
  if (!row) return undefined;
  return { id: row.invoice.id, number: row.invoice.number, snapshot: row.invoice.snapshot as unknown as InvoiceSnapshot, amountPaid: row.amountPaid };
}
