import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey, nordKey } from '../../support/app.ts';
import { Clock, DAY, postJson, problemOf, query } from '../../support/booking.ts';
import { EVOLVE_INTAKE, checkedOut, checkoutReq, customer, demoVariants, outboxOf, reserve, testPay } from '../../support/checkout.ts';
import type { QuoteResponse } from '../../../schema/api/checkout.ts';
import type { ProgramDetail } from '../../../schema/api/embed-programs.ts';
import { proofFor } from '../../support/identity.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

/** Mara (EVOLVE, weekly) Mon–Fri 9–12 Zurich; Noemi (Reiki) Mon/Wed/Fri 10–17. */
const START = '2026-11-25T08:00:00Z';

describe('checkout quote and the payment combinations that work', () => {
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

  const evolve8 = (firstStart: string) => reserve(app, { program: 'evolve', variant: v.evolve![1], customer: customer(), sessions: { mode: 'cadence', first_start: firstStart }, intake: EVOLVE_INTAKE });
  const reiki = (start: string) => reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer(), sessions: { mode: 'explicit', starts: [start] } });
  const quote = (b: { id: string; client_token: string }, q: Record<string, string>, headers: Record<string, string> = {}) =>
    Promise.resolve(app.request(`/v1/embed/bookings/${b.id}/quote?${new URLSearchParams(q)}`, { headers: { ...flowKey, 'Tandem-Booking-Token': b.client_token, ...headers } }));
  const quoted = async (res: Response) => {
    assert.equal(res.status, 200, await res.clone().text());
    return res.json() as Promise<QuoteResponse>;
  };
  const orders = async (bookingId: string) => Number((await query(db.db, sql`select count(*)::int as n from orders where booking_id = ${bookingId}`))[0]!.n);

  test('the program answer says which methods carry a deposit + plan: card only, none without a deposit', async () => {
    const evolve = await (await app.request('/v1/embed/programs/evolve', { headers: flowKey })).json() as ProgramDetail;
    const withPlan = evolve.variants.find((x) => x.pay_plan)!;
    assert.ok(withPlan.payment_methods.includes('twint'), 'TWINT is offered for paying in full');
    assert.deepEqual(withPlan.plan_methods, ['card']);
    const r = await (await app.request('/v1/embed/programs/reiki', { headers: flowKey })).json() as ProgramDetail;
    assert.deepEqual(r.variants[0]!.plan_methods, []);
  });

  test('a deposit with TWINT or a QR-bill is refused by quote and checkout alike, saying which methods can carry it', async () => {
    clock.set(START);
    const b = await evolve8('2026-12-02T08:00:00.000Z');
    for (const method of ['twint', 'qr_bill']) {
      for (const res of [await quote(b, { method, plan: 'deposit' }), await checkoutReq(app, b, { method, plan: 'deposit' })]) {
        assert.equal(res.status, 422);
        const p = await problemOf(res) as Awaited<ReturnType<typeof problemOf>> & { plan_methods?: string[] };
        assert.equal(p.code, 'payment_method_unavailable');
        assert.deepEqual(p.plan_methods, ['card']);
        assert.deepEqual(p.errors?.map((e) => e.field), ['method']);
      }
    }
    assert.equal(await orders(b.id), 0, 'nothing written');
  });

  test('a coupon is previewed before committing: the discounted total and what is due now, nothing written; checkout charges the same', async () => {
    clock.set(START);
    const b = await reiki('2026-12-04T10:00:00.000Z');
    const q = await quoted(await quote(b, { method: 'card', coupon: 'spring50' }));
    assert.equal(q.subtotal, 14000);
    assert.equal(q.discount_total, 5000);
    assert.deepEqual(q.discount, { code: 'SPRING50', source: 'coupon' });
    assert.equal(q.total, 9000);
    assert.equal(q.due_now, 9000);
    assert.deepEqual(q.installments, []);
    assert.equal(await orders(b.id), 0, 'a quote writes no order');
    const [coupon] = await query(db.db, sql`select redemptions from coupons where code = 'SPRING50'`);
    assert.equal(coupon!.redemptions, 0, 'a quote redeems nothing');
    const out = await checkedOut(await checkoutReq(app, b, { method: 'card', coupon: 'spring50' }));
    assert.equal(out.order.total, q.total);
    assert.equal(out.order.vat_total, q.vat_total);
    // Quoting again after a checkout does not count the booking's own unpaid order against the code.
    const again = await quoted(await quote(b, { method: 'card', coupon: 'SPRING50' }));
    assert.equal(again.total, 9000);
  });

  test('an unknown code is said on the coupon field, as checkout says it', async () => {
    clock.set(START);
    const b = await reiki('2026-12-07T10:00:00.000Z');
    const p = await problemOf(await quote(b, { method: 'card', coupon: 'NOPE' }));
    assert.equal(p.code, 'coupon_not_found');
    assert.deepEqual(p.errors?.map((e) => e.field), ['coupon']);
  });

  test('the QR-bill quote shows the 5-Rappen rounding before the invoice exists', async () => {
    clock.set(START);
    const b = await reiki('2026-12-09T10:00:00.000Z');
    const q = await quoted(await quote(b, { method: 'qr_bill', coupon: 'SPRING50' }));
    assert.equal(q.total % 5, 0);
    assert.equal(await orders(b.id), 0);
  });

  test('a payment plan never has an installment due after the last session, in the quote and at checkout', async () => {
    clock.set(START);
    // Four weekly sessions from 3 Dec 2026: the last on 24 Dec; the plan asks for 3 installments every 2 weeks from 25 Nov (9 Dec, 23 Dec, 6 Jan).
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![0], customer: customer(), sessions: { mode: 'cadence', first_start: '2026-12-03T08:00:00.000Z' }, intake: EVOLVE_INTAKE });
    const q = await quoted(await quote(b, { method: 'card', plan: 'deposit' }));
    const last = Date.parse('2026-12-24T08:00:00.000Z');
    assert.equal(q.plan, 'deposit');
    assert.equal(q.due_now, 15000);
    assert.deepEqual(q.installments.map((i) => [i.due_at, i.amount]), [['2026-12-09T08:00:00.000Z', 21500], ['2026-12-23T08:00:00.000Z', 21500]]);
    assert.ok(q.installments.every((i) => Date.parse(i.due_at) <= last), JSON.stringify(q.installments));
    assert.equal(q.due_now + q.installments.reduce((s, i) => s + i.amount, 0), q.total);
    const out = await checkedOut(await checkoutReq(app, b, { method: 'card', plan: 'deposit' }));
    assert.deepEqual(out.order.plan!.installments.map((i) => [i.due_at, i.amount]), q.installments.map((i) => [i.due_at, i.amount]));
  });

  test('only the booking\'s client token opens its quote; another studio\'s key finds nothing', async () => {
    clock.set(START);
    const b = await reiki('2026-12-14T10:00:00.000Z');
    const path = `/v1/embed/bookings/${b.id}/quote?method=card`;
    assert.equal((await app.request(path, { headers: flowKey })).status, 404);
    assert.equal((await app.request(path, { headers: { ...flowKey, 'Tandem-Booking-Token': 'ct_wrong' } })).status, 404);
    assert.equal((await app.request(path, { headers: { ...nordKey, 'Tandem-Booking-Token': b.client_token } })).status, 404);
    assert.equal((await app.request(path.replace('method=card', 'method=cash'), { headers: { ...flowKey, 'Tandem-Booking-Token': b.client_token } })).status, 400);
  });

  test('back from a card payment not made: the unpaid order is cancelled with the booking, the times are free at once', async () => {
    clock.set(START);
    const b = await reiki('2026-12-16T10:00:00.000Z');
    const out = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    const key = `release-${b.id}`;
    const res = await postJson(app, `/v1/embed/bookings/${b.id}/release`, {}, { 'Tandem-Booking-Token': b.client_token, 'Idempotency-Key': key });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await res.json() as { status: string }).status, 'cancelled');
    const [row] = await query(db.db, sql`select b.status::text as booking, o.status::text as order,
      (select string_agg(p.status::text || ':' || coalesce(p.failure_reason, ''), ',') from payments p where p.order_id = o.id) as payments,
      (select count(*) from schedule_blocks k join program_sessions s on s.id = k.session_id where s.booking_id = b.id and k.status = 'held')::int as held
      from program_bookings b join orders o on o.id = b.order_id where b.id = ${b.id}`);
    assert.deepEqual({ ...row }, { booking: 'cancelled', order: 'cancelled', payments: 'failed:the customer went back from the payment', held: 0 });
    assert.equal(out.order.status, 'pending');
    const again = await postJson(app, `/v1/embed/bookings/${b.id}/release`, {}, { 'Tandem-Booking-Token': b.client_token, 'Idempotency-Key': key });
    assert.equal(again.headers.get('idempotency-replayed'), 'true');
    // The same time can be booked again at once (by this customer choosing it again, or anyone).
    const rebooked = await reiki('2026-12-16T10:00:00.000Z');
    assert.ok(rebooked.id);
  });

  test('back from a QR-bill: the invoice may still be paid, so 409 checkout_started with when the times are given back; they stay held', async () => {
    clock.set(START);
    const b = await reiki('2026-12-16T13:00:00.000Z');
    const out = await checkedOut(await checkoutReq(app, b, { method: 'qr_bill' }, await proofFor(app, db.db, b.id)));
    const res = await postJson(app, `/v1/embed/bookings/${b.id}/release`, {}, { 'Tandem-Booking-Token': b.client_token });
    assert.equal(res.status, 409);
    const p = await problemOf(res) as Awaited<ReturnType<typeof problemOf>> & { hold_expires_at?: string };
    assert.equal(p.code, 'checkout_started');
    assert.match(p.detail ?? '', /payment/i);
    assert.equal(p.hold_expires_at, out.booking.hold_expires_at);
    const [row] = await query(db.db, sql`select b.status::text as booking, o.status::text as order from program_bookings b join orders o on o.id = b.order_id where b.id = ${b.id}`);
    assert.deepEqual({ ...row }, { booking: 'reserved', order: 'pending' });
  });

  test('the confirmation mail names the place once: "Studio Flow, Langstrasse 120, 8004 Zürich"', async () => {
    clock.set(START);
    const b = await reiki('2026-12-18T10:00:00.000Z');
    await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    const [mail] = await outboxOf(db.db, b.id);
    assert.match(String(mail!.text_body), /Studio Flow, Langstrasse 120, 8004 Zürich/);
    assert.doesNotMatch(String(mail!.text_body), /Langstrasse, Langstrasse/);
  });

  test('a hold that ran out: the quote says so', async () => {
    clock.set(START);
    const b = await reiki('2026-12-11T10:00:00.000Z');
    clock.advance(DAY);
    assert.equal((await problemOf(await quote(b, { method: 'card' }))).code, 'hold_expired');
  });
});
