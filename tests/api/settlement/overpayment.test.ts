/**
 * An overpayment on an order that stays open (issue 13: "an overpayment is recorded, queued for refund
 * and the studio told"), for card money as for transfers. A deposit-only EVOLVE 4-pack (CHF 150 of
 * CHF 580) has an installment charge under way at the provider when a no-show settles: its fee is
 * charged now and taken off that installment, or the no-show ends the booking and cancels the plan.
 * The charge for the old amount is taken all the same (the provider says so when asked to cancel it, or
 * its webhook comes after "processing"): the money is recorded and what the order holds beyond what
 * it claims goes back once (a refund row sent by the refunds job, keyed by the row), `refund.created`
 * and `payment.overpaid` are recorded and both sides are mailed. Replays move nothing more; an order
 * not overpaid refunds nothing. The policy: free up to 24 h before a session, no-show fee 100 %.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { asSystem, Clock, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, EVOLVE_INTAKE, reserve, testPay } from '../../support/checkout.ts';
import { skFlow } from '../../support/admin-money.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import type { IntentState, OffSessionInput, PaymentProvider, RefundInput } from '../../../server/platform/adapters/payments/provider.ts';
import { runDueJobs } from '../../../server/platform/jobs/queue.ts';
import { jobDefinitions } from '../../../server/jobs.ts';
import { cancelChargeInFlight, chargeDueInstallments, chargeFee, handlePaymentEvent, issueRefund, OVERPAYMENT_REFUND_REASON } from '../../../server/modules/billing/index.ts';
import { localMailer } from '../../../server/platform/adapters/mail/mailer.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import { runLifecycleAt } from '../../support/lifecycle.ts';

const START = '2026-11-25T08:00:00Z';

interface SettlementAnswer { fee: number; balance_due: number; fee_collection: { amount: number; collection: 'charge' | 'balance'; payment_id: string | null } | null }

describe('settlement: an overpayment on an order that stays open is refunded by itself, once', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let v: Record<string, string[]> = {};
  const clock = new Clock(new Date(START));
  const inner = testProvider();
  /** While set, off-session charges stay `processing` at the provider (a charge under way, its webhook to come). */
  let processing = false;
  /** What the provider answers when asked to cancel a charge under way. */
  let cancelAnswer: IntentState = 'cancelled';
  const refundCalls: RefundInput[] = [];
  const payments: PaymentProvider = {
    ...inner,
    chargeOffSession: async (input: OffSessionInput) => (processing ? { status: 'processing', ref: `test_pi_processing_${randomUUID()}` } : inner.chargeOffSession(input)),
    cancelIntent: async () => cancelAnswer,
    refund: async (input) => { refundCalls.push(input); return inner.refund(input); },
  };
  const env = () => ({ db: db.db, payments, now: clock.now, config: testConfig });
  const jobs = () => jobDefinitions({ ...env(), mailer: localMailer() });

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now, payments });
    v = await demoVariants(app);
  });
  after(async () => db.close());

  const setPolicy = (policy: Record<string, unknown>) => asSystem(db.db, FLOW.org, (tx) => tx.execute(sql`
    update programs set policies = policies || ${JSON.stringify(policy)}::jsonb where org_id = ${FLOW.org}::uuid and slug = 'evolve'`));
  const post = (path: string) => app.request(`/v1/admin${path}`, { method: 'POST', headers: { ...skFlow, 'Idempotency-Key': randomUUID() } });
  const staffOrder = async (orderId: string) => {
    const res = await app.request(`/v1/admin/orders/${orderId}`, { headers: skFlow });
    assert.equal(res.status, 200);
    return res.json() as Promise<{ amount_paid: number; balance_due: number; credited: number; refunded: number; refunds_pending: number }>;
  };
  const overpaymentRefunds = (orderId: string) => query(db.db, sql`select id, payment_id, amount, kind, status::text from refunds
    where order_id = ${orderId}::uuid and reason = ${OVERPAYMENT_REFUND_REASON} order by amount`);
  const eventsOf = (bookingId: string, type: string) => query(db.db, sql`select payload from domain_events where subject_id = ${bookingId} and type = ${type} order by seq`);
  /** The verified webhook of a payment intent that succeeded (what the Stripe hook hands on after the signature). */
  const webhookSucceeded = (ref: string) => handlePaymentEvent({ db: db.db, now: clock.now, config: testConfig }, { provider: 'test', kind: 'succeeded', ref, orgId: FLOW.org });

  /** A deposit-only 4-pack, weekly from `firstStart`, its sessions before `heldUntil` held, and its installments' charges under way (processing). */
  async function packWithChargesUnderWay(policy: Record<string, unknown>, firstStart: string, heldUntil: string) {
    await setPolicy({ free_cancel_hours: 24, no_show_fee_bp: 10000, ...policy });
    clock.set(START);
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![0], customer: customer({ locale: 'en' }), sessions: { mode: 'cadence', first_start: firstStart }, intake: EVOLVE_INTAKE });
    await checkedOut(await checkoutReq(app, b, { method: 'card', plan: 'deposit' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    const [row] = await query(db.db, sql`select order_id from program_bookings where id = ${b.id}`);
    const orderId = String(row!.order_id);
    clock.set(heldUntil);
    await runLifecycleAt(db, clock.now());
    await asSystem(db.db, FLOW.org, (tx) => tx.execute(sql`update installments set next_attempt_at = ${new Date(clock.now().getTime() - 60_000).toISOString()}::timestamptz
      where order_id = ${orderId}::uuid and status in ('scheduled', 'failed')`));
    processing = true;
    try {
      assert.ok((await chargeDueInstallments({ ...env(), orgId: FLOW.org })).processing > 0);
    } finally {
      processing = false;
    }
    const underWay = (await query(db.db, sql`select id, amount, provider_ref from payments where order_id = ${orderId}::uuid and status = 'pending' and installment_id is not null`))
      .map((r) => ({ id: String(r.id), amount: Number(r.amount), ref: String(r.provider_ref) }));
    assert.ok(underWay.length > 0, 'a charge under way');
    return { b, orderId, underWay };
  }

  async function noShow(bookingId: string, sessionId: string): Promise<SettlementAnswer> {
    const res = await post(`/bookings/${bookingId}/sessions/${sessionId}/no-show`);
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json() as { settlement: SettlementAnswer }).settlement;
  }

  /** Session 1 held, session 2 missed: its CHF 140 fee beyond the deposit charged now and taken off the installment under way (CHF 430 → 290). */
  async function feeTakenOffInstallmentUnderWay(firstStart: string) {
    const pack = await packWithChargesUnderWay({ charge_fees: 'auto' }, firstStart, '2026-12-07T08:00:00Z');
    assert.deepEqual(pack.underWay.map((p) => p.amount), [43000]);
    clock.set(new Date(Date.parse(firstStart) + 7 * 86_400_000 + 90 * 60_000).toISOString());
    const settlement = await noShow(pack.b.id, pack.b.sessions[1]!.id);
    assert.deepEqual([settlement.fee_collection?.collection, settlement.fee_collection?.amount], ['charge', 14000]);
    const [lowered] = await query(db.db, sql`select amount, status::text from installments where order_id = ${pack.orderId}::uuid`);
    assert.deepEqual({ ...lowered }, { amount: 29000, status: 'scheduled' }, 'the installment under way is lowered by the fee');
    return { ...pack, feePaymentId: settlement.fee_collection!.payment_id! };
  }

  test('(a, b) the fee is charged, then the provider says the old amount was taken: the CHF 140 excess goes back once, from that charge; replays move nothing', async () => {
    const { b, orderId, underWay: [old], feePaymentId } = await feeTakenOffInstallmentUnderWay('2026-12-01T13:00:00.000Z');
    assert.equal((await chargeFee(env(), FLOW.org, feePaymentId))?.status, 'succeeded');
    assert.equal((await overpaymentRefunds(orderId)).length, 0, 'deposit + fee = CHF 290 of CHF 580: not overpaid yet');

    // Asked to cancel the charge for the old amount, the provider answers that it succeeded already.
    cancelAnswer = 'succeeded';
    const calls = refundCalls.length;
    try {
      assert.equal(await cancelChargeInFlight(env(), FLOW.org, old!.id), 'succeeded');
    } finally {
      cancelAnswer = 'cancelled';
    }
    const [refund] = await overpaymentRefunds(orderId);
    assert.deepEqual({ ...refund, id: undefined }, { id: undefined, payment_id: old!.id, amount: 14000, kind: 'provider', status: 'pending' },
      'deposit CHF 150 + fee CHF 140 + CHF 430 = CHF 720 for a CHF 580 order: CHF 140 goes back from the charge that brought it');
    assert.equal(refundCalls.length, calls, 'the provider is called after commit, not inside the transaction');
    await runDueJobs(db.executor, jobs());
    assert.deepEqual(refundCalls.slice(calls).map((r) => [r.amount, r.idempotencyKey, r.paymentRef]), [[14000, `tandem:refund:${refund!.id}`, old!.ref]], 'sent once, keyed by the row');
    const [sent] = await query(db.db, sql`select status::text from refunds where id = ${refund!.id}`);
    assert.equal(sent!.status, 'succeeded');

    // Recorded like any refund, and the studio told.
    assert.deepEqual((await eventsOf(b.id, 'refund.created')).map((e) => e.payload).filter((p) => (p as { refund_id: string }).refund_id === refund!.id)
      .map((p) => ({ ...(p as object), refund_id: undefined })), [{ refund_id: undefined, amount: 14000, currency: 'CHF', kind: 'provider', reason: OVERPAYMENT_REFUND_REASON }]);
    const overpaid = (await eventsOf(b.id, 'payment.overpaid')).map((e) => e.payload as Record<string, unknown>);
    assert.deepEqual(overpaid.map((p) => [p.payment_id, p.amount, p.due, p.excess, p.refund_id, p.refund_kind]), [[old!.id, 43000, 29000, 14000, refund!.id, 'provider']]);
    const mails = await query(db.db, sql`select dedupe_key, to_address, subject, text_body from mail_outbox where dedupe_key like ${`payment:${old!.id}:overpaid%`} order by dedupe_key`);
    assert.deepEqual(mails.map((m) => m.dedupe_key), [`payment:${old!.id}:overpaid`, `payment:${old!.id}:overpaid:staff`]);
    assert.match(String(mails[0]!.text_body), /thank you for your payment of CHF\s430\.00 for EVOLVE.+It is CHF\s140\.00 more than was due .+goes back to the card or TWINT account you paid with/s);
    assert.doesNotMatch(String(mails[0]!.text_body), /IBAN/, 'card money goes back to the card: no account asked for');
    assert.equal(mails[1]!.to_address, 'hallo@studioflow.example');
    assert.match(String(mails[1]!.subject), /^Zu viel bezahlt, zurückerstattet: Ana Muster, EVOLVE/);
    assert.match(String(mails[1]!.text_body), /CHF\s140\.00 gehen von selbst auf die Karte oder das TWINT-Konto zurück\. Nichts zu tun\./);

    // The order: CHF 720 captured, CHF 140 refunded, nothing owed either way; the invoice is not credited for money it never claimed.
    const view = await staffOrder(orderId);
    assert.deepEqual({ paid: view.amount_paid, refunded: view.refunded, credited: view.credited, balance_due: view.balance_due },
      { paid: 72000, refunded: 14000, credited: 0, balance_due: 0 });

    // (b) The provider's webhook for the same charge comes after all, twice; the jobs run again; the refund job is retried.
    assert.equal((await webhookSucceeded(old!.ref)).outcome, 'duplicate');
    assert.equal((await webhookSucceeded(old!.ref)).outcome, 'duplicate');
    await runDueJobs(db.executor, jobs());
    assert.equal(await issueRefund(env(), FLOW.org, String(refund!.id)), null, 'a refund sent already is not sent again');
    assert.equal((await overpaymentRefunds(orderId)).length, 1, 'one refund row');
    assert.equal(refundCalls.length, calls + 1, 'one call to the provider');
    assert.equal((await eventsOf(b.id, 'payment.overpaid')).length, 1);
    assert.equal((await staffOrder(orderId)).balance_due, 0);
  });

  test('(a) the old amount is taken first, then the fee is charged: the fee\'s CHF 140 goes back once, from the fee', async () => {
    const { orderId, underWay: [old], feePaymentId } = await feeTakenOffInstallmentUnderWay('2026-12-01T15:00:00.000Z');
    assert.equal((await webhookSucceeded(old!.ref)).outcome, 'recorded');
    assert.equal((await overpaymentRefunds(orderId)).length, 0, 'deposit + CHF 430 = the price: not overpaid yet');
    assert.equal((await chargeFee(env(), FLOW.org, feePaymentId))?.status, 'succeeded');
    const refunds = await overpaymentRefunds(orderId);
    assert.deepEqual(refunds.map((r) => [r.payment_id, r.amount, r.kind]), [[feePaymentId, 14000, 'provider']]);
    // The fee charged again (a job retried under the same key) or replayed: nothing more.
    assert.equal(await chargeFee(env(), FLOW.org, feePaymentId), null);
    const [fee] = await query(db.db, sql`select provider_ref from payments where id = ${feePaymentId}`);
    assert.equal((await webhookSucceeded(String(fee!.provider_ref))).outcome, 'duplicate');
    await runDueJobs(db.executor, jobs());
    assert.equal((await overpaymentRefunds(orderId)).length, 1);
    assert.equal((await staffOrder(orderId)).balance_due, 0);
  });

  /** Sessions 1–3 held; session 4 missed, which ends the booking: the plan is cancelled, the order left open for the fee. */
  async function noShowEndsBooking(chargeFees: 'auto' | 'balance', firstStart: string) {
    const pack = await packWithChargesUnderWay({ charge_fees: chargeFees }, firstStart, '2026-12-21T14:00:00Z');
    const settlement = await noShow(pack.b.id, pack.b.sessions[3]!.id);
    const [state] = await query(db.db, sql`select b.status::text as booking, o.status::text as order, (select array_agg(distinct status::text) from installments i where i.order_id = o.id) as installments
      from program_bookings b join orders o on o.id = b.order_id where b.id = ${pack.b.id}`);
    assert.deepEqual({ ...state }, { booking: 'completed', order: 'partially_paid', installments: ['cancelled'] });
    return { ...pack, settlement };
  }

  test('(c) a charge still processing when the no-show ended the booking succeeds after its installment was cancelled and the fee was charged: all of it goes back', async () => {
    const { b, orderId, underWay, settlement } = await noShowEndsBooking('auto', '2026-11-30T10:00:00.000Z');
    assert.equal(settlement.fee_collection?.collection, 'charge');
    // The provider can no longer cancel the charges (processing); the fee is charged meanwhile.
    cancelAnswer = 'processing';
    try {
      await runDueJobs(db.executor, jobs());
    } finally {
      cancelAnswer = 'cancelled';
    }
    const [fee] = await query(db.db, sql`select status::text from payments where id = ${settlement.fee_collection!.payment_id!}`);
    assert.equal(fee!.status, 'succeeded');
    assert.equal((await overpaymentRefunds(orderId)).length, 0);
    const calls = refundCalls.length;
    for (const p of underWay) {
      assert.equal((await webhookSucceeded(p.ref)).outcome, 'recorded');
      assert.equal((await webhookSucceeded(p.ref)).outcome, 'duplicate', 'replayed');
    }
    const refunds = await overpaymentRefunds(orderId);
    assert.deepEqual(refunds.map((r) => [r.payment_id, r.amount]).sort(), underWay.map((p) => [p.id, p.amount]).sort(), 'each charge goes back whole, from itself');
    await runDueJobs(db.executor, jobs());
    await runDueJobs(db.executor, jobs());
    assert.deepEqual(refundCalls.slice(calls).map((r) => r.amount).sort(), underWay.map((p) => p.amount).sort(), 'once each at the provider');
    assert.equal((await eventsOf(b.id, 'payment.overpaid')).length, underWay.length);
    const view = await staffOrder(orderId);
    assert.equal(view.balance_due, 0, 'the fee stays paid, nothing else kept');
    assert.equal(view.refunded, underWay.reduce((a, p) => a + p.amount, 0));
  });

  test('(d) not overpaid: the same charge succeeding after the no-show ended the booking pays the fee left owed ("balance"); nothing is refunded', async () => {
    const { b, orderId, underWay, settlement } = await noShowEndsBooking('balance', '2026-11-30T08:30:00.000Z');
    const owed = settlement.balance_due;
    assert.ok(owed >= underWay.reduce((a, p) => a + p.amount, 0), 'the fee owed is at least what is under way');
    cancelAnswer = 'processing';
    try {
      await runDueJobs(db.executor, jobs());
    } finally {
      cancelAnswer = 'cancelled';
    }
    for (const p of underWay) assert.equal((await webhookSucceeded(p.ref)).outcome, 'recorded');
    await runDueJobs(db.executor, jobs());
    assert.equal((await overpaymentRefunds(orderId)).length, 0);
    assert.equal((await eventsOf(b.id, 'payment.overpaid')).length, 0);
    const [refunds] = await query(db.db, sql`select count(*)::int as n from refunds where order_id = ${orderId}::uuid`);
    assert.equal(refunds!.n, 0, 'no refund of any kind');
    assert.equal((await staffOrder(orderId)).balance_due, owed - underWay.reduce((a, p) => a + p.amount, 0), 'what arrived pays what is owed');
  });
});
