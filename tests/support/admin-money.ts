/** Shared by the admin money tests (orders, refund transfers, credit notes): staff keys, a settled cancellation, PDF text. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Database } from '../../server/platform/db/database.ts';
import { withCaller } from '../../server/platform/db/identity.ts';
import { hashKey } from '../../server/platform/http/api-keys.ts';
import { FLOW } from '../../demo/seed/index.ts';
import type { CreatedBooking } from '../../schema/api/embed-bookings.ts';
import { query } from './booking.ts';
import { checkedOut, checkoutReq, customer, reserve, testPay } from './checkout.ts';
import { proveIdentity } from './identity.ts';

type Requester = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

export const skFlow = { Authorization: 'Bearer sk_test_flow' };
/** Another studio's owner. */
export const skNord = { Authorization: 'Bearer sk_test_nord' };

/** A secret key of Studio Flow for an existing staff member (an instructor, say), made by the owner. */
export async function staffKey(db: Database, staffId: string): Promise<{ Authorization: string }> {
  const key = `sk_test_${randomUUID().replace(/-/g, '')}`;
  await withCaller(db, { orgId: FLOW.org, role: 'owner', userId: FLOW.owner }, (tx) =>
    tx.execute(sql`insert into api_keys (org_id, kind, prefix, key_hash, staff_id) values (${FLOW.org}, 'secret', ${key.slice(0, 16)}, ${hashKey(key)}, ${staffId})`));
  return { Authorization: `Bearer ${key}` };
}

/** The key of the instructor who conducts this booking. */
export async function conductingInstructorKey(db: Database, bookingId: string) {
  const [row] = await query(db, sql`select instructor_id from program_bookings where id = ${bookingId}`);
  return staffKey(db, String(row!.instructor_id));
}

export interface Booked { booking: CreatedBooking; orderId: string; invoice?: { number: string; reference: string | null } | undefined }

/** A Reiki booking (CHF 140, 8.1 % VAT) paid by card through the test processor. */
export async function cardPaid(app: Requester, variant: string, start: string, who = customer()): Promise<Booked> {
  const booking = await reserve(app, { program: 'reiki', variant, customer: who, sessions: { mode: 'explicit', starts: [start] } });
  const out = await checkedOut(await checkoutReq(app, booking, { method: 'card' }));
  assert.equal((await testPay(app, booking, 'succeed')).status, 200);
  return { booking, orderId: out.order.id };
}

/** A Reiki booking on a QR-bill (its address proven first, as a QR-bill needs), with `paid` (minor units) recorded as received by transfer. */
export async function qrBill(app: Requester, variant: string, start: string, paid: number, db: Database): Promise<Booked> {
  const who = customer();
  const booking = await reserve(app, { program: 'reiki', variant, customer: who, sessions: { mode: 'explicit', starts: [start] } });
  const out = await checkedOut(await checkoutReq(app, booking, { method: 'qr_bill' }, await proveIdentity(app, db, who.email as string)));
  if (paid > 0) {
    const res = await app.request(`/v1/admin/orders/${out.order.id}/payments`, {
      method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ amount: paid, method: 'bank_transfer', reference: `camt ${randomUUID().slice(0, 8)}` }),
    });
    assert.equal(res.status, 201, await res.clone().text());
  }
  return { booking, orderId: out.order.id, invoice: out.invoice ? { number: out.invoice.number, reference: out.invoice.reference } : undefined };
}

export interface Settlement { refund: number; refunds: { id: string; amount: number; status: string; provider: string }[]; credit_note: { number: string; pdf_url: string | null } | null; lines: { session_id: string | null; rule: string; refund: number; fee: number }[] }

/** Staff cancel the booking (by the program's policy unless `fault` says otherwise); answers its settlement. */
export async function staffCancel(app: Requester, bookingId: string, fault?: 'policy' | 'studio'): Promise<Settlement> {
  const res = await app.request(`/v1/admin/bookings/${bookingId}/cancel`, {
    method: 'POST', headers: { ...skFlow, 'Idempotency-Key': randomUUID(), 'Content-Type': 'application/json' }, body: JSON.stringify(fault ? { fault } : {}),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return ((await res.json()) as { settlement: Settlement }).settlement;
}

/** WinAnsi (the standard fonts' encoding): Latin-1, except 0x80–0x9F, which hold €, dashes and quotes. */
const WIN_ANSI_HIGH: Record<number, string> = { 0x80: '€', 0x82: '‚', 0x84: '„', 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x96: '–', 0x97: '—' };
function winAnsi(bytes: Buffer): string {
  return [...bytes].map((b) => WIN_ANSI_HIGH[b] ?? String.fromCharCode(b)).join('');
}

/**
 * The text of a PDF drawn by pdfkit with the standard fonts: each content stream inflated, the
 * strings of each `TJ` array (hex, WinAnsi) joined, one line per array. Enough to find words.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  // pdfkit ends the keyword lines with "\n" alone. An optional "\r" before "endstream" would take the
  // last byte of a deflated stream that ends in 0x0D (1 in 256) and leave it unreadable.
  for (const m of raw.matchAll(/stream\n([\s\S]*?)\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
    } catch {
      continue; // an image or font stream
    }
    for (const tj of content.matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?\d+(?:\.\d+)?)*)\]\s*TJ/g)) {
      lines.push([...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => winAnsi(Buffer.from(h[1]!, 'hex'))).join(''));
    }
  }
  return lines.join('\n');
}
