import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey } from '../../support/app.ts';
import { Clock, HOUR, postJson, problemOf, query, asSystem } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, reserve, testPay } from '../../support/checkout.ts';
import { proveIdentity } from '../../support/identity.ts';
import { FLOW } from '../../../demo/seed/index.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

/** Demo hours: Noemi (Reiki, 75 min + 15) Mon/Wed/Fri 10–17 Europe/Zurich. Each test books its own times. */
const START = '2026-11-25T08:00:00Z';
const VICTIM = { name: 'Demo Customer', email: 'demo.customer@example.ch' };

describe('stored value and personal data need proof of the address', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date(START));
  let v: Record<string, string[]> = {};

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    v = await demoVariants(app);
    await asSystem(db.db, FLOW.org, (tx) => tx.execute(sql`insert into referral_codes (org_id, code, customer_id) values (${FLOW.org}, 'DEMO-FRIEND', ${FLOW.demoCustomer})`));
  });
  after(async () => db.close());

  const reiki = (start: string, who: Record<string, unknown> = customer()) => reserve(app, { program: 'reiki', variant: v.reiki![0], customer: who, sessions: { mode: 'explicit', starts: [start] } });
  const balance = async (customerId: string) => Number((await query(db.db, sql`select coalesce(sum(delta), 0)::int as n from credit_ledger where customer_id = ${customerId}`))[0]!.n);
  /** A problem body without what differs per request (nothing may differ per address). */
  const answerOf = async (res: Response) => ({ status: res.status, body: await problemOf(res) });

  test('paying with credits by someone else\'s address: 403 identity_required, the same as for any address; nothing spent', async () => {
    clock.set(START);
    const victim = await reiki('2026-12-02T09:00:00.000Z', customer({ ...VICTIM, name: 'Mallory' }));
    const stranger = await reiki('2026-12-02T10:30:00.000Z');
    const a = await answerOf(await checkoutReq(app, victim, { method: 'credits' }));
    const b = await answerOf(await checkoutReq(app, stranger, { method: 'credits' }));
    assert.equal(a.status, 403);
    assert.equal(a.body.code, 'identity_required');
    assert.deepEqual(a, b, 'the answer says nothing about the address');
    assert.equal(await balance(FLOW.demoCustomer), 10);
    assert.equal((await query(db.db, sql`select count(*)::int as n from orders where booking_id = ${victim.id}`))[0]!.n, 0);
  });

  test('with the identity token of the booking\'s address credits pay; another address\'s token is no proof', async () => {
    clock.set(START);
    const b = await reiki('2026-12-02T12:00:00.000Z', customer(VICTIM));
    const other = await proveIdentity(app, db.db, customer().email as string);
    assert.equal((await problemOf(await checkoutReq(app, b, { method: 'credits' }, other))).code, 'identity_required');
    const proof = await proveIdentity(app, db.db, VICTIM.email);
    const out = await checkedOut(await checkoutReq(app, b, { method: 'credits' }, proof));
    assert.equal(out.booking.status, 'confirmed');
    assert.equal(out.order.credits, 2);
    assert.equal(await balance(FLOW.demoCustomer), 8);
  });

  test('insufficient_credits (and the balance) is told only to the proven customer', async () => {
    clock.set(START);
    const who = customer();
    const b = await reiki('2026-12-02T13:30:00.000Z', who);
    assert.equal((await problemOf(await checkoutReq(app, b, { method: 'credits' }))).code, 'identity_required');
    const p = await problemOf(await checkoutReq(app, b, { method: 'credits' }, await proveIdentity(app, db.db, who.email as string)));
    assert.equal(p.code, 'insufficient_credits');
  });

  test('a revoked or expired identity token is no proof', async () => {
    clock.set(START);
    const b = await reiki('2026-12-04T09:00:00.000Z', customer(VICTIM));
    const proof = await proveIdentity(app, db.db, VICTIM.email);
    const out = await postJson(app, '/v1/embed/identity/sign-out', {}, proof);
    assert.equal(out.status, 204);
    assert.equal((await problemOf(await checkoutReq(app, b, { method: 'credits' }, proof))).code, 'identity_required');
    const later = await proveIdentity(app, db.db, VICTIM.email);
    clock.advance(12 * HOUR + 1000);
    const c = await reiki('2026-12-04T10:30:00.000Z', customer(VICTIM));
    assert.equal((await problemOf(await checkoutReq(app, c, { method: 'credits' }, later))).code, 'identity_required');
    assert.equal((await checkedOut(await checkoutReq(app, c, { method: 'credits' }, await proveIdentity(app, db.db, VICTIM.email)))).booking.status, 'confirmed');
  });

  test('a per-customer coupon answers the same for an address that used it and one that did not, until the address is proven', async () => {
    clock.set(START);
    const used = customer();
    const first = await reiki('2026-12-07T09:00:00.000Z', used);
    await checkedOut(await checkoutReq(app, first, { method: 'card', coupon: 'WELCOME10' }, await proveIdentity(app, db.db, used.email as string)));
    const again = await reiki('2026-12-07T10:30:00.000Z', used);
    const newcomer = customer();
    const fresh = await reiki('2026-12-07T12:00:00.000Z', newcomer);
    const a = await answerOf(await checkoutReq(app, again, { method: 'card', coupon: 'WELCOME10' }));
    const b = await answerOf(await checkoutReq(app, fresh, { method: 'card', coupon: 'WELCOME10' }));
    assert.equal(a.body.code, 'identity_required');
    assert.deepEqual(a, b);
    assert.equal((await problemOf(await checkoutReq(app, again, { method: 'card', coupon: 'WELCOME10' }, await proveIdentity(app, db.db, used.email as string)))).code, 'coupon_already_used');
    assert.equal((await checkedOut(await checkoutReq(app, fresh, { method: 'card', coupon: 'WELCOME10' }, await proveIdentity(app, db.db, newcomer.email as string)))).order.discount_total, 1400);
    // A coupon that counts no uses per customer needs no proof.
    await asSystem(db.db, FLOW.org, (tx) => tx.execute(sql`insert into coupons (org_id, code, kind, percent_bp) values (${FLOW.org}, 'OPEN5', 'percent', 500)`));
    assert.equal((await checkedOut(await checkoutReq(app, await reiki('2026-12-07T13:30:00.000Z'), { method: 'card', coupon: 'OPEN5' }))).order.discount_total, 700);
  });

  test('a referral code answers the same for its owner\'s address and a newcomer\'s, until the address is proven', async () => {
    clock.set(START);
    const own = await reiki('2026-12-09T09:00:00.000Z', customer({ ...VICTIM, name: 'Mallory' }));
    const newcomer = customer();
    const fresh = await reiki('2026-12-09T10:30:00.000Z', newcomer);
    const a = await answerOf(await checkoutReq(app, own, { method: 'card', coupon: 'DEMO-FRIEND' }));
    const b = await answerOf(await checkoutReq(app, fresh, { method: 'card', coupon: 'DEMO-FRIEND' }));
    assert.equal(a.body.code, 'identity_required');
    assert.deepEqual(a, b);
    assert.equal((await problemOf(await checkoutReq(app, own, { method: 'card', coupon: 'DEMO-FRIEND' }, await proveIdentity(app, db.db, VICTIM.email)))).code, 'referral_self');
    const out = await checkedOut(await checkoutReq(app, fresh, { method: 'card', coupon: 'DEMO-FRIEND' }, await proveIdentity(app, db.db, newcomer.email as string)));
    assert.deepEqual(out.order.discount, { code: 'DEMO-FRIEND', source: 'referral' });
    // A second order of the newcomer, once the first is paid: not a first order any more.
    assert.equal((await testPay(app, fresh, 'succeed')).status, 200);
    const second = await reiki('2026-12-09T12:00:00.000Z', newcomer);
    assert.equal((await problemOf(await checkoutReq(app, second, { method: 'card', coupon: 'DEMO-FRIEND' }))).code, 'identity_required');
    assert.equal((await problemOf(await checkoutReq(app, second, { method: 'card', coupon: 'DEMO-FRIEND' }, await proveIdentity(app, db.db, newcomer.email as string)))).code, 'referral_not_first_order');
  });

  test('a booking without proof neither reads nor overwrites the stored customer: its invoice and mails carry the name it was made with', async () => {
    clock.set(START);
    const b = await reiki('2026-12-11T09:00:00.000Z', customer({ ...VICTIM, name: 'Mallory Typed', phone: '+41 79 000 00 00', locale: 'en' }));
    // Paid by card (new money needs no proof): the invoice is issued on confirmation.
    const out = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    const [stored] = await query(db.db, sql`select name, phone, locale from customers where id = ${FLOW.demoCustomer}`);
    assert.deepEqual(stored, { name: 'Demo Customer', phone: null, locale: 'de' }, 'the stored customer is untouched');
    const [booking] = await query(db.db, sql`select customer_name, customer_phone from program_bookings where id = ${b.id}`);
    assert.deepEqual(booking, { customer_name: 'Mallory Typed', customer_phone: '+41 79 000 00 00' });
    const [invoice] = await query(db.db, sql`select i.snapshot from invoices i join orders o on o.id = i.order_id where o.booking_id = ${b.id}`);
    const snapshot = JSON.stringify(invoice!.snapshot);
    assert.match(snapshot, /Mallory Typed/);
    assert.doesNotMatch(snapshot, /Demo Customer/);
    // The PDF the one who booked can read (with the booking's token) says the same.
    const pdf = await app.request(`/v1/embed/bookings/${b.id}/invoice.pdf`, { headers: { ...flowKey, 'Tandem-Booking-Token': b.client_token } });
    assert.equal(pdf.status, 200);
    // The mail goes to the address (its owner reads it), in the language and with the name the booking was made with.
    const [mail] = await query(db.db, sql`select text_body from mail_outbox where dedupe_key = ${`booking:${b.id}:confirmation`}`);
    assert.ok(out.order.id);
    assert.match(String(mail!.text_body), /^Hello Mallory Typed,/);
    assert.doesNotMatch(String(mail!.text_body), /Demo Customer/);
  });
});
