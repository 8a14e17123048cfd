/**
 * The accountant's reports on real bookings: two Reiki treatments paid by card (one cancelled
 * with a refund and a credit note), one on an unpaid QR-bill; revenue per month by program,
 * instructor and rate, refunds and credit notes, outstanding balances with the open QR-bill, the
 * VAT quarter; only owners and managers.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { issueRefund, mulDivRoundHalfUp } from '../../../server/modules/billing/index.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { demoVariants } from '../../support/checkout.ts';
import { cardPaid, qrBill, skFlow, staffCancel, staffKey } from '../../support/admin-money.ts';
import { FLOW } from '../../../demo/seed/index.ts';

const START = '2026-11-25T08:00:00Z';

function parse(csv: string): Record<string, string>[] {
  const [head, ...lines] = csv.split('\r\n').filter(Boolean);
  const cols = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])));
}

describe('finance reports', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date(START));
  let unpaidOrder = '';

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    const reiki = (await demoVariants(app)).reiki![0]!;
    await cardPaid(app, reiki, '2026-12-02T09:00:00.000Z');
    const cancelled = await cardPaid(app, reiki, '2026-12-04T09:00:00.000Z');
    unpaidOrder = (await qrBill(app, reiki, '2026-12-04T10:30:00.000Z', 0, db.db)).orderId;
    await staffCancel(app, cancelled.booking.id, 'studio');
  });
  after(async () => db.close());

  const get = (path: string, key = skFlow) => app.request(`/v1/admin/reports${path}`, { headers: key });

  test('revenue per month by program, instructor and rate: the invoiced lines, and what credit notes took back', async () => {
    const res = await get('/revenue.csv?from=2026-11-01&to=2026-11-30');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('Content-Type')!, /^text\/csv/);
    const rows = parse(await res.text());
    const [items] = await query(db.db, sql`select sum(amount)::int as gross, sum(vat_amount)::int as vat from order_items`);
    const invoiced = rows.filter((r) => r.kind === 'invoiced');
    assert.deepEqual([...new Set(invoiced.map((r) => `${r.month} ${r.program} ${r.instructor} ${r.vat_rate_percent}`))], ['2026-11 Reiki 1:1 Noemi Frei 8.10']);
    assert.equal(invoiced.reduce((a, r) => a + Number(r.gross_minor), 0), items!.gross);
    assert.equal(invoiced.reduce((a, r) => a + Number(r.vat_minor), 0), items!.vat);
    for (const r of rows) assert.equal(Number(r.gross_minor), Number(r.net_minor) + Number(r.vat_minor));
    const credited = rows.filter((r) => r.kind === 'credited');
    assert.deepEqual(credited.map((r) => [r.gross_minor, r.vat_minor]), [['14000', '1049']]);
  });

  test('refunds and credit notes, by date', async () => {
    const rows = parse(await (await get('/refunds.csv?from=2026-11-01&to=2026-12-31')).text());
    assert.deepEqual(rows.map((r) => [r.type, r.gross_minor, r.invoice?.startsWith('FLOW-2026-')]), [['credit_note', '14000', true], ['refund', '14000', true]]);
  });

  test('outstanding balances: the unpaid QR-bill with its reference', async () => {
    const rows = parse(await (await get('/outstanding.csv')).text());
    assert.deepEqual(rows.map((r) => [r.order_id, r.balance_minor, r.qr_bill]), [[unpaidOrder, '14000', 'yes']]);
    assert.match(rows[0]!.qr_reference!, /^\d{27}$|^RF/);
  });

  test('the VAT quarter: turnover and tax per rate, invoiced less credited, the form\'s figures', async () => {
    const res = await get('/vat?year=2026&quarter=4');
    assert.equal(res.status, 200, await res.clone().text());
    const v = await res.json() as { rates: { vat_rate_bp: number; form_figure: string; turnover: number; tax: number; invoiced: { net: number; vat: number }; credited: { net: number; vat: number } }[]; figures: Record<string, number>; tax_total: number };
    const [items] = await query(db.db, sql`select sum(amount - vat_amount)::int as net, sum(vat_amount)::int as vat from order_items`);
    assert.equal(v.rates.length, 1);
    const r = v.rates[0]!;
    assert.deepEqual([r.vat_rate_bp, r.form_figure], [810, '303']);
    assert.deepEqual([r.invoiced.net, r.invoiced.vat], [items!.net, items!.vat]);
    assert.equal(r.turnover, r.invoiced.net - r.credited.net);
    assert.equal(r.tax, r.invoiced.vat - r.credited.vat);
    assert.deepEqual(v.figures, { 200: r.turnover, 230: 0, 299: r.turnover, 303: r.turnover });
    assert.equal(v.tax_total, r.tax);
    const csv = parse(await (await get('/vat.csv?year=2026&quarter=4')).text());
    assert.deepEqual(csv.map((x) => [x.form_figure, Number(x.turnover_minor), Number(x.tax_minor)]), [['303', r.turnover, r.tax]]);
    assert.equal(((await (await get('/vat?year=2026&quarter=3')).json()) as { rates: unknown[] }).rates.length, 0);
  });

  test('the cash basis beside the accrual: money received and paid back per month, method and rate', async () => {
    // The studio-fault refund leaves through the provider (its job), on 26 November.
    clock.set('2026-11-26T10:00:00Z');
    for (const r of await query(db.db, sql`select id from refunds where kind = 'provider' and status = 'pending'`)) {
      await issueRefund({ db: db.db, payments: testProvider(), now: clock.now, config: testConfig }, FLOW.org, String(r.id));
    }
    const res = await get('/cash.csv?from=2026-11-01&to=2026-11-30');
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.equal(text.split('\r\n')[0], 'month,kind,method,vat_rate_percent,gross_minor,net_minor,vat_minor,gross,net,vat,currency');
    const rows = parse(text);
    const [paid] = await query(db.db, sql`select sum(amount)::int as n from payments where status = 'succeeded'`);
    const [back] = await query(db.db, sql`select sum(amount)::int as n from refunds where status = 'succeeded'`);
    assert.deepEqual(rows.map((r) => [r.month, r.kind, r.method, r.vat_rate_percent, Number(r.gross_minor)]), [
      ['2026-11', 'received', 'card', '8.10', paid!.n], ['2026-11', 'refunded', 'card', '8.10', back!.n],
    ], 'the unpaid QR-bill brought no money; the refund is the studio-fault one');
    const [items] = await query(db.db, sql`select sum(amount)::int as gross, sum(vat_amount)::int as vat from order_items where vat_rate_bp = 810 limit 1`);
    for (const r of rows) {
      assert.equal(Number(r.gross_minor), Number(r.net_minor) + Number(r.vat_minor));
      assert.ok(Math.abs(Number(r.vat_minor) - mulDivRoundHalfUp(Number(r.gross_minor), items!.vat as number, items!.gross as number)) <= 2, 'the VAT of the money, at its order\'s rate');
    }
    assert.equal(parse(await (await get('/cash.csv?from=2026-12-01&to=2026-12-31')).text()).length, 0, 'nothing moved in December');
  });

  test('only owners and managers; bad ranges are a 400 per field', async () => {
    const mara = await staffKey(db.db, FLOW.mara);
    for (const path of ['/cash.csv?from=2026-11-01&to=2026-11-30', '/revenue.csv?from=2026-11-01&to=2026-11-30', '/refunds.csv?from=2026-11-01&to=2026-11-30', '/outstanding.csv', '/vat?year=2026&quarter=4']) {
      const res = await get(path, mara);
      assert.equal(res.status, 403, path);
    }
    let res = await get('/revenue.csv?from=2026-12-01&to=2026-11-30');
    assert.equal(res.status, 400);
    assert.deepEqual((await problemOf(res)).errors?.map((e) => e.field), ['to']);
    res = await get('/vat?year=2026&quarter=5');
    assert.equal(res.status, 400);
    res = await get('/revenue.csv?from=2026-02-30&to=2026-03-01');
    assert.equal(res.status, 400);
  });
});
