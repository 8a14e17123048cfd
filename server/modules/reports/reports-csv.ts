/** The finance reports as CSV (the same conventions as the payroll export: docs/finance-reports.md). */
import { csvOf, decimal, type Cell } from '../../../shared/csv.ts';
import type { CashRow, MoneyBackRow, OutstandingRow, RevenueRow } from './finance.queries.ts';
import type { VatReturn } from './domain/index.ts';

const rate = (bp: number) => decimal(bp, 2);

export function revenueCsv(rows: readonly RevenueRow[]): string {
  return csvOf(
    ['month', 'kind', 'program_id', 'program', 'instructor_id', 'instructor', 'vat_rate_percent', 'gross_minor', 'net_minor', 'vat_minor', 'gross', 'net', 'vat', 'currency'],
    rows.map((r): Cell[] => [r.month, r.kind, r.programId, r.program, r.instructorId, r.instructor, rate(r.rateBp), r.gross, r.net, r.vat, decimal(r.gross), decimal(r.net), decimal(r.vat), r.currency]),
  );
}

export function moneyBackCsv(rows: readonly MoneyBackRow[]): string {
  return csvOf(
    ['date', 'type', 'id', 'credit_note_number', 'order_id', 'invoice', 'booking_id', 'customer', 'method', 'status', 'gross_minor', 'vat_minor', 'gross', 'vat', 'currency', 'reason'],
    rows.map((r): Cell[] => [r.date, r.type, r.id, r.number, r.orderId, r.invoice, r.bookingId, r.customer, r.method, r.status, r.gross, r.vat, decimal(r.gross), r.vat === null ? null : decimal(r.vat), r.currency, r.reason]),
  );
}

export function outstandingCsv(rows: readonly OutstandingRow[]): string {
  return csvOf(
    ['order_id', 'invoice', 'issued_on', 'customer', 'email', 'booking_id', 'program', 'total_minor', 'paid_minor', 'balance_minor', 'balance', 'currency', 'qr_bill', 'qr_reference', 'order_status'],
    rows.map((r): Cell[] => [r.orderId, r.invoice, r.issuedOn, r.customer, r.email, r.bookingId, r.program, r.total, r.paid, r.balance, decimal(r.balance), r.currency, r.qrBill ? 'yes' : 'no', r.qrReference, r.orderStatus]),
  );
}

export function vatReturnCsv(v: VatReturn, period: { from: string; to: string }, currency: string): string {
  const rows: Cell[][] = v.lines.map((l) => [period.from, period.to, rate(l.rateBp), l.code, l.invoiced.net, l.credited.net, l.turnover, l.tax, decimal(l.turnover), decimal(l.tax), currency]);
  return csvOf(['from', 'to', 'vat_rate_percent', 'form_figure', 'invoiced_net_minor', 'credited_net_minor', 'turnover_minor', 'tax_minor', 'turnover', 'tax', 'currency'], rows);
}

export const CASH_CSV_COLUMNS = ['month', 'kind', 'method', 'vat_rate_percent', 'gross_minor', 'net_minor', 'vat_minor', 'gross', 'net', 'vat', 'currency'] as const;

export function cashCsv(rows: readonly CashRow[]): string {
  return csvOf(CASH_CSV_COLUMNS, rows.map((r): Cell[] => [r.month, r.kind, r.method, rate(r.rateBp), r.gross, r.net, r.vat, decimal(r.gross), decimal(r.net), decimal(r.vat), r.currency]));
}
