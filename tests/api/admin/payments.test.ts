import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, nordKey } from '../../support/app.ts';
import { Clock, DAY, problemOf, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, countsFor, customer, demoVariants, reserve } from '../../support/checkout.ts';
import { renderInvoicePdf } from '../../../server/modules/billing/invoice-pdf.ts';
import { hashKey } from '../../../server/platform/http/api-keys.ts';
import { withCaller } from '../../../server/platform/db/identity.ts';
import { sweepExpiredHolds } from '../../../server/modules/bookings/index.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { InvoiceSnapshot } from '../../../server/modules/billing/domain/invoice-snapshot.ts';
import { proofFor, proveIdentity } from '../../support/identity.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

const START = '2026-11-25T08:00:00Z';
const skFlow = { Authorization: 'Bearer sk_test_flow' };

describe('admin: POST /v1/admin/orders/:id/payments (a bank transfer received)', () => {
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

  const record = (orderId: string, body: unknown, headers: Record<string, string> = {}) => app.request(`/v1/admin/orders/${orderId}/payments`, {
    method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), ...headers }, body: JSON.stringify(body),
  });
  async function qrBillBooking(start: string) {
    clock.set(START);
    const b = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer(), sessions: { mode: 'explicit', starts: [start] } });
    const out = await checkedOut(await checkoutReq(app, b, { method: 'qr_bill' }, await proofFor(app, db.db, b.id)));
    return { b, out };
  }

  test('a partial transfer: partially paid, still reserved; the rest: confirmed through the one confirmation', async () => {
    const { b, out } = await qrBillBooking('2026-12-02T09:00:00.000Z');
    clock.advance(2 * 86_400_000);
    const first = await record(out.order.id, { amount: 4000, method: 'bank_transfer', reference: 'camt 2026-11-27 #1' });
    assert.equal(first.status, 201, await first.clone().text());
    const a = await first.json() as { order: { status: string; amount_paid: number; amount_due: number }; booking: { status: string } };
    assert.deepEqual([a.order.status, a.order.amount_paid, a.order.amount_due, a.booking.status], ['partially_paid', 4000, 10000, 'reserved']);
    assert.equal((await countsFor(db.db, b.id)).mails, 0);
    const rest = await record(out.order.id, { amount: 10000, method: 'bank_transfer', reference: 'camt 2026-11-27 #2' });
    const c = await rest.json() as { order: { status: string; amount_paid: number }; booking: { status: string }; payment: { reference: string } };
    assert.deepEqual([c.order.status, c.order.amount_paid, c.booking.status], ['paid', 14000, 'confirmed']);
    assert.equal(c.payment.reference, 'camt 2026-11-27 #2');
    assert.deepEqual({ ...await countsFor(db.db, b.id) }, { orders: 1, invoices: 1, threads: 1, mails: 1, succeeded: 2, status: 'confirmed' });
    const [inv] = await query(db.db, sql`select number, reference_type, snapshot from invoices where order_id = ${out.order.id}`);
    assert.equal((inv!.snapshot as { display_number: string }).display_number, out.invoice!.number, 'the QR-bill invoice issued at checkout is the invoice: no second number');
    assert.equal(inv!.reference_type, 'QRR');
    const paidPdf = await renderInvoicePdf(inv!.snapshot as InvoiceSnapshot, { amountPaid: 14000 });
    const unpaidPdf = await renderInvoicePdf(inv!.snapshot as InvoiceSnapshot, { amountPaid: 0 });
    assert.ok(unpaidPdf.length > paidPdf.length + 2000, 'the QR-bill payment part only while something is due');
    const [blocks] = await query(db.db, sql`select count(*)::int as held from schedule_blocks k join program_sessions s on s.id = k.session_id where s.booking_id = ${b.id} and k.status = 'held'`);
    assert.equal(blocks!.held, 0);
  });

  test('more than is due on a live order: all of it recorded, the booking confirmed, the excess a bank refund waiting for the studio; both sides told', async () => {
    const { b, out } = await qrBillBooking('2026-12-02T10:30:00.000Z');
    const over = await record(out.order.id, { amount: 14500, method: 'bank_transfer', reference: 'camt #over' });
    assert.equal(over.status, 201, await over.clone().text());
    const a = await over.json() as { payment: { id: string; amount: number }; order: { status: string; amount_paid: number }; booking: { status: string }; overpayment: { amount: number; refund: { id: string; amount: number; status: string } } | null };
    assert.equal(a.payment.amount, 14500, 'the whole transfer is recorded');
    assert.deepEqual([a.order.status, a.order.amount_paid, a.booking.status], ['paid', 14500, 'confirmed']);
    assert.deepEqual({ ...a.overpayment, refund: { ...a.overpayment!.refund, id: undefined } }, { amount: 500, refund: { id: undefined, amount: 500, status: 'pending_transfer' } });
    // The order as staff see it: the excess waits to go back, nothing is owed either way.
    const view = await (await app.request(`/v1/admin/orders/${out.order.id}`, { headers: skFlow })).json() as { balance_due: number; refunds: { id: string; amount: number; status: string; payment_id: string }[] };
    assert.deepEqual(view.refunds.map((r) => [r.amount, r.status, r.payment_id]), [[500, 'pending_transfer', a.payment.id]]);
    assert.equal(view.balance_due, 0);

    // A transfer on an order paid in full already (the customer paid twice): recorded, and all of it goes back.
    const twice = await record(out.order.id, { amount: 14000, method: 'bank_transfer', reference: 'camt #twice' });
    assert.equal(twice.status, 201, await twice.clone().text());
    const t2 = await twice.json() as { payment: { id: string }; overpayment: { amount: number; refund: { amount: number; status: string } } | null; booking: { status: string } };
    assert.deepEqual([t2.overpayment?.amount, t2.overpayment?.refund.status, t2.booking.status], [14000, 'pending_transfer', 'confirmed']);
    const [paid] = await query(db.db, sql`select amount_paid, status::text from orders where id = ${out.order.id}`);
    assert.deepEqual({ ...paid }, { amount_paid: 28500, status: 'paid' });
    const refunds = await query(db.db, sql`select amount, kind, status::text from refunds where order_id = ${out.order.id} order by amount`);
    assert.deepEqual(refunds.map((r) => ({ ...r })), [{ amount: 500, kind: 'bank_transfer', status: 'pending' }, { amount: 14000, kind: 'bank_transfer', status: 'pending' }]);
    const events = await query(db.db, sql`select payload from domain_events where type = 'payment.overpaid' and subject_id = ${b.id} order by seq`);
    assert.deepEqual(events.map((e) => [(e.payload as { amount: number }).amount, (e.payload as { excess: number }).excess]), [[14500, 500], [14000, 14000]]);
    // Told: the customer (asked where to send it back) and the studio (what to do), once per transfer.
    const mails = await query(db.db, sql`select dedupe_key, to_address, subject, text_body from mail_outbox where dedupe_key like ${`payment:${a.payment.id}:overpaid%`} order by dedupe_key`);
    assert.deepEqual(mails.map((m) => m.dedupe_key), [`payment:${a.payment.id}:overpaid`, `payment:${a.payment.id}:overpaid:staff`]);
    assert.match(String(mails[0]!.text_body), /CHF\s145\.00/);
    assert.match(String(mails[0]!.text_body), /CHF\s5\.00/);
    assert.match(String(mails[0]!.text_body), /IBAN/);
    assert.equal(mails[1]!.to_address, 'hallo@studioflow.example');
    assert.match(String(mails[1]!.text_body), /CHF\s5\.00/);
    // The studio sends it back and records the transfer: done.
    const done = await app.request(`/v1/admin/refunds/${a.overpayment!.refund.id}/transfers`, {
      method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify({ amount: 500, reference: 'out #1' }),
    });
    assert.equal(done.status, 201, await done.clone().text());
  });

  test('the customer gives the refund\'s account in the portal (the mail links there): IBAN check digits verified, their own booking only, until the transfer is done', async () => {
    clock.set(START);
    const email = `${randomUUID().slice(0, 8)}@example.ch`;
    const b = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer({ email }), sessions: { mode: 'explicit', starts: ['2026-12-16T09:00:00.000Z'] } });
    const out = await checkedOut(await checkoutReq(app, b, { method: 'qr_bill' }, await proofFor(app, db.db, b.id)));
    const over = await record(out.order.id, { amount: 15000, method: 'bank_transfer', reference: 'camt #iban' });
    assert.equal(over.status, 201, await over.clone().text());
    const a = await over.json() as { payment: { id: string }; overpayment: { refund: { id: string } } };
    const refundId = a.overpayment.refund.id;
    const [mail] = await query(db.db, sql`select text_body from mail_outbox where dedupe_key = ${`payment:${a.payment.id}:overpaid`}`);
    const link = String(mail!.text_body).match(/https?:\/\/\S+/g)!.find((u) => u.includes('refund='));
    assert.ok(link, 'the mail links to the form');
    assert.equal(new URL(link).searchParams.get('refund'), refundId);

    const bearer = (await proveIdentity(app, db.db, email))['Tandem-Identity'];
    /** The booking's bank refunds as the portal shows them. */
    const shown = async () => ((await (await app.request(`/v1/portal/bookings/${b.id}`, { headers: { Authorization: `Bearer ${bearer}` } })).json()) as
      { money: { bank_refunds: { id: string; amount: { amount: number }; status: string; account: { holder: string; iban_last4: string } | null; give_account: boolean }[] } })
      .money.bank_refunds.map((r) => ({ id: r.id, amount: r.amount.amount, status: r.status, account: r.account && { holder: r.account.holder, iban_last4: r.account.iban_last4 }, give_account: r.give_account }));
    assert.deepEqual(await shown(), [{ id: refundId, amount: 1000, status: 'pending', account: null, give_account: true }], 'the portal lists it, waiting for an account');
    const give = (body: unknown, token = bearer, booking = b.id, refund = refundId) => app.request(`/v1/portal/bookings/${booking}/refunds/${refund}/account`, {
      method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify(body),
    });
    const wrong = await give({ account_holder: 'Anna Muster', iban: 'CH93 0076 2011 6238 5295 8' }); // one digit off
    assert.equal(wrong.status, 400);
    const problem = await problemOf(wrong) as { code: string; errors?: { field: string }[] };
    assert.equal(problem.code, 'validation_failed');
    assert.deepEqual(problem.errors?.map((e) => e.field), ['iban']);
    assert.equal((await give({ account_holder: 'Anna Muster' })).status, 400);
    const [untouched] = await query(db.db, sql`select iban, account_holder from refunds where id = ${refundId}`);
    assert.deepEqual({ ...untouched }, { iban: null, account_holder: null });

    // Someone else, signed in with their own booking: 404, nothing given.
    const otherEmail = `${randomUUID().slice(0, 8)}@example.ch`;
    await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer({ email: otherEmail }), sessions: { mode: 'explicit', starts: ['2026-12-16T10:30:00.000Z'] } });
    const other = (await proveIdentity(app, db.db, otherEmail))['Tandem-Identity'];
    assert.equal((await give({ account_holder: 'Mallory', iban: 'DE89 3704 0044 0532 0130 00' }, other)).status, 404);

    const ok = await give({ account_holder: ' Anna Muster ', iban: 'ch93 0076 2011 6238 5295 7' });
    assert.equal(ok.status, 200, await ok.clone().text());
    const given = await ok.json() as { refund: Record<string, unknown> };
    assert.deepEqual({ ...given.refund, account_given_at: undefined }, {
      id: refundId, amount: 1000, currency: 'CHF', status: 'pending', account_holder: 'Anna Muster', iban_last4: '2957', account_given_at: undefined,
    });
    const view = await (await app.request(`/v1/admin/orders/${out.order.id}`, { headers: skFlow })).json() as { refunds: { id: string; account: { holder: string; iban: string } | null }[] };
    assert.deepEqual(view.refunds.find((r) => r.id === refundId)!.account && { ...view.refunds.find((r) => r.id === refundId)!.account, given_at: undefined },
      { holder: 'Anna Muster', iban: 'CH9300762011623852957', given_at: undefined });

    assert.deepEqual(await shown(), [{ id: refundId, amount: 1000, status: 'pending', account: { holder: 'Anna Muster', iban_last4: '2957' }, give_account: true }]);
    // Transferred: the account can no longer change.
    const done = await app.request(`/v1/admin/refunds/${refundId}/transfers`, {
      method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify({ amount: 1000, reference: 'out #iban' }),
    });
    assert.equal(done.status, 201, await done.clone().text());
    const late = await give({ account_holder: 'Anna Muster', iban: 'DE89 3704 0044 0532 0130 00' });
    assert.equal(late.status, 409);
    assert.equal((await problemOf(late)).code, 'invalid_state');
    assert.deepEqual(await shown(), [{ id: refundId, amount: 1000, status: 'succeeded', account: { holder: 'Anna Muster', iban_last4: '2957' }, give_account: false }]);
  });

  test('exactly what is due: no overpayment', async () => {
    const { out } = await qrBillBooking('2026-12-02T14:30:00.000Z');
    const res = await record(out.order.id, { amount: 14000, method: 'bank_transfer', reference: 'exact' });
    assert.equal(res.status, 201);
    assert.equal((await res.json() as { overpayment: unknown }).overpayment, null);
    assert.deepEqual(await query(db.db, sql`select id from refunds where order_id = ${out.order.id}`), []);
  });

  test('Idempotency-Key: a retried request records the transfer once', async () => {
    const { b, out } = await qrBillBooking('2026-12-02T12:00:00.000Z');
    const key = randomUUID();
    const one = await record(out.order.id, { amount: 14000, method: 'bank_transfer', reference: 'r' }, { 'Idempotency-Key': key });
    const two = await record(out.order.id, { amount: 14000, method: 'bank_transfer', reference: 'r' }, { 'Idempotency-Key': key });
    assert.equal(two.headers.get('idempotency-replayed'), 'true');
    assert.deepEqual(await two.json(), await one.json());
    assert.equal((await countsFor(db.db, b.id)).succeeded, 1);
    assert.equal((await record(out.order.id, { amount: 1, method: 'bank_transfer', reference: 'r' }, { 'Idempotency-Key': key })).status, 422);
  });

  test('by role: an instructor\'s key sees no orders (404), a manager\'s records', async () => {
    const { out } = await qrBillBooking('2026-12-04T10:30:00.000Z');
    const managerId = randomUUID();
    await withCaller(db.db, { orgId: FLOW.org, role: 'owner', userId: FLOW.owner }, async (tx) => {
      await tx.execute(sql`insert into staff (id, org_id, role, name, email, timezone) values (${managerId}, ${FLOW.org}, 'manager', 'Max Manager', 'max@studioflow.example', 'Europe/Zurich')`);
      await tx.execute(sql`insert into api_keys (org_id, kind, prefix, key_hash, staff_id) values
        (${FLOW.org}, 'secret', 'sk_test_mara', ${hashKey('sk_test_mara_key')}, ${FLOW.mara}),
        (${FLOW.org}, 'secret', 'sk_test_max', ${hashKey('sk_test_max_key')}, ${managerId})`);
    });
    const asInstructor = await record(out.order.id, { amount: 14000, method: 'bank_transfer', reference: 'r' }, { Authorization: 'Bearer sk_test_mara_key' });
    assert.equal(asInstructor.status, 404);
    assert.equal((await problemOf(asInstructor)).code, 'not_found');
    const asManager = await record(out.order.id, { amount: 14000, method: 'bank_transfer', reference: 'r' }, { Authorization: 'Bearer sk_test_max_key' });
    assert.equal(asManager.status, 201);
  });

  test('keys and tenants: no key 401, a publishable key 401, another studio\'s order 404, bad body 400', async () => {
    const { out } = await qrBillBooking('2026-12-04T09:00:00.000Z');
    const noKey = await app.request(`/v1/admin/orders/${out.order.id}/payments`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: '{}' });
    assert.equal(noKey.status, 401);
    assert.equal((await record(out.order.id, { amount: 1, method: 'bank_transfer', reference: 'r' }, { Authorization: 'Bearer pk_test_flow' })).status, 401);
    // An order of Atelier Nord, with Studio Flow's key.
    const nv = await demoVariants(app, nordKey);
    const slug = Object.keys(nv)[0]!;
    const slots = await (await app.request(`/v1/embed/programs/${slug}/slots?from=2026-12-03&to=2026-12-20&tz=Europe/Berlin`, { headers: nordKey })).json() as { days: { slots: { start: string }[] }[] };
    const nb = await reserve(app, { program: slug, variant: nv[slug]![0], customer: customer(), sessions: { mode: 'later', first_start: slots.days.flatMap((d) => d.slots)[0]!.start } }, nordKey);
    const nordOrder = await checkedOut(await checkoutReq(app, nb, { method: 'card' }, nordKey));
    const foreign = await record(nordOrder.order.id, { amount: 100, method: 'bank_transfer', reference: 'r' });
    assert.equal(foreign.status, 404);
    assert.equal((await problemOf(foreign)).code, 'not_found');
    const bad = await record(out.order.id, { amount: 12.5, method: 'cash' });
    assert.equal(bad.status, 400);
    assert.deepEqual((await problemOf(bad)).errors?.map((e) => e.field).sort(), ['amount', 'method', 'reference']);
  });
  describe('a transfer that arrives after the QR-bill\'s hold expired (the booking was cancelled, its time released)', () => {
    async function expired(start: string) {
      const { b, out } = await qrBillBooking(start);
      clock.advance(6 * DAY);
      await sweepExpiredHolds(db.db, clock.now(), FLOW.org);
      const [row] = await query(db.db, sql`select status::text, cancellation_reason::text from program_bookings where id = ${b.id}`);
      assert.deepEqual({ ...row }, { status: 'cancelled', cancellation_reason: 'hold_expired' });
      return { b, out };
    }
    const mailKeys = async (orderId: string, bookingId: string) => (await query(db.db, sql`select dedupe_key from mail_outbox
      where dedupe_key in (${`order:${orderId}:late_payment`}, ${`order:${orderId}:late_payment:staff`}, ${`booking:${bookingId}:confirmation`}) order by dedupe_key`)).map((r) => String(r.dedupe_key));

    test('its time still free: the booking is restored and confirmed, through the one confirmation', async () => {
      const { b, out } = await expired('2026-12-09T09:00:00.000Z');
      const res = await record(out.order.id, { amount: 14000, method: 'bank_transfer', reference: 'late but welcome' });
      assert.equal(res.status, 201, await res.clone().text());
      assert.equal((await res.json() as { booking: { status: string } }).booking.status, 'confirmed');
      assert.deepEqual({ ...await countsFor(db.db, b.id) }, { orders: 1, invoices: 1, threads: 1, mails: 1, succeeded: 1, status: 'confirmed' });
      const [row] = await query(db.db, sql`select b.cancelled_at, b.cancellation_reason, b.hold_expires_at,
        (select count(*) from program_sessions s where s.booking_id = b.id and s.status = 'scheduled')::int as sessions,
        (select count(*) from schedule_blocks k join program_sessions s on s.id = k.session_id where s.booking_id = b.id and k.status = 'active')::int as active,
        (select count(*) from schedule_blocks k join program_sessions s on s.id = k.session_id where s.booking_id = b.id and k.status = 'held')::int as held
        from program_bookings b where b.id = ${b.id}`);
      assert.deepEqual({ ...row }, { cancelled_at: null, cancellation_reason: null, hold_expires_at: null, sessions: 1, active: 1, held: 0 });
      assert.deepEqual(await mailKeys(out.order.id, b.id), [`booking:${b.id}:confirmation`]);
    });

    test('its time taken meanwhile: the payment is recorded, the booking stays cancelled, the customer and the studio are told', async () => {
      const { b, out } = await expired('2026-12-11T09:00:00.000Z');
      const other = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-11T09:00:00.000Z'] } });
      const res = await record(out.order.id, { amount: 14000, method: 'bank_transfer', reference: 'too late' });
      assert.equal(res.status, 201, await res.clone().text());
      const body = await res.json() as { order: { status: string }; booking: { status: string } };
      assert.deepEqual([body.order.status, body.booking.status], ['paid', 'cancelled']);
      assert.equal((await countsFor(db.db, b.id)).invoices, 1, 'the QR-bill invoice, no second');
      assert.deepEqual(await mailKeys(out.order.id, b.id), [`order:${out.order.id}:late_payment`, `order:${out.order.id}:late_payment:staff`]);
      const [staffMail] = await query(db.db, sql`select to_address, text_body from mail_outbox where dedupe_key = ${`order:${out.order.id}:late_payment:staff`}`);
      assert.match(String(staffMail!.text_body), /re-book|neu/);
      const [live] = await query(db.db, sql`select count(*)::int as n from schedule_blocks k join program_sessions s on s.id = k.session_id
        where s.booking_id in (${b.id}, ${other.id}) and k.status <> 'cancelled'`);
      assert.equal(live!.n, 1, 'only the other booking holds the time');
    });

    test('its session already past: stays cancelled, the same mails', async () => {
      const { b, out } = await expired('2026-11-30T09:00:00.000Z');
      clock.set('2026-12-05T08:00:00Z');
      assert.equal((await record(out.order.id, { amount: 14000, method: 'bank_transfer', reference: 'much too late' })).status, 201);
      assert.equal((await countsFor(db.db, b.id)).status, 'cancelled');
      assert.equal((await mailKeys(out.order.id, b.id)).length, 2);
    });
  });
});
