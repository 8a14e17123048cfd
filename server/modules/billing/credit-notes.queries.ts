import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import type { InvoiceSnapshot } from './domain/invoice-snapshot.ts';

/** What the order's credit notes credited so far (gross). */
export async function alreadyCredited(tx: Tx, orgId: string, orderId: string): Promise<number> {
  const [row] = await tx.select({ total: sql<string>`coalesce(sum(${t.creditNotes.total}), 0)` }).from(t.creditNotes)
    .where(and(eq(t.creditNotes.orgId, orgId), eq(t.creditNotes.orderId, orderId)));
  return Number(row?.total ?? 0);
}

/** Where staff download a credit note's PDF. */
export function creditNotePdfUrl(publicOrigin: string, creditNoteId: string): string {
  return `${publicOrigin}/v1/admin/credit-notes/${creditNoteId}.pdf`;
}

/** A credit note's number as printed (`FLOW-CN-2026-0001`, frozen when issued); older notes: the integer. */
export function creditNoteLabel(note: { number: number; snapshot: unknown }): string {
  const display = (note.snapshot as { display_number?: unknown } | null)?.display_number;
  return typeof display === 'string' ? display : String(note.number);
}

/** Where staff download an invoice's PDF. */
export function staffInvoicePdfUrl(publicOrigin: string, invoiceId: string): string {
  return `${publicOrigin}/v1/admin/invoices/${invoiceId}.pdf`;
}

/** A credited share of one VAT rate, as the credit note's snapshot stores it (amounts positive). */
export interface CreditNoteRate { rateBp: number; gross: number; net: number; vat: number }

/** What a credit note PDF is drawn from: the note as issued, and the invoice it corrects (its parties, language and lines). */
export interface CreditNoteDocument {
  id: string;
  /** As printed (`FLOW-CN-2026-0001`). */
  number: string;
  issued_at: string;
  currency: string;
  total: number;
  vat_total: number;
  rates: CreditNoteRate[];
  /** Refunded to the customer's payments with this note (0 for a voided unpaid invoice). */
  refund: number;
  /** Fees kept from what was paid or owed beyond it (late cancellation, no-show), per session. */
  fees: { seq: number; rule: string; fee: number }[];
  /** What the customer still owes beyond what was paid (a fee a deposit did not cover). */
  balance_due: number;
  invoice: { number: number; issued_at: string; snapshot: InvoiceSnapshot };
}

/**
 * A credit note by id with its invoice, read under the caller's policies (only owners,
 * managers and the system see credit notes); undefined when not visible or without an invoice.
 * The PDF is rendered by the caller after the transaction.
 */
export async function creditNoteDocument(tx: Tx, orgId: string, creditNoteId: string): Promise<CreditNoteDocument | undefined> {
  const [row] = await tx.select({ note: t.creditNotes, invoice: t.invoices }).from(t.creditNotes)
    .innerJoin(t.invoices, and(eq(t.invoices.orgId, t.creditNotes.orgId), eq(t.invoices.id, t.creditNotes.invoiceId)))
    .where(and(eq(t.creditNotes.orgId, orgId), eq(t.creditNotes.id, creditNoteId)));
  if (!row) return undefined;
  const snap = row.note.snapshot as { rates?: CreditNoteRate[]; refund?: number; fees?: CreditNoteDocument['fees']; balance_due?: number };
  return {
    id: row.note.id,
    number: creditNoteLabel(row.note),
    issued_at: row.note.issuedAt.toISOString(),
    currency: row.note.currency,
    total: row.note.total,
    vat_total: row.note.vatTotal,
    rates: snap.rates ?? [],
    refund: snap.refund ?? 0,
    fees: snap.fees ?? [],
    balance_due: snap.balance_due ?? 0,
    invoice: { number: row.invoice.number, issued_at: row.invoice.issuedAt.toISOString(), snapshot: row.invoice.snapshot as unknown as InvoiceSnapshot },
  };
}
