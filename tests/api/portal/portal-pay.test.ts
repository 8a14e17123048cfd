/**
 * The plan in the portal, on the test processor: "update card" (a SetupIntent the test
 * processor stands in for, confirmed through the same path as Stripe's webhook) and "pay open
 * balance" (the open installments charged now by the installment job, each once however often
 * it is asked). EVOLVE's second variant: CHF 300 deposit, then three installments of CHF 260.
 * Also "add to calendar" for one session. The Stripe side: tests/api/portal/portal-stripe.test.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { EVOLVE_INTAKE, checkedOut, checkoutReq, customer, demoVariants, reserve, testPay } from '../../support/checkout.ts';
import { proveIdentity } from '../../support/identity.ts';
import { runDueJobs } from '../../../server/platform/jobs/queue.ts';
import { jobDefinitions } from '../../../server/jobs.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import { localMailer } from '../../../server/platform/adapters/mail/mailer.ts';
import type { OffSessionInput } from '../../../server/platform/adapters/payments/provider.ts';

const START = '2026-11-25T08:00:00Z';

type Detail = {
  id: string;
  money: { balance_due: { amount: number }; paid: { amount: number }; status: string; plan: { card_saved: boolean; installments: { seq: number; status: string }[] } | null } | null;
  actions: Record<string, boolean>;
  sessions: { id: string; seq: number; starts_at: string | null; state: string }[];
};

describe('portal: update card and pay the open balance (test processor)', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date(START));
  const charges: OffSessionInput[] = [];
  const inner = testProvider();
  const payments = { ...inner, chargeOffSession: async (input: OffSessionInput) => { charges.push(input); return inner.chargeOffSession(input); } };
  const email = `${randomUUID().slice(0, 8)}@example.ch`;
  let evolve: { id: string; manage: string; orderId: string };
  let reiki: { id: string; manage: string };
  let bearer = '';

  const auth = (token: string): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {});
  const get = (path: string, token = bearer) => app.request(path, { headers: auth(token) });
  const post = (path: string, body: unknown = {}, key = randomUUID(), token = bearer) => app.request(path, {
    method: 'POST', headers: { ...auth(token), 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body),
  });
  const detail = async (id: string): Promise<Detail> => {
    const res = await get(`/v1/portal/bookings/${id}`);
    assert.equal(res.status, 200, await res.clone().text());
    return res.json() as Promise<Detail>;
  };
  const jobs = () => runDueJobs(db.executor, jobDefinitions({ db: db.db, now: clock.now, config: testConfig, payments, mailer: localMailer() }));
  const plan = async () => (await query(db.db, sql`select stripe_customer_id, stripe_payment_method_id from payment_plans where order_id = ${evolve.orderId}`))[0]!;

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now, payments });
    const v = await demoVariants(app);
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![1], customer: customer({ email }), sessions: { mode: 'cadence', first_start: '2026-12-01T09:00:00.000Z' }, intake: EVOLVE_INTAKE });
    const out = await checkedOut(await checkoutReq(app, b, { method: 'card', plan: 'deposit' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    evolve = { id: b.id, manage: out.booking.manage_url.split('/manage/')[1]!, orderId: out.order.id };
    const r = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer({ email }), sessions: { mode: 'explicit', starts: ['2026-12-04T10:00:00.000Z'] } });
    const rOut = await checkedOut(await checkoutReq(app, r, { method: 'card' }));
    assert.equal((await testPay(app, r, 'succeed')).status, 200);
    reiki = { id: r.id, manage: rOut.booking.manage_url.split('/manage/')[1]! };
    bearer = (await proveIdentity(app, db.db, email))['Tandem-Identity'];
  });
  after(async () => db.close());

  test('the booking shows the plan with its card, and what may be done with it', async () => {
    const d = await detail(evolve.id);
    assert.equal(d.money!.paid.amount, 30000);
    assert.equal(d.money!.balance_due.amount, 78000);
    assert.equal(d.money!.plan!.card_saved, true);
    assert.deepEqual(d.money!.plan!.installments.map((i) => i.status), ['scheduled', 'scheduled', 'scheduled']);
    assert.equal(d.actions.update_card, true);
    assert.equal(d.actions.pay_balance, true);
    // Paid in full, no plan: no card to update, nothing to pay.
    const r = await detail(reiki.id);
    assert.deepEqual([r.actions.update_card, r.actions.pay_balance], [false, false]);
  });

  test('update card: a SetupIntent for the Payment Element, the same one on a replay; the new card replaces the plan\'s when confirmed', async () => {
    const before = await plan();
    const key = randomUUID();
    const res = await post(`/v1/portal/bookings/${evolve.id}/card`, {}, key);
    assert.equal(res.status, 200, await res.clone().text());
    const out = await res.json() as { setup: { provider: string; client_secret: string; publishable_key: string | null; stripe_account: string | null; test_mode: boolean } };
    assert.equal(out.setup.provider, 'test');
    assert.match(out.setup.client_secret, /^test_seti_[0-9a-f]+_secret_/);
    assert.deepEqual([out.setup.publishable_key, out.setup.stripe_account, out.setup.test_mode], [null, null, true]);
    const again = await post(`/v1/portal/bookings/${evolve.id}/card`, {}, key);
    assert.equal(again.headers.get('idempotency-replayed'), 'true');
    assert.deepEqual(await again.json(), out, 'a replay answers the same SetupIntent');
    // Nothing changes until the customer confirms it.
    assert.deepEqual(await plan(), before);
    const refused = await problemOf(await post(`/v1/portal/bookings/${evolve.id}/card/test-confirm`, { outcome: 'fail' }));
    assert.equal(refused.code, 'payment_provider_error');
    assert.deepEqual(await plan(), before);
    const confirmed = await post(`/v1/portal/bookings/${evolve.id}/card/test-confirm`, {});
    assert.equal(confirmed.status, 200, await confirmed.clone().text());
    const after = await plan();
    assert.equal(after.stripe_customer_id, before.stripe_customer_id, 'the same provider customer');
    assert.notEqual(after.stripe_payment_method_id, before.stripe_payment_method_id);
    assert.match(String(after.stripe_payment_method_id), /^test_pm_/);
    const [event] = await query(db.db, sql`select payload from domain_events where type = 'payment.card_updated' and subject_id = ${evolve.id}`);
    assert.ok(event, 'the change is recorded as the booking\'s event');
    // A booking without a plan has no card to update.
    const none = await problemOf(await post(`/v1/portal/bookings/${reiki.id}/card`));
    assert.deepEqual([none.status, none.code], [409, 'invalid_state']);
    assert.match(String(none.detail), /no payment plan/);
  });

  test('pay open balance: the three installments charged now to the new card, each exactly once however often asked', async () => {
    const pm = String((await plan()).stripe_payment_method_id);
    const key = randomUUID();
    const res = await post(`/v1/portal/bookings/${evolve.id}/pay-balance`, {}, key);
    assert.equal(res.status, 202, await res.clone().text());
    const out = await res.json() as { charge: { amount: { amount: number; currency: string }; installments: { seq: number }[]; other: { amount: number }; in_flight: { amount: number } }; booking: Detail };
    assert.deepEqual(out.charge.amount, { amount: 78000, currency: 'CHF' });
    assert.deepEqual(out.charge.installments.map((i) => i.seq), [1, 2, 3]);
    assert.equal(out.charge.other.amount, 0);
    // The same key: the same answer, nothing new. A second key before the job ran: the same rows, still one charge each.
    const replay = await post(`/v1/portal/bookings/${evolve.id}/pay-balance`, {}, key);
    assert.equal(replay.headers.get('idempotency-replayed'), 'true');
    assert.deepEqual(await replay.json(), out);
    assert.equal((await post(`/v1/portal/bookings/${evolve.id}/pay-balance`)).status, 202);
    assert.equal(charges.length, 0, 'nothing is charged inside the request');
    await jobs();
    await jobs();
    assert.deepEqual(charges.map((c) => [c.amount, c.paymentMethodRef]), [[26000, pm], [26000, pm], [26000, pm]]);
    assert.equal(new Set(charges.map((c) => c.idempotencyKey)).size, 3);
    const [order] = await query(db.db, sql`select status::text, amount_paid from orders where id = ${evolve.orderId}`);
    assert.deepEqual({ ...order }, { status: 'paid', amount_paid: 108000 });
    const [{ n }] = await query(db.db, sql`select count(*)::int as n from payments where order_id = ${evolve.orderId} and status = 'succeeded'`) as [{ n: number }];
    assert.equal(n, 4, 'the deposit and one payment per installment');
    const d = await detail(evolve.id);
    assert.deepEqual(d.money!.plan!.installments.map((i) => i.status), ['paid', 'paid', 'paid']);
    assert.deepEqual([d.money!.balance_due.amount, d.actions.pay_balance], [0, false]);
    // Nothing left: 409 with a sentence, and nothing charged.
    const nothing = await problemOf(await post(`/v1/portal/bookings/${evolve.id}/pay-balance`));
    assert.deepEqual([nothing.status, nothing.code, nothing.detail], [409, 'invalid_state', 'Nothing is owed on this booking.']);
    await jobs();
    assert.equal(charges.length, 3);
  });

  test('pay open balance without a saved card: 422 payment_method_unavailable, nothing made due', async () => {
    const v = await demoVariants(app);
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![1], customer: customer({ email }), sessions: { mode: 'cadence', first_start: '2026-12-01T13:00:00.000Z' }, intake: EVOLVE_INTAKE });
    const out = await checkedOut(await checkoutReq(app, b, { method: 'card', plan: 'deposit' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    await db.db.execute(sql`update payment_plans set stripe_payment_method_id = null where order_id = ${out.order.id}`);
    const p = await problemOf(await post(`/v1/portal/bookings/${b.id}/pay-balance`));
    assert.deepEqual([p.status, p.code], [422, 'payment_method_unavailable']);
    const [{ n }] = await query(db.db, sql`select count(*)::int as n from installments where order_id = ${out.order.id} and next_attempt_at <= ${clock.now().toISOString()}::timestamptz`) as [{ n: number }];
    assert.equal(n, 0);
    assert.equal((await detail(b.id)).actions.pay_balance, false);
  });

  test('add to calendar: one scheduled session as an iCalendar file with the mails\' UID', async () => {
    const d = await detail(reiki.id);
    const s = d.sessions[0]!;
    for (const token of [bearer, reiki.manage]) {
      const res = await get(`/v1/portal/bookings/${reiki.id}/sessions/${s.id}/ics`, token);
      assert.equal(res.status, 200, await res.clone().text());
      assert.match(res.headers.get('content-type') ?? '', /^text\/calendar/);
      assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="[a-z0-9-]+-1\.ics"$/);
      const ics = await res.text();
      assert.equal((ics.match(/BEGIN:VEVENT/g) ?? []).length, 1);
      assert.ok(ics.includes(`UID:${s.id}@tandem`));
      assert.ok(ics.includes('DTSTART:20261204T100000Z'));
    }
    // Through another booking's manage link, or a session of another booking: 404.
    assert.equal((await get(`/v1/portal/bookings/${reiki.id}/sessions/${s.id}/ics`, evolve.manage)).status, 404);
    assert.equal((await get(`/v1/portal/bookings/${evolve.id}/sessions/${s.id}/ics`)).status, 404);
  });
});
