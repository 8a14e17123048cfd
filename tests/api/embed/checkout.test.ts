import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey, nordKey, testConfig } from '../../support/app.ts';
import { Clock, DAY, MIN, asSystem, postJson, problemOf, query } from '../../support/booking.ts';
import { EVOLVE_INTAKE, bookingRow, checkedOut, checkoutReq, countsFor, customer, demoVariants, outboxOf, reserve, testPay } from '../../support/checkout.ts';
import { FLOW, NORD } from '../../../demo/seed/index.ts';
import { isValidQrr } from '../../../server/modules/billing/domain/qr-reference.ts';
import { settleReferralRewardNow } from '../../../server/modules/billing/index.ts';
import type { CheckoutResponse } from '../../../schema/api/checkout.ts';
import { proofFor, proveIdentity } from '../../support/identity.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

/**
 * Demo hours (Europe/Zurich, UTC+1 in December): Noemi (Reiki, 75 min + 15, Lotus room) Mon/Wed/Fri 10–17;
 * Mara (EVOLVE, weekly) Mon–Fri 9–12; Luca (SPLIT, weekly) Tue–Sat 7–11. Each test books its own times.
 */
const START = '2026-11-25T08:00:00Z';

describe('checkout API', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date(START));
  let v: Record<string, string[]> = {};

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    v = await demoVariants(app);
  });
  after(async () => db.close());

  const reiki = (start: string, who: Record<string, unknown> = customer()) => reserve(app, { program: 'reiki', variant: v.reiki![0], customer: who, sessions: { mode: 'explicit', starts: [start] } });
  const evolve8 = (firstStart: string) => reserve(app, { program: 'evolve', variant: v.evolve![1], customer: customer(), sessions: { mode: 'cadence', first_start: firstStart }, intake: EVOLVE_INTAKE });
  const pay = (b: { id: string; client_token: string }, body: unknown, headers: Record<string, string> = {}) => checkoutReq(app, b, body, headers);

  describe('card, through the built-in test processor', () => {
    test('Reiki in full: one package line with its VAT, a pending test payment, the booking still reserved', async () => {
      clock.set(START);
      const b = await reiki('2026-12-02T09:00:00.000Z');
      const out = await checkedOut(await pay(b, { method: 'card', plan: 'full' }));
      assert.equal(out.booking.status, 'reserved', 'never confirmed on the browser\'s word');
      assert.equal(out.order.currency, 'CHF');
      assert.equal(out.order.total, 14000);
      assert.equal(out.order.vat_total, 1049, 'CHF 140.00 at 8.1 % contains CHF 10.49');
      assert.deepEqual(out.order.lines.map((l) => [l.description, l.amount, l.vat_rate, l.vat_amount]), [['Reiki 1:1 — Single treatment', 14000, 8.1, 1049]]);
      assert.equal(out.payment?.provider, 'test');
      assert.equal(out.payment?.test_mode, true);
      assert.match(out.payment!.client_secret, /^test_pi_\w+_secret_\w+$/);
      assert.equal(out.payment?.amount, 14000);
      assert.match(out.booking.manage_url, /^http:\/\/localhost:8787\/manage\/[\w-]{43}$/, 'an opaque token (tests/api/identity/links.test.ts)');
      assert.equal(out.invoice, undefined);
      const [p] = await query(db.db, sql`select method, status, amount, provider, provider_ref from payments where order_id = ${out.order.id}`);
      assert.deepEqual({ ...p }, { method: 'card', status: 'pending', amount: 14000, provider: 'test', provider_ref: out.payment!.client_secret.split('_secret_')[0] });
      assert.equal((await countsFor(db.db, b.id)).invoices, 0, 'no invoice before the money is there');
    });

    test('test payment succeeds: confirmed once, blocks active, invoice no. 1, thread, one mail with .ics and PDF', async () => {
      clock.set(START);
      const b = await reiki('2026-12-02T10:30:00.000Z');
      const out = await checkedOut(await pay(b, { method: 'card' }));
      const res = await testPay(app, b, 'succeed');
      assert.equal(res.status, 200, await res.clone().text());
      const after = await res.json() as { booking: CheckoutResponse['booking']; order: CheckoutResponse['order'] };
      assert.equal(after.booking.status, 'confirmed');
      assert.equal(after.booking.hold_expires_at, null);
      assert.equal(after.order.status, 'paid');
      assert.equal(after.order.amount_paid, 14000);
      const blocks = await query(db.db, sql`select k.status::text as s from schedule_blocks k join program_sessions s on s.id = k.session_id where s.booking_id = ${b.id}`);
      assert.deepEqual(blocks.map((r) => r.s), ['active']);
      const [inv] = await query(db.db, sql`select number, snapshot->>'display_number' as printed from invoices where order_id = ${out.order.id}`);
      assert.ok(Number(inv!.number) >= 1);
      const c = await countsFor(db.db, b.id);
      assert.deepEqual({ ...c }, { orders: 1, invoices: 1, threads: 1, mails: 1, succeeded: 1, status: 'confirmed' });
      const [mail] = await outboxOf(db.db, b.id);
      assert.equal(mail!.status, 'pending');
      assert.match(String(mail!.subject), /^Buchung bestätigt: Reiki 1:1/, 'in the customer\'s language (de)');
      assert.match(String(mail!.text_body), /Mittwoch, 2\. Dezember 2026.*11:30–12:45/, 'the session in the customer\'s zone');
      assert.match(String(mail!.text_body), /Noemi Frei/);
      assert.match(String(mail!.text_body), /Langstrasse 120/);
      assert.match(String(mail!.text_body), /Bezahlt: CHF.140\.00/);
      assert.match(String(mail!.text_body), /\/manage\//);
      const attachments = mail!.attachments as { filename: string; content_type: string }[];
      assert.deepEqual(attachments.map((a) => a.filename), ['session-1.ics', `invoice-${String(inv!.printed)}.pdf`]);
      // The same again: nothing more.
      const again = await testPay(app, b, 'succeed');
      assert.equal(again.status, 409);
      assert.deepEqual({ ...await countsFor(db.db, b.id) }, { ...c });
    });

    test('test payment fails: the booking stays reserved and says why; a retry on the same intent confirms', async () => {
      clock.set(START);
      const b = await reiki('2026-12-02T12:00:00.000Z');
      await checkedOut(await pay(b, { method: 'card' }));
      const failed = await (await testPay(app, b, 'fail')).json() as { booking: CheckoutResponse['booking'] };
      assert.equal(failed.booking.status, 'reserved');
      assert.deepEqual(failed.booking.last_payment, { status: 'failed', failure_reason: 'Your card was declined. (test mode)' });
      assert.equal((await countsFor(db.db, b.id)).mails, 0);
      const polled = await (await app.request(`/v1/embed/bookings/${b.id}`, { headers: { ...flowKey, 'Tandem-Booking-Token': b.client_token } })).json() as { status: string; last_payment: unknown };
      assert.deepEqual([polled.status, polled.last_payment], ['reserved', { status: 'failed', failure_reason: 'Your card was declined. (test mode)' }]);
      const ok = await (await testPay(app, b, 'succeed')).json() as { booking: CheckoutResponse['booking'] };
      assert.equal(ok.booking.status, 'confirmed');
      assert.deepEqual(ok.booking.last_payment, { status: 'succeeded', failure_reason: null });
    });

    test('Idempotency-Key: the same request answers the same (one order, one intent); another body is 422', async () => {
      clock.set(START);
      const b = await reiki('2026-12-04T09:00:00.000Z');
      const key = randomUUID();
      const first = await checkedOut(await pay(b, { method: 'card' }, { 'Idempotency-Key': key }));
      const replay = await pay(b, { method: 'card' }, { 'Idempotency-Key': key });
      assert.equal(replay.headers.get('idempotency-replayed'), 'true');
      assert.deepEqual(await checkedOut(replay), first);
      assert.equal((await countsFor(db.db, b.id)).orders, 1);
      const other = await pay(b, { method: 'twint' }, { 'Idempotency-Key': key });
      assert.equal(other.status, 422);
      assert.equal((await problemOf(other)).code, 'idempotency_key_reused');
      const none = await app.request(`/v1/embed/bookings/${b.id}/checkout`, { method: 'POST', headers: { ...flowKey, 'Content-Type': 'application/json', 'Tandem-Booking-Token': b.client_token }, body: '{"method":"card"}' });
      assert.equal((await problemOf(none)).code, 'idempotency_key_required');
    });

    test('checking out again replaces the unpaid order: the earlier one is cancelled, its intent given up', async () => {
      clock.set(START);
      const b = await reiki('2026-12-04T10:30:00.000Z');
      const first = await checkedOut(await pay(b, { method: 'card' }));
      const second = await checkedOut(await pay(b, { method: 'twint' }));
      assert.notEqual(second.order.id, first.order.id);
      const rows = await query(db.db, sql`select o.id, o.status::text as status, p.status::text as payment, p.failure_reason from orders o join payments p on p.order_id = o.id where o.booking_id = ${b.id} order by o.created_at, p.created_at`);
      assert.deepEqual(rows.map((r) => [r.id, r.status, r.payment]), [[first.order.id, 'cancelled', 'failed'], [second.order.id, 'pending', 'pending']]);
      assert.equal((await bookingRow(db.db, b.id)).order_id, second.order.id);
    });

    test('a wrong booking token is 404; another studio\'s key is 404', async () => {
      clock.set(START);
      const b = await reiki('2026-12-04T12:00:00.000Z');
      assert.equal((await pay({ id: b.id, client_token: `bt_${'x'.repeat(32)}` }, { method: 'card' })).status, 404);
      assert.equal((await pay(b, { method: 'card' }, nordKey)).status, 404);
      const bad = await pay(b, { method: 'cash' });
      assert.equal(bad.status, 400);
      assert.deepEqual((await problemOf(bad)).errors?.map((e) => e.field), ['method']);
    });

    test('an expired hold: 409 hold_expired, the times released', async () => {
      clock.set(START);
      const b = await reiki('2026-12-04T13:30:00.000Z');
      clock.advance(16 * MIN);
      const res = await pay(b, { method: 'card' });
      assert.equal(res.status, 409);
      assert.equal((await problemOf(res)).code, 'hold_expired');
      assert.equal((await bookingRow(db.db, b.id)).status, 'cancelled');
      assert.equal((await countsFor(db.db, b.id)).orders, 0);
    });
  });

  describe('deposit and payment plan (EVOLVE 8-pack)', () => {
    test('deposit now, three installments every two weeks that add up to the total, the last before the last session; confirmed on the deposit', async () => {
      clock.set(START);
      const b = await evolve8('2026-12-01T08:00:00.000Z');
      const out = await checkedOut(await pay(b, { method: 'card', plan: 'deposit' }));
      assert.equal(out.order.total, 108000);
      assert.equal(out.payment?.amount, 30000, 'the deposit');
      assert.equal(out.order.plan?.deposit, 30000);
      assert.deepEqual(out.order.plan?.installments.map((i) => [i.seq, i.amount, i.due_at, i.status]), [
        [1, 26000, '2026-12-09T08:00:00.000Z', 'scheduled'],
        [2, 26000, '2026-12-23T08:00:00.000Z', 'scheduled'],
        [3, 26000, '2027-01-06T08:00:00.000Z', 'scheduled'],
      ]);
      assert.equal(out.order.plan!.deposit + out.order.plan!.installments.reduce((s, i) => s + i.amount, 0), out.order.total);
      const [plan] = await query(db.db, sql`select deposit, total, stripe_customer_id from payment_plans where order_id = ${out.order.id}`);
      assert.equal(plan!.deposit, 30000);
      assert.match(String(plan!.stripe_customer_id), /^test_cus_/, 'a customer to save the card to');
      const paid = await (await testPay(app, b, 'succeed')).json() as { booking: CheckoutResponse['booking']; order: CheckoutResponse['order'] };
      assert.equal(paid.booking.status, 'confirmed');
      assert.equal(paid.order.status, 'partially_paid');
      assert.equal(paid.order.amount_paid, 30000);
      assert.equal(paid.order.amount_due, 78000);
      const [saved] = await query(db.db, sql`select stripe_payment_method_id from payment_plans where order_id = ${out.order.id}`);
      assert.match(String(saved!.stripe_payment_method_id), /^test_pm_/, 'the card is kept for the installments');
      const [mail] = await outboxOf(db.db, b.id);
      assert.match(String(mail!.text_body), /Bezahlt: CHF.300\.00/);
      assert.match(String(mail!.text_body), /Noch offen: CHF.780\.00/);
      assert.match(String(mail!.text_body), /260\.00 am 9\. Dezember 2026/);
      assert.equal(String(mail!.text_body).match(/^\d\. /gm)?.length, 8, 'eight sessions listed');
    });

    test('a deposit is for card payments; a variant without a plan has none', async () => {
      clock.set(START);
      const b = await evolve8('2026-12-02T08:00:00.000Z');
      for (const method of ['twint', 'qr_bill']) {
        const res = await pay(b, { method, plan: 'deposit' });
        assert.equal(res.status, 422);
        assert.equal((await problemOf(res)).code, 'payment_method_unavailable');
      }
      const r = await reiki('2026-12-07T09:00:00.000Z');
      const res = await pay(r, { method: 'card', plan: 'deposit' });
      assert.equal((await problemOf(res)).code, 'payment_method_unavailable');
    });
  });

  describe('per-session billing (SPLIT)', () => {
    test('one line per session, the price split exactly', async () => {
      clock.set(START);
      const b = await reserve(app, { program: 'split', variant: v.split![0], customer: customer(), sessions: { mode: 'cadence', first_start: '2026-12-02T06:00:00.000Z' } });
      const out = await checkedOut(await pay(b, { method: 'card' }));
      assert.equal(out.order.lines.length, 6);
      assert.deepEqual(out.order.lines.map((l) => l.amount), [9000, 9000, 9000, 9000, 9000, 9000]);
      assert.match(out.order.lines[0]!.description, /^SPLIT — your grand écart in six weeks — Termin 1\/6 \(2\. Dezember 2026\)$/);
      assert.equal(out.order.lines.reduce((s, l) => s + l.amount, 0), out.order.total);
      assert.equal(out.order.lines.reduce((s, l) => s + l.vat_amount, 0), out.order.vat_total);
      const items = await query(db.db, sql`select session_id from order_items where order_id = ${out.order.id}`);
      assert.ok(items.every((i) => i.session_id), 'each line names its session');
    });
  });

  describe('TWINT', () => {
    test('CHF: an intent for TWINT', async () => {
      clock.set(START);
      const b = await reiki('2026-12-07T10:30:00.000Z');
      const out = await checkedOut(await pay(b, { method: 'twint' }));
      assert.equal(out.payment?.provider, 'test');
      const [p] = await query(db.db, sql`select method from payments where order_id = ${out.order.id}`);
      assert.equal(p!.method, 'twint');
    });

    test('over CHF 5,000 in one payment: payment_method_unavailable', async () => {
      clock.set(START);
      const b = await reiki('2026-12-07T12:00:00.000Z');
      await asSystem(db.db, FLOW.org, (tx) => tx.execute(sql`update program_bookings set total_price = 500005 where id = ${b.id}`));
      const res = await pay(b, { method: 'twint' });
      assert.equal(res.status, 422);
      const p = await problemOf(res);
      assert.equal(p.code, 'payment_method_unavailable');
      assert.deepEqual(p.errors?.map((e) => e.field), ['method']);
      assert.equal((await countsFor(db.db, b.id)).orders, 0);
    });

    test('not in euros (Atelier Nord)', async () => {
      clock.set(START);
      const nv = await demoVariants(app, nordKey);
      const slug = Object.keys(nv)[0]!;
      const slots = await (await app.request(`/v1/embed/programs/${slug}/slots?from=2026-12-03&to=2026-12-20&tz=Europe/Berlin`, { headers: nordKey })).json() as { days: { slots: { start: string }[] }[] };
      const start = slots.days.flatMap((d) => d.slots)[0]!.start;
      const b = await reserve(app, { program: slug, variant: nv[slug]![0], customer: customer(), sessions: { mode: 'later', first_start: start } }, nordKey);
      const res = await pay(b, { method: 'twint' }, nordKey);
      assert.equal((await problemOf(res)).code, 'payment_method_unavailable');
    });
  });

  describe('Swiss QR-bill', () => {
    test('an invoice with a QRR reference, the total rounded to 5 Rappen, a 5-day hold, the PDF by its link', async () => {
      clock.set(START);
      await asSystem(db.db, FLOW.org, (tx) => tx.execute(sql`insert into coupons (org_id, code, kind, percent_bp) values (${FLOW.org}, 'ODD333', 'percent', 333)`));
      // The long hold is for a proven e-mail address (the code by mail).
      const who = customer();
      const b = await reiki('2026-12-09T09:00:00.000Z', who);
      const out = await checkedOut(await pay(b, { method: 'qr_bill', coupon: 'odd333', billing_address: { street: 'Bahnhofstrasse', building_number: '1', postal_code: '8001', city: 'Zürich', country: 'ch' } }, await proveIdentity(app, db.db, who.email as string)));
      assert.equal(out.booking.status, 'reserved');
      assert.equal(out.booking.hold_expires_at, new Date(Date.parse(START) + 5 * DAY).toISOString());
      // 14000 − 3.33 % (466) = 13534 → 13535 payable; VAT stays on the exact amount.
      assert.equal(out.order.discount_total, 466);
      assert.equal(out.order.rounding_adjustment, 1);
      assert.equal(out.order.total, 13535);
      assert.deepEqual(out.order.lines.map((l) => [l.kind, l.amount]), [['item', 13534], ['rounding', 1]]);
      assert.equal(out.order.lines.reduce((s, l) => s + l.amount, 0), out.order.total);
      assert.equal(out.order.total % 5, 0);
      assert.ok(out.invoice);
      assert.match(out.invoice!.number, /^FLOW-2026-\d{4}$/);
      assert.ok(isValidQrr(out.invoice!.reference!), 'QR-IBAN → QRR with a valid check digit');
      const blocks = await query(db.db, sql`select k.hold_expires_at as h from schedule_blocks k join program_sessions s on s.id = k.session_id where s.booking_id = ${b.id}`);
      assert.deepEqual(blocks.map((r) => new Date(r.h as string).toISOString()), [out.booking.hold_expires_at]);
      // The download link works without any header (an <a href>), the PDF is a PDF.
      const pdf = await app.request(out.invoice!.pdf_url.replace('http://localhost:8787', ''));
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
      const tampered = await app.request(out.invoice!.pdf_url.replace('http://localhost:8787', '').replace(/.{2}\.pdf$/, 'xx.pdf'));
      assert.equal(tampered.status, 404);
      const byHeader = await app.request(`/v1/embed/bookings/${b.id}/invoice.pdf`, { headers: { ...flowKey, 'Tandem-Booking-Token': b.client_token } });
      assert.equal(byHeader.status, 200);
      const noToken = await app.request(`/v1/embed/bookings/${b.id}/invoice.pdf`, { headers: flowKey });
      assert.equal(noToken.status, 404);
      // The customer gets the invoice by mail.
      const [mail] = await outboxOf(db.db, out.order.id);
      assert.match(String(mail!.subject), new RegExp(`^Ihre Rechnung ${out.invoice!.number}: Reiki 1:1`));
      assert.match(String(mail!.text_body), /CHF.135\.35/);
      assert.deepEqual((mail!.attachments as { filename: string }[]).map((a) => a.filename), [`invoice-${out.invoice!.number}.pdf`]);
    });

    test('invoice numbers have no gaps, across methods and orgs', async () => {
      // Invoices of its own, so the check never runs on an empty table: a QR-bill (numbered at
      // checkout), a card payment (numbered on confirmation), and one at Atelier Nord.
      clock.set(START);
      const qrBooking = await reiki('2026-12-18T09:00:00.000Z');
      await checkedOut(await pay(qrBooking, { method: 'qr_bill' }, await proofFor(app, db.db, qrBooking.id)));
      const card = await reiki('2026-12-18T10:30:00.000Z');
      await checkedOut(await pay(card, { method: 'card' }));
      assert.equal((await testPay(app, card, 'succeed')).status, 200);
      const nv = await demoVariants(app, nordKey);
      const slug = Object.keys(nv)[0]!;
      const slots = await (await app.request(`/v1/embed/programs/${slug}/slots?from=2026-12-03&to=2026-12-20&tz=Europe/Berlin`, { headers: nordKey })).json() as { days: { slots: { start: string }[] }[] };
      const nord = await reserve(app, { program: slug, variant: nv[slug]![0], customer: customer(), sessions: { mode: 'later', first_start: slots.days.flatMap((d) => d.slots)[0]!.start } }, nordKey);
      await checkedOut(await pay(nord, { method: 'card' }, nordKey));
      assert.equal((await postJson(app, `/v1/embed/bookings/${nord.id}/test-payments`, { outcome: 'succeed' }, { ...nordKey, 'Tandem-Booking-Token': nord.client_token })).status, 200);
      for (const org of [FLOW.org, NORD.org]) {
        const numbers = (await query(db.db, sql`select number from invoices where org_id = ${org} order by number`)).map((r) => Number(r.number));
        assert.ok(numbers.length >= (org === FLOW.org ? 2 : 1), `${org}: ${numbers.length} invoices`);
        assert.deepEqual(numbers, numbers.map((_, i) => i + 1), 'each org counts from 1 without gaps');
      }
    });
  });

  describe('class credits', () => {
    test('the demo customer pays Reiki with 2 of 10 credits: confirmed at once, the ledger at 8', async () => {
      clock.set(START);
      const b = await reiki('2026-12-09T10:30:00.000Z', customer({ name: 'Demo Customer', email: 'demo.customer@example.ch' }));
      const out = await checkedOut(await pay(b, { method: 'credits' }, await proveIdentity(app, db.db, 'demo.customer@example.ch')));
      assert.equal(out.booking.status, 'confirmed');
      assert.equal(out.order.status, 'paid');
      assert.equal(out.order.credits, 2);
      assert.equal(out.order.total, 0, 'no money changes hands: the credits were paid for when bought');
      const ledger = await query(db.db, sql`select delta, balance_after, reason, booking_id from credit_ledger where customer_id = ${FLOW.demoCustomer} order by created_at`);
      assert.deepEqual(ledger.map((e) => [e.delta, e.balance_after]), [[10, 10], [-2, 8]]);
      assert.equal(ledger[1]!.booking_id, b.id);
      assert.equal((await countsFor(db.db, b.id)).mails, 1);
    });

    test('not enough credits: 422 insufficient_credits, nothing written', async () => {
      clock.set(START);
      const who = customer();
      const b = await reiki('2026-12-09T12:00:00.000Z', who);
      const res = await pay(b, { method: 'credits' }, await proveIdentity(app, db.db, who.email as string));
      assert.equal(res.status, 422);
      assert.equal((await problemOf(res)).code, 'insufficient_credits');
      assert.equal((await countsFor(db.db, b.id)).orders, 0);
      assert.equal((await bookingRow(db.db, b.id)).status, 'reserved');
    });

    test('two checkouts racing for the last credits: one wins, the other is refused, the balance never negative', async () => {
      clock.set(START);
      const who = customer();
      const a = await reiki('2026-12-11T09:00:00.000Z', who);
      const c = await reiki('2026-12-11T10:30:00.000Z', who);
      const [row] = await query(db.db, sql`select customer_id from program_bookings where id = ${a.id}`);
      await asSystem(db.db, FLOW.org, (tx) => tx.execute(sql`insert into credit_ledger (org_id, customer_id, delta, balance_after, reason) values (${FLOW.org}, ${row!.customer_id}, 3, 0, 'purchase')`));
      const proof = await proveIdentity(app, db.db, who.email as string);
      const results = await Promise.all([pay(a, { method: 'credits' }, proof), pay(c, { method: 'credits' }, proof)]);
      assert.deepEqual(results.map((r) => r.status).sort(), [200, 422]);
      const [bal] = await query(db.db, sql`select min(balance_after) as low, sum(delta)::int as balance from credit_ledger where customer_id = ${row!.customer_id}`);
      assert.equal(bal!.balance, 1);
      assert.ok(Number(bal!.low) >= 0);
    });

    test('a variant without a credit price cannot be paid in credits', async () => {
      clock.set(START);
      const b = await evolve8('2026-12-03T08:00:00.000Z');
      assert.equal((await problemOf(await pay(b, { method: 'credits' }))).code, 'payment_method_unavailable');
    });
  });

  describe('coupons and referral codes', () => {
    test('WELCOME10: 10 % off before VAT; once per customer', async () => {
      clock.set(START);
      const who = customer();
      const b = await reiki('2026-12-11T12:00:00.000Z', who);
      const proof = await proveIdentity(app, db.db, who.email as string);
      const out = await checkedOut(await pay(b, { method: 'card', coupon: ' welcome10 ' }, proof));
      assert.equal(out.order.discount_total, 1400);
      assert.equal(out.order.total, 12600);
      assert.equal(out.order.vat_total, 944, 'VAT of the discounted line');
      assert.deepEqual(out.order.discount, { code: 'WELCOME10', source: 'coupon' });
      const again = await reiki('2026-12-14T09:00:00.000Z', who);
      const res = await pay(again, { method: 'card', coupon: 'WELCOME10' }, proof);
      assert.equal(res.status, 422);
      const p = await problemOf(res);
      assert.equal(p.code, 'coupon_already_used');
      assert.deepEqual(p.errors?.map((e) => e.field), ['coupon']);
    });

    test('unknown, expired and used-up codes', async () => {
      clock.set(START);
      await asSystem(db.db, FLOW.org, async (tx) => {
        await tx.execute(sql`insert into coupons (org_id, code, kind, percent_bp, valid_until) values (${FLOW.org}, 'OLD', 'percent', 1000, '2026-01-01T00:00:00Z')`);
        await tx.execute(sql`insert into coupons (org_id, code, kind, amount_off, currency, max_redemptions) values (${FLOW.org}, 'ONCE', 'fixed', 1000, 'CHF', 1)`);
      });
      const b = await reiki('2026-12-14T10:30:00.000Z');
      assert.equal((await problemOf(await pay(b, { method: 'card', coupon: 'NOPE' }))).code, 'coupon_not_found');
      assert.equal((await problemOf(await pay(b, { method: 'card', coupon: 'OLD' }))).code, 'coupon_expired');
      const first = await checkedOut(await pay(b, { method: 'card', coupon: 'ONCE' }));
      assert.equal(first.order.total, 13000);
      const other = await reiki('2026-12-14T12:00:00.000Z');
      assert.equal((await problemOf(await pay(other, { method: 'card', coupon: 'ONCE' }))).code, 'coupon_exhausted');
      // Checking the first booking out again without the code gives its redemption back.
      await checkedOut(await pay(b, { method: 'card' }));
      await checkedOut(await pay(other, { method: 'card', coupon: 'ONCE' }));
      const [c] = await query(db.db, sql`select redemptions from coupons where code = 'ONCE'`);
      assert.equal(c!.redemptions, 1);
    });

    test('a referral code: the referee gets 10 %, the referrer a credit once the order is paid and the free window has passed; not one\'s own', async () => {
      clock.set(START);
      await asSystem(db.db, FLOW.org, (tx) => tx.execute(sql`insert into referral_codes (org_id, code, customer_id) values (${FLOW.org}, 'DEMO-FRIEND', ${FLOW.demoCustomer})`));
      const before = await query(db.db, sql`select coalesce(sum(delta), 0)::int as n from credit_ledger where customer_id = ${FLOW.demoCustomer}`);
      const referee = customer();
      const b = await reiki('2026-12-16T09:00:00.000Z', referee);
      const out = await checkedOut(await pay(b, { method: 'card', coupon: 'demo-friend' }, await proveIdentity(app, db.db, referee.email as string)));
      assert.equal(out.order.total, 12600);
      assert.deepEqual(out.order.discount, { code: 'DEMO-FRIEND', source: 'referral' });
      assert.equal((await query(db.db, sql`select count(*)::int as n from credit_ledger where reason = 'referral_reward'`))[0]!.n, 0, 'nothing before payment');
      await testPay(app, b, 'succeed');
      // Paid: the reward waits until the referee can no longer cancel for free (tests/api/billing/referrals.test.ts), then it is granted.
      const [reward] = await query(db.db, sql`select id, status, due_at from referral_rewards where order_id = ${out.order.id}`);
      assert.equal(reward!.status, 'pending');
      assert.equal((await query(db.db, sql`select count(*)::int as n from credit_ledger where reason = 'referral_reward'`))[0]!.n, 0, 'nothing before the free window has passed');
      assert.equal(await settleReferralRewardNow(db.db, testConfig, FLOW.org, String(reward!.id), new Date(String(reward!.due_at))), 'granted');
      const after = await query(db.db, sql`select coalesce(sum(delta), 0)::int as n from credit_ledger where customer_id = ${FLOW.demoCustomer}`);
      assert.equal(after[0]!.n, Number(before[0]!.n) + 1);
      const own = await reiki('2026-12-16T10:30:00.000Z', customer({ name: 'Demo Customer', email: 'demo.customer@example.ch' }));
      assert.equal((await problemOf(await pay(own, { method: 'card', coupon: 'DEMO-FRIEND' }, await proveIdentity(app, db.db, 'demo.customer@example.ch')))).code, 'referral_self');
    });

    test('a 100 % code: nothing to pay, confirmed at once', async () => {
      clock.set(START);
      await asSystem(db.db, FLOW.org, (tx) => tx.execute(sql`insert into coupons (org_id, code, kind, percent_bp) values (${FLOW.org}, 'FREE', 'percent', 10000)`));
      const b = await reiki('2026-12-16T12:00:00.000Z');
      const out = await checkedOut(await pay(b, { method: 'card', coupon: 'FREE' }));
      assert.equal(out.order.total, 0);
      assert.equal(out.booking.status, 'confirmed');
      assert.equal(out.payment, undefined);
    });
  });

  test('an unknown booking is 404', async () => {
    const orders = await postJson(app, '/v1/embed/bookings/00000000-0000-4000-8000-000000000000/checkout', { method: 'card' }, { 'Tandem-Booking-Token': `bt_${'y'.repeat(30)}` });
    assert.equal(orders.status, 404);
  });
});
