/**
 * Issue 11, item 5: a Swiss QR-bill only for studios with a Swiss or Liechtenstein account (swissqrbill
 * takes CH/LI IBANs only: Atelier Nord, EUR with a German IBAN, got a 500); euro studios with another
 * SEPA account offer an invoice with an EPC QR code (GiroCode) instead, reconciled like a QR-bill.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import jsQRModule from 'jsqr';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey, nordKey } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, reserve } from '../../support/checkout.ts';
import { isValidScor } from '../../../server/modules/billing/domain/qr-reference.ts';
import { EPC_QR_MODULE_PT } from '../../../server/modules/billing/invoice-pdf.ts';
import type { ProgramDetail } from '../../../schema/api/embed-programs.ts';
import { proveIdentity } from '../../support/identity.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
/** jsqr is CommonJS: its default export is the function itself at run time, `.default` in its types. */
const jsQR = (typeof jsQRModule === 'function' ? jsQRModule : jsQRModule.default) as typeof jsQRModule.default;
const START = '2026-11-25T08:00:00Z';
const skNord = { Authorization: 'Bearer sk_test_nord' };

/** The QR codes a PDF draws as squares of EPC_QR_MODULE_PT, decoded (the page's streams inflated, the squares put back on a grid). */
export function qrCodesInPdf(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  const size = String(EPC_QR_MODULE_PT);
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = text.indexOf('endstream', start);
    let content: string;
    try { content = inflateSync(pdf.subarray(start, end)).toString('latin1'); } catch { continue; }
    const squares = [...content.matchAll(new RegExp(`(-?[\\d.]+) (-?[\\d.]+) ${size.replace('.', '\\.')} ${size.replace('.', '\\.')} re`, 'g'))].map((r) => [Number(r[1]), Number(r[2])] as const);
    if (squares.length < 50) continue;
    const x0 = Math.min(...squares.map((s) => s[0]));
    const y0 = Math.min(...squares.map((s) => s[1]));
    const cells = squares.map(([x, y]) => [Math.round((x - x0) / EPC_QR_MODULE_PT), Math.round((y - y0) / EPC_QR_MODULE_PT)] as const);
    const n = Math.max(...cells.map((c) => Math.max(c[0], c[1]))) + 1;
    const scale = 4;
    const quiet = 4;
    const px = (n + 2 * quiet) * scale;
    const rgba = new Uint8ClampedArray(px * px * 4).fill(255);
    for (const [c, r] of cells) {
      for (let dy = 0; dy < scale; dy++) for (let dx = 0; dx < scale; dx++) {
        const i = (((r + quiet) * scale + dy) * px + (c + quiet) * scale + dx) * 4;
        rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
      }
    }
    const decoded = jsQR(rgba, px, px);
    if (decoded) out.push(decoded.data);
  }
  return out;
}

describe('bank transfer methods by the studio\'s account (issue 11, item 5)', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date(START));
  let nordSlug = '';
  let nordVariant = '';
  let flowReiki = '';

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    const nv = await demoVariants(app, nordKey);
    nordSlug = Object.keys(nv)[0]!;
    nordVariant = nv[nordSlug]![0]!;
    flowReiki = (await demoVariants(app)).reiki![0]!;
  });
  after(async () => db.close());

  /** A Nord booking whose session is a week or more ahead (a bank transfer takes days). */
  async function nordBooking(who: Record<string, unknown> = customer()) {
    clock.set(START);
    const slots = await (await app.request(`/v1/embed/programs/${nordSlug}/slots?from=2026-12-07&to=2026-12-20&tz=Europe/Berlin`, { headers: nordKey })).json() as { days: { slots: { start: string }[] }[] };
    const free = slots.days.flatMap((d) => d.slots).map((s) => s.start);
    for (const start of free) {
      const res = await app.request('/v1/embed/bookings', {
        method: 'POST', headers: { ...nordKey, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify({ program: nordSlug, variant: nordVariant, customer: who, sessions: { mode: 'explicit', starts: [start] } }),
      });
      if (res.status === 201) return res.json() as Promise<{ id: string; client_token: string }>;
    }
    throw new Error('no free Nord slot');
  }

  test('the program answer lists a QR-bill for the Swiss studio only, a bank transfer for the German one', async () => {
    const nord = await (await app.request(`/v1/embed/programs/${nordSlug}`, { headers: nordKey })).json() as ProgramDetail;
    for (const v of nord.variants) {
      assert.equal(v.currency, 'EUR');
      assert.ok(!v.payment_methods.includes('qr_bill'), 'no Swiss QR-bill for a German IBAN');
      assert.ok(v.payment_methods.includes('bank_transfer'), 'an EPC QR invoice for a SEPA IBAN in EUR');
      assert.ok(!v.payment_methods.includes('twint'));
      assert.equal(v.payment_methods[0], 'card');
    }
    const reiki = await (await app.request('/v1/embed/programs/reiki', { headers: flowKey })).json() as ProgramDetail;
    assert.deepEqual(reiki.variants[0]!.payment_methods.filter((m) => m !== 'credits'), ['card', 'twint', 'qr_bill']);
  });

  test('a QR-bill checkout at the German studio: 422 payment_method_unavailable on `method`, not a 500', async () => {
    const b = await nordBooking();
    const res = await checkoutReq(app, b, { method: 'qr_bill' }, nordKey);
    assert.ok(res.status === 400 || res.status === 422, `status ${res.status}: ${await res.clone().text()}`);
    const p = await problemOf(res);
    assert.equal(p.code, 'payment_method_unavailable');
    assert.deepEqual(p.errors?.map((e) => e.field), ['method']);
    assert.equal((await query(db.db, sql`select count(*)::int as n from invoices i join orders o on o.id = i.order_id where o.booking_id = ${b.id}`))[0]!.n, 0);
  });

  test('a bank transfer at the Swiss studio is refused the same way (it offers the QR-bill)', async () => {
    clock.set(START);
    const b = await reserve(app, { program: 'reiki', variant: flowReiki, customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-07T09:00:00.000Z'] } });
    const p = await problemOf(await checkoutReq(app, b, { method: 'bank_transfer' }));
    assert.equal(p.code, 'payment_method_unavailable');
    assert.deepEqual(p.errors?.map((e) => e.field), ['method']);
  });

  test('a bank transfer at the German studio: an invoice whose EPC QR code decodes to the GiroCode payload; staff record the transfer', async () => {
    // A bank-transfer invoice is for a proven address (the code by mail).
    const who = customer();
    const b = await nordBooking(who);
    const out = await checkedOut(await checkoutReq(app, b, { method: 'bank_transfer' }, { ...nordKey, ...await proveIdentity(app, db.db, who.email as string, nordKey) }));
    assert.equal(out.booking.status, 'reserved');
    assert.equal(out.order.currency, 'EUR');
    assert.equal(out.payment, undefined);
    const reference = out.invoice!.reference!;
    assert.ok(isValidScor(reference), `an ISO 11649 reference: ${reference}`);
    const [inv] = await query(db.db, sql`select reference_type, snapshot from invoices where order_id = ${out.order.id}`);
    assert.equal(inv!.reference_type, 'SCOR');
    assert.equal((inv!.snapshot as { qr: { scheme: string } }).qr.scheme, 'epc');

    const pdf = Buffer.from(await (await app.request(out.invoice!.pdf_url.replace('http://localhost:8787', ''))).arrayBuffer());
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const euros = `${Math.floor(out.order.total / 100)}${out.order.total % 100 ? `.${String(out.order.total % 100).padStart(2, '0')}` : ''}`;
    assert.deepEqual(qrCodesInPdf(pdf), [
      ['BCD', '002', '1', 'SCT', '', 'Atelier Nord UG', 'DE89370400440532013000', `EUR${euros}`, '', reference, '', `Rechnung ${out.invoice!.number}`].join('\n'),
    ]);

    const res = await app.request(`/v1/admin/orders/${out.order.id}/payments`, {
      method: 'POST', headers: { ...skNord, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ amount: out.order.total, method: 'bank_transfer', reference: `SEPA ${reference}` }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    const paid = await res.json() as { order: { status: string }; booking: { status: string } };
    assert.deepEqual([paid.order.status, paid.booking.status], ['paid', 'confirmed']);
  });
});
