/**
 * The accountant's figures, read as the caller (owners and managers; an instructor's policies
 * show no money). Months and quarters are the studio's local dates: a document belongs to the
 * month of its issue in the studio's zone.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rowsOf } from '../../platform/db/rows.ts';
import { allocate, invoiceLabel, mulDivRoundHalfUp, type InvoiceSnapshot } from '../billing/index.ts';
import type { RateAmounts } from './domain/index.ts';

/** `[from, to]` as local dates (both inclusive) → the instants that bound them in `zone`. */
const range = (from: string, to: string, zone: string) => sql`
  i_at >= (${from}::date)::timestamp at time zone ${zone} and i_at < ((${to}::date + 1))::timestamp at time zone ${zone}`;

async function zoneOf(tx: Tx, orgId: string): Promise<{ zone: string; currency: string }> {
  const [org] = rowsOf<{ timezone: string; currency: string }>(await tx.execute(sql`select timezone, currency from orgs where id = ${orgId}::uuid`));
  return { zone: org!.timezone, currency: org!.currency };
}

export interface RevenueRow {
  month: string; kind: 'invoiced' | 'credited'; programId: string | null; program: string | null; instructorId: string | null; instructor: string | null;
  rateBp: number; gross: number; net: number; vat: number; currency: string;
}

/**
 * Revenue per month by program and instructor and VAT rate: invoiced lines (after discounts, as
 * invoiced) and, as their own rows, what credit notes took back (per rate, as credited).
 */
export async function revenueByMonth(tx: Tx, orgId: string, from: string, to: string): Promise<RevenueRow[]> {
  const { zone } = await zoneOf(tx, orgId);
  const invoiced = rowsOf<Record<string, unknown>>(await tx.execute(sql`
    with docs as (select i.*, i.issued_at as i_at from invoices i where i.org_id = ${orgId}::uuid)
    select to_char(d.i_at at time zone ${zone}, 'YYYY-MM') as month, oi.program_id, p.title as program, b.instructor_id, s.name as instructor,
           oi.vat_rate_bp, sum(oi.amount)::bigint as gross, sum(oi.vat_amount)::bigint as vat, o.currency
      from docs d
      join orders o on o.org_id = d.org_id and o.id = d.order_id
      join order_items oi on oi.org_id = o.org_id and oi.order_id = o.id
      left join program_bookings b on b.org_id = o.org_id and b.id = o.booking_id
      left join programs p on p.org_id = oi.org_id and p.id = coalesce(oi.program_id, b.program_id)
      left join staff s on s.org_id = b.org_id and s.id = b.instructor_id
     where ${range(from, to, zone)}
     group by 1, 2, 3, 4, 5, 6, 9`));
  const credited = rowsOf<Record<string, unknown>>(await tx.execute(sql`
    with docs as (select c.*, c.issued_at as i_at from credit_notes c where c.org_id = ${orgId}::uuid)
    select to_char(d.i_at at time zone ${zone}, 'YYYY-MM') as month, b.program_id, p.title as program, b.instructor_id, s.name as instructor,
           (r->>'rateBp')::int as vat_rate_bp, sum((r->>'gross')::bigint)::bigint as gross, sum((r->>'vat')::bigint)::bigint as vat, d.currency
      from docs d
      cross join lateral jsonb_array_elements(coalesce(d.snapshot->'rates', '[]'::jsonb)) r
      join orders o on o.org_id = d.org_id and o.id = d.order_id
      left join program_bookings b on b.org_id = o.org_id and b.id = o.booking_id
      left join programs p on p.org_id = b.org_id and p.id = b.program_id
      left join staff s on s.org_id = b.org_id and s.id = b.instructor_id
     where ${range(from, to, zone)}
     group by 1, 2, 3, 4, 5, 6, 9`));
  const shape = (kind: RevenueRow['kind']) => (r: Record<string, unknown>): RevenueRow => {
    const gross = Number(r.gross);
    const vat = Number(r.vat);
    return {
      month: String(r.month), kind, programId: (r.program_id as string | null) ?? null, program: (r.program as string | null) ?? null,
      instructorId: (r.instructor_id as string | null) ?? null, instructor: (r.instructor as string | null) ?? null,
      rateBp: Number(r.vat_rate_bp), gross, net: gross - vat, vat, currency: String(r.currency),
    };
  };
  const order = (a: RevenueRow, b: RevenueRow) => a.month.localeCompare(b.month) || a.kind.localeCompare(b.kind) || (a.program ?? '').localeCompare(b.program ?? '')
    || (a.instructor ?? '').localeCompare(b.instructor ?? '') || b.rateBp - a.rateBp;
  return [...invoiced.map(shape('invoiced')), ...credited.map(shape('credited'))].sort(order);
}

export interface MoneyBackRow {
  date: string; type: 'refund' | 'credit_note'; id: string; number: number | null; orderId: string; invoice: string | null; bookingId: string | null;
  customer: string | null; method: string | null; status: string | null; gross: number; vat: number | null; currency: string; reason: string;
}

/** Refunds (by the day they were made) and credit notes (by their issue) in the range, by date. */
export async function refundsAndCreditNotes(tx: Tx, orgId: string, from: string, to: string): Promise<MoneyBackRow[]> {
  const { zone } = await zoneOf(tx, orgId);
  const refunds = rowsOf<Record<string, unknown>>(await tx.execute(sql`
    with docs as (select r.*, r.created_at as i_at from refunds r where r.org_id = ${orgId}::uuid)
    select to_char(d.i_at at time zone ${zone}, 'YYYY-MM-DD') as date, d.id, d.order_id, d.booking_id, d.kind, d.status::text, d.amount, d.credits, d.currency, d.reason,
           i.snapshot as invoice, coalesce(b.customer_name, c.name) as customer
      from docs d join orders o on o.org_id = d.org_id and o.id = d.order_id
      left join invoices i on i.org_id = o.org_id and i.order_id = o.id
      left join program_bookings b on b.org_id = o.org_id and b.id = o.booking_id
      left join customers c on c.org_id = o.org_id and c.id = o.customer_id
     where ${range(from, to, zone)} order by d.i_at, d.id`));
  const notes = rowsOf<Record<string, unknown>>(await tx.execute(sql`
    with docs as (select n.*, n.issued_at as i_at from credit_notes n where n.org_id = ${orgId}::uuid)
    select to_char(d.i_at at time zone ${zone}, 'YYYY-MM-DD') as date, d.id, d.number, d.order_id, o.booking_id, d.total, d.vat_total, d.currency, d.reason,
           i.snapshot as invoice, coalesce(b.customer_name, c.name) as customer
      from docs d join orders o on o.org_id = d.org_id and o.id = d.order_id
      left join invoices i on i.org_id = o.org_id and i.id = d.invoice_id
      left join program_bookings b on b.org_id = o.org_id and b.id = o.booking_id
      left join customers c on c.org_id = o.org_id and c.id = o.customer_id
     where ${range(from, to, zone)} order by d.i_at, d.id`));
  const label = (snapshot: unknown) => (snapshot ? invoiceLabel(snapshot as InvoiceSnapshot) : null);
  return [
    ...refunds.map((r): MoneyBackRow => ({
      date: String(r.date), type: 'refund', id: String(r.id), number: null, orderId: String(r.order_id), invoice: label(r.invoice), bookingId: (r.booking_id as string | null) ?? null,
      customer: (r.customer as string | null) ?? null, method: String(r.kind), status: String(r.status), gross: Number(r.amount), vat: null, currency: String(r.currency),
      reason: Number(r.credits) > 0 ? `${String(r.reason)} (${Number(r.credits)} credits)` : String(r.reason),
    })),
    ...notes.map((n): MoneyBackRow => ({
      date: String(n.date), type: 'credit_note', id: String(n.id), number: Number(n.number), orderId: String(n.order_id), invoice: label(n.invoice), bookingId: (n.booking_id as string | null) ?? null,
      customer: (n.customer as string | null) ?? null, method: null, status: null, gross: Number(n.total), vat: Number(n.vat_total), currency: String(n.currency), reason: String(n.reason),
    })),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.type.localeCompare(b.type) || a.id.localeCompare(b.id));
}

export interface OutstandingRow {
  orderId: string; invoice: string | null; issuedOn: string | null; customer: string | null; email: string | null; bookingId: string | null; program: string | null;
  total: number; paid: number; balance: number; currency: string; qrBill: boolean; qrReference: string | null; orderStatus: string;
}

/** Orders with an issued invoice that are not paid in full (and not cancelled): what customers owe, open QR-bills marked. */
export async function outstandingBalances(tx: Tx, orgId: string): Promise<OutstandingRow[]> {
  const { zone } = await zoneOf(tx, orgId);
  const rows = rowsOf<Record<string, unknown>>(await tx.execute(sql`
    select o.id, o.total, o.amount_paid, o.currency, o.status::text as status, o.booking_id, i.snapshot, i.reference, i.reference_type,
           to_char(i.issued_at at time zone ${zone}, 'YYYY-MM-DD') as issued_on, coalesce(b.customer_name, c.name) as customer, c.email, p.title as program
      from orders o
      join invoices i on i.org_id = o.org_id and i.order_id = o.id
      left join program_bookings b on b.org_id = o.org_id and b.id = o.booking_id
      left join programs p on p.org_id = b.org_id and p.id = b.program_id
      left join customers c on c.org_id = o.org_id and c.id = o.customer_id
     where o.org_id = ${orgId}::uuid and o.status in ('pending', 'partially_paid') and o.total > o.amount_paid
     order by i.issued_at, o.id`));
  return rows.map((r) => ({
    orderId: String(r.id), invoice: r.snapshot ? invoiceLabel(r.snapshot as InvoiceSnapshot) : null, issuedOn: (r.issued_on as string | null) ?? null,
    customer: (r.customer as string | null) ?? null, email: (r.email as string | null) ?? null, bookingId: (r.booking_id as string | null) ?? null, program: (r.program as string | null) ?? null,
    total: Number(r.total), paid: Number(r.amount_paid), balance: Number(r.total) - Number(r.amount_paid), currency: String(r.currency),
    qrBill: r.reference !== null && r.reference !== undefined, qrReference: (r.reference as string | null) ?? null, orderStatus: String(r.status),
  }));
}

/** Invoiced and credited amounts per VAT rate for local dates `[from, to]`, for the VAT return. */
export async function vatAmounts(tx: Tx, orgId: string, from: string, to: string): Promise<{ invoiced: RateAmounts[]; credited: RateAmounts[]; currency: string }> {
  const { zone, currency } = await zoneOf(tx, orgId);
  const invoiced = rowsOf<Record<string, unknown>>(await tx.execute(sql`
    with docs as (select i.*, i.issued_at as i_at from invoices i where i.org_id = ${orgId}::uuid)
    select oi.vat_rate_bp, sum(oi.amount)::bigint as gross, sum(oi.vat_amount)::bigint as vat
      from docs d join order_items oi on oi.org_id = d.org_id and oi.order_id = d.order_id
     where ${range(from, to, zone)} group by 1`));
  const credited = rowsOf<Record<string, unknown>>(await tx.execute(sql`
    with docs as (select c.*, c.issued_at as i_at from credit_notes c where c.org_id = ${orgId}::uuid)
    select (r->>'rateBp')::int as vat_rate_bp, sum((r->>'gross')::bigint)::bigint as gross, sum((r->>'vat')::bigint)::bigint as vat
      from docs d cross join lateral jsonb_array_elements(coalesce(d.snapshot->'rates', '[]'::jsonb)) r
     where ${range(from, to, zone)} group by 1`));
  const amounts = (r: Record<string, unknown>): RateAmounts => ({ rateBp: Number(r.vat_rate_bp), gross: Number(r.gross), vat: Number(r.vat), net: Number(r.gross) - Number(r.vat) });
  return { invoiced: invoiced.map(amounts), credited: credited.map(amounts), currency };
}

export interface CashRow {
  month: string; kind: 'received' | 'refunded'; method: string; rateBp: number; gross: number; net: number; vat: number; currency: string;
}

/**
 * The cash basis (vereinnahmte Entgelte), alongside the invoices' accrual figures: money received
 * per month (succeeded payments, by the day they succeeded) and money paid back (refunds that
 * left: succeeded, by the day they completed), per method and VAT rate. A payment's VAT is its
 * order's: the amount is spread over the order's rates by their gross, and each part's VAT is the
 * rate's share of it (rounded per part). Credits (class credits) are not money and not here.
 */
export async function cashByMonth(tx: Tx, orgId: string, from: string, to: string): Promise<CashRow[]> {
  const { zone } = await zoneOf(tx, orgId);
  const moves = rowsOf<Record<string, unknown>>(await tx.execute(sql`
    with docs as (
      select 'received' as kind, p.order_id, p.method::text as method, p.amount, p.currency, p.succeeded_at as i_at
        from payments p where p.org_id = ${orgId}::uuid and p.status = 'succeeded' and p.succeeded_at is not null
      union all
      select 'refunded', r.order_id, coalesce(pm.method::text, r.kind::text), r.amount, r.currency, r.completed_at
        from refunds r left join payments pm on pm.org_id = r.org_id and pm.id = r.payment_id
       where r.org_id = ${orgId}::uuid and r.status = 'succeeded' and r.amount > 0 and r.completed_at is not null
    )
    select to_char(d.i_at at time zone ${zone}, 'YYYY-MM') as month, d.kind, d.order_id, d.method, d.amount, d.currency
      from docs d where ${range(from, to, zone)}`));
  const orderIds = [...new Set(moves.map((m) => String(m.order_id)))];
  const rates = orderIds.length === 0 ? [] : rowsOf<{ order_id: string; vat_rate_bp: number; gross: string; vat: string }>(await tx.execute(sql`
    select order_id, vat_rate_bp, sum(amount)::bigint as gross, sum(vat_amount)::bigint as vat from order_items
     where org_id = ${orgId}::uuid and order_id = any(${`{${orderIds.join(',')}}`}::uuid[]) group by 1, 2 order by 1, 2 desc`));
  const byOrder = new Map<string, { rateBp: number; gross: number; vat: number }[]>();
  for (const r of rates) byOrder.set(r.order_id, [...(byOrder.get(r.order_id) ?? []), { rateBp: Number(r.vat_rate_bp), gross: Number(r.gross), vat: Number(r.vat) }]);
  const sums = new Map<string, CashRow>();
  for (const m of moves) {
    const amount = Number(m.amount);
    const split = (byOrder.get(String(m.order_id)) ?? []).filter((r) => r.gross > 0);
    const parts = split.length === 0 ? [{ rateBp: 0, gross: amount, vat: 0 }]
      : allocate(amount, split.map((r) => r.gross)).map((part, i) => ({ rateBp: split[i]!.rateBp, gross: part, vat: mulDivRoundHalfUp(part, split[i]!.vat, split[i]!.gross) }));
    for (const part of parts) {
      const key = [m.month, m.kind, m.method, part.rateBp, m.currency].join('|');
      const row = sums.get(key) ?? { month: String(m.month), kind: m.kind as CashRow['kind'], method: String(m.method), rateBp: part.rateBp, gross: 0, net: 0, vat: 0, currency: String(m.currency) };
      row.gross += part.gross;
      row.vat += part.vat;
      row.net = row.gross - row.vat;
      sums.set(key, row);
    }
  }
  return [...sums.values()].sort((a, b) => a.month.localeCompare(b.month) || a.kind.localeCompare(b.kind) || a.method.localeCompare(b.method) || b.rateBp - a.rateBp);
}
