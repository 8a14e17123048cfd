/**
 * GET /v1/admin/orders/:id and GET /v1/admin/orders?reference=…: an order with its payments,
 * installments, refunds, invoices and credit notes, and what is still owed, as staff see it.
 * Reiki: CHF 140 (8.1 % VAT), free cancellation up to 48 h before.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, problemOf } from '../../support/booking.ts';
import { demoVariants } from '../../support/checkout.ts';
import { cardPaid, conductingInstructorKey, qrBill, skFlow, skNord, staffCancel } from '../../support/admin-money.ts';
import { runDueJobs } from '../../../server/platform/jobs/queue.ts';
import { jobDefinitions } from '../../../server/jobs.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import { localMailer } from '../../../server/platform/adapters/mail/mailer.ts';
import type { AdminOrderOut } from '../../../schema/api/admin-orders.ts';

const START = '2026-11-25T08:00:00Z';

describe('admin: orders with their money (GET /v1/admin/orders/:id, ?reference=)', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let reiki = '';
  const clock = new Clock(new Date(START));
  const payments = testProvider();

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now, payments });
    reiki = (await demoVariants(app)).reiki![0]!;
  });
  after(async () => db.close());

  const get = (path: string, headers: Record<string, string> = skFlow) => app.request(path, { headers });
  async function order(id: string): Promise<AdminOrderOut> {
    const res = await get(`/v1/admin/orders/${id}`);
    assert.equal(res.status, 200, await res.clone().text());
    return res.json() as Promise<AdminOrderOut>;
  }
  async function search(reference: string, headers: Record<string, string> = skFlow): Promise<AdminOrderOut[]> {
    const res = await get(`/v1/admin/orders?reference=${encodeURIComponent(reference)}`, headers);
    assert.equal(res.status, 200, await res.clone().text());
    return ((await res.json()) as { orders: AdminOrderOut[] }).orders;
  }

  test('a card order cancelled in the free window: the payment, the provider refund on its way then done, the invoice and its credit note; nothing owed', async () => {
    clock.set(START);
    const { booking, orderId } = await cardPaid(app, reiki, '2026-12-02T09:00:00.000Z');
    const before = await order(orderId);
    assert.deepEqual([before.status, before.total, before.amount_paid, before.balance_due, before.booking_id], ['paid', 14000, 14000, 0, booking.id]);
    assert.deepEqual(before.payments.map((p) => [p.status, p.amount, p.method]), [['succeeded', 14000, 'card']]);
    assert.equal(before.invoices.length, 1);
    assert.equal(before.invoices[0]!.pdf_url, `${testConfig.publicOrigin}/v1/admin/invoices/${before.invoices[0]!.id}.pdf`);
    assert.deepEqual([before.refunds, before.credit_notes], [[], []]);
    assert.equal(before.lines.length, 1);
    assert.ok(before.customer?.email.endsWith('@example.ch'));

    const settlement = await staffCancel(app, booking.id);
    const after = await order(orderId);
    assert.equal(after.status, 'refunded');
    assert.deepEqual(after.refunds.map((r) => [r.kind, r.status, r.amount, r.payment_id]), [['provider', 'pending', 14000, before.payments[0]!.id]]);
    assert.deepEqual([after.refunded, after.refunds_pending, after.credited, after.balance_due], [0, 14000, 14000, 0]);
    const [note] = after.credit_notes;
    assert.deepEqual({ number: note!.number, total: note!.total, vat_total: note!.vat_total, invoice_number: note!.invoice_number },
      { number: settlement.credit_note!.number, total: 14000, vat_total: 1049, invoice_number: before.invoices[0]!.number });
    assert.ok(note!.issued_at);
    assert.equal(note!.pdf_url, `${testConfig.publicOrigin}/v1/admin/credit-notes/${note!.id}.pdf`);
    assert.equal(settlement.credit_note!.pdf_url, note!.pdf_url, 'the settlement answer points at the same PDF');

    await runDueJobs(db.executor, jobDefinitions({ db: db.db, now: clock.now, config: testConfig, payments, mailer: localMailer() }));
    const sent = await order(orderId);
    assert.deepEqual(sent.refunds.map((r) => r.status), ['succeeded']);
    assert.ok(sent.refunds[0]!.completed_at);
    assert.deepEqual([sent.refunded, sent.refunds_pending, sent.balance_due], [14000, 0, 0]);
  });

  test('a QR-bill: partly paid it owes the rest; paid and cancelled, its bank refund is pending_transfer; found by its reference or number', async () => {
    clock.set(START);
    const part = await qrBill(app, reiki, '2026-12-04T09:00:00.000Z', 4000, db.db);
    const open = await order(part.orderId);
    assert.deepEqual([open.status, open.amount_paid, open.amount_due, open.balance_due], ['partially_paid', 4000, 10000, 10000]);
    assert.deepEqual(open.payments.map((p) => [p.method, p.status, p.amount]), [['bank_transfer', 'succeeded', 4000]]);
    assert.match(open.payments[0]!.reference ?? '', /^camt /);
    assert.equal(open.invoices[0]!.reference, part.invoice!.reference);
    assert.equal(open.invoices[0]!.reference_type, 'QRR');

    const paid = await qrBill(app, reiki, '2026-12-04T10:30:00.000Z', 14000, db.db);
    await staffCancel(app, paid.booking.id);
    const cancelled = await order(paid.orderId);
    assert.deepEqual(cancelled.refunds.map((r) => [r.kind, r.status, r.amount, r.transfer_reference, r.completed_at]), [['bank_transfer', 'pending_transfer', 14000, null, null]]);
    assert.deepEqual([cancelled.refunds_pending, cancelled.credited, cancelled.balance_due], [14000, 14000, 0]);

    // A bank line names the QR reference, grouped in fives as printed on the bill, or the invoice number.
    const qrr = paid.invoice!.reference!;
    assert.match(qrr, /^\d{27}$/);
    const grouped = `${qrr.slice(0, 2)} ${qrr.slice(2).replace(/(\d{5})(?=\d)/g, '$1 ')}`;
    assert.deepEqual((await search(grouped)).map((o) => o.id), [paid.orderId]);
    assert.deepEqual((await search(qrr)).map((o) => [o.id, o.refunds[0]!.status]), [[paid.orderId, 'pending_transfer']]);
    assert.deepEqual((await search(paid.invoice!.number)).map((o) => o.id), [paid.orderId]);
    assert.deepEqual((await search(`Rechnung ${part.invoice!.number}`)).map((o) => o.id), [part.orderId]);
    assert.deepEqual((await search(`#${part.invoice!.number}`)).map((o) => o.balance_due), [10000]);
    assert.deepEqual(await search('99999999'), []);
    assert.deepEqual(await search('RF18 5390 0754 7034'), []);
  });

  test('who sees what: an instructor (even the one conducting the booking) no money, another studio nothing, no key 401', async () => {
    clock.set(START);
    const b = await qrBill(app, reiki, '2026-12-04T12:00:00.000Z', 0, db.db);
    const instructor = await conductingInstructorKey(db.db, b.booking.id);
    for (const [who, headers] of [['instructor', instructor], ['another studio', skNord]] as const) {
      const res = await get(`/v1/admin/orders/${b.orderId}`, headers);
      assert.equal(res.status, 404, who);
      assert.equal((await problemOf(res)).code, 'not_found');
      assert.deepEqual(await search(b.invoice!.reference!, headers), [], `${who}: no match`);
      assert.deepEqual(await search(b.invoice!.number, headers), [], `${who}: no match`);
    }
    assert.equal((await order(b.orderId)).id, b.orderId, 'the owner sees it');
    const noKey = await app.request(`/v1/admin/orders/${b.orderId}`);
    assert.equal(noKey.status, 401);
    assert.equal((await problemOf(noKey)).code, 'unauthorized');
    assert.equal((await app.request(`/v1/admin/orders?reference=${b.invoice!.number}`)).status, 401);
    assert.equal((await get(`/v1/admin/orders/${b.orderId}`, { Authorization: 'Bearer pk_test_flow' })).status, 401);
    const unknown = await get('/v1/admin/orders/00000000-0000-4000-8000-000000000000');
    assert.equal(unknown.status, 404);
  });

  test('validation: the id must be a UUID, the reference is required, one line, at most 64 characters', async () => {
    const cases: [string, string][] = [
      ['/v1/admin/orders/not-a-uuid', 'id'],
      ['/v1/admin/orders', 'reference'],
      ['/v1/admin/orders?reference=', 'reference'],
      ['/v1/admin/orders?reference=%20%20', 'reference'],
      [`/v1/admin/orders?reference=${'1'.repeat(65)}`, 'reference'],
      ['/v1/admin/orders?reference=a%0Ab', 'reference'],
      ['/v1/admin/orders?reference=a%00b', 'reference'],
    ];
    for (const [path, field] of cases) {
      const res = await get(path);
      assert.equal(res.status, 400, path);
      const problem = await problemOf(res);
      assert.equal(problem.code, 'validation_failed');
      assert.deepEqual(problem.errors?.map((e) => e.field), [field], path);
    }
  });
});
