/**
 * Fees beyond what was paid (issue 13): a late cancellation of an EVOLVE 4-pack paid by its
 * deposit only (CHF 150 of CHF 580) whose fee is larger than the deposit. `charge_fees: "auto"`
 * charges the rest off-session to the card saved with the deposit, once, keyed by the fee's
 * payment row; `"balance"` leaves it owed on the order. A no-show settles by the no-show fee: a
 * paid Reiki with a 50 % no-show fee gets half back, with a credit note and a mail.
 * The test policy: cancelling is free up to 14 days before a session, late costs 100 %.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { asSystem, Clock, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, EVOLVE_INTAKE, outboxOf, reserve, testPay } from '../../support/checkout.ts';
import { pdfText, skFlow } from '../../support/admin-money.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import type { OffSessionInput, PaymentProvider } from '../../../server/platform/adapters/payments/provider.ts';
import { runDueJobs } from '../../../server/platform/jobs/queue.ts';
import { jobDefinitions } from '../../../server/jobs.ts';
import { chargeDueInstallments, chargeFee, CANCELLED_WITH_BOOKING, INTENT_CANCEL_QUEUE, renderInvoiceAttachment } from '../../../server/modules/billing/index.ts';
import { localMailer } from '../../../server/platform/adapters/mail/mailer.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import { runLifecycleAt } from '../../support/lifecycle.ts';

const START = '2026-11-25T08:00:00Z';

interface SettlementAnswer {
  refund: number; fee: number; balance_due: number;
  refunds: { id: string; amount: number; status: string }[];
  credit_note: { id: string; number: string; pdf_url: string } | null;
  fee_collection: { amount: number; collection: 'charge' | 'balance'; payment_id: string | null; reason: string | null } | null;
  lines: { seq: number; rule: string; fee: number; refund: number }[];
}

describe('settlement: fees beyond what was paid, and no-shows', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let v: Record<string, string[]> = {};
  const clock = new Clock(new Date(START));
  const charges: OffSessionInput[] = [];
  const inner = testProvider();
  /** While set, off-session charges stay `processing` at the provider (a charge under way, its webhook to come). */
  let processing = false;
  const cancelled: string[] = [];
  const payments: PaymentProvider = {
    ...inner,
    chargeOffSession: async (input) => {
      charges.push(input);
      return processing ? { status: 'processing', ref: `test_pi_processing_${randomUUID()}` } : inner.chargeOffSession(input);
    },
    cancelIntent: async (ref, account) => { cancelled.push(ref); return inner.cancelIntent(ref, account); },
  };
  const jobs = () => jobDefinitions({ db: db.db, now: clock.now, config: testConfig, payments, mailer: localMailer() });

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now, payments });
    v = await demoVariants(app);
  });
  after(async () => db.close());

  const setPolicy = (slug: string, policy: Record<string, unknown>) => asSystem(db.db, FLOW.org, (tx) => tx.execute(sql`
    update programs set policies = policies || ${JSON.stringify(policy)}::jsonb where org_id = ${FLOW.org}::uuid and slug = ${slug}`));
  const post = (path: string, body?: unknown) => app.request(`/v1/admin${path}`, {
    method: 'POST', headers: { ...skFlow, 'Idempotency-Key': randomUUID(), ...(body ? { 'Content-Type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const orderOf = async (bookingId: string) => {
    const [row] = await query(db.db, sql`select order_id from program_bookings where id = ${bookingId}`);
    const res = await app.request(`/v1/admin/orders/${row!.order_id}`, { headers: skFlow });
    assert.equal(res.status, 200);
    return res.json() as Promise<{ id: string; amount_paid: number; balance_due: number; credited: number; payments: { amount: number; status: string }[]; installments: { status: string }[] }>;
  };

  async function depositOnly4Pack(firstStart: string) {
    clock.set(START);
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![0], customer: customer({ locale: 'en' }), sessions: { mode: 'cadence', first_start: firstStart }, intake: EVOLVE_INTAKE });
    await checkedOut(await checkoutReq(app, b, { method: 'card', plan: 'deposit' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    return b;
  }

  test('charge_fees "auto": the fee beyond the deposit is charged off-session to the saved card after commit, exactly once; nothing is refunded as late money', async () => {
    await setPolicy('evolve', { free_cancel_hours: 336, late_cancel_fee_bp: 10000, charge_fees: 'auto' });
    // Weekly from 27 November: sessions 1 and 2 fall inside the 14 days, 3 and 4 outside.
    const b = await depositOnly4Pack('2026-11-27T09:00:00.000Z');
    const quote = await (await app.request(`/v1/admin/bookings/${b.id}/cancellation`, { headers: skFlow })).json() as { paid: number; refund: number; fee: number; balance_due: number; quote_id: string; policy: { charge_fees: string } };
    assert.deepEqual({ paid: quote.paid, refund: quote.refund, fee: quote.fee, balance_due: quote.balance_due, charge_fees: quote.policy.charge_fees },
      { paid: 15000, refund: 0, fee: 15000, balance_due: 14000, charge_fees: 'auto' }, 'fees CHF 290 (two sessions at 100 %), the deposit covers CHF 150 of it');
    const res = await post(`/bookings/${b.id}/cancel`, { quote_id: quote.quote_id });
    assert.equal(res.status, 200, await res.clone().text());
    const { settlement } = await res.json() as { settlement: SettlementAnswer };
    assert.deepEqual({ ...settlement.fee_collection, payment_id: typeof settlement.fee_collection?.payment_id }, { amount: 14000, collection: 'charge', payment_id: 'string', reason: null });
    assert.equal(charges.length, 0, 'nothing is charged inside the request');
    const feeId = settlement.fee_collection!.payment_id!;
    const [pending] = await query(db.db, sql`select status::text, purpose, amount from payments where id = ${feeId}`);
    assert.deepEqual({ ...pending }, { status: 'pending', purpose: 'fee', amount: 14000 });

    await runDueJobs(db.executor, jobs());
    assert.equal(charges.length, 1);
    assert.deepEqual({ amount: charges[0]!.amount, key: charges[0]!.idempotencyKey, pm: charges[0]!.paymentMethodRef.startsWith('test_pm_') }, { amount: 14000, key: `tandem:fee:${feeId}`, pm: true });
    // Run again, or the job replayed: nothing more is charged.
    await runDueJobs(db.executor, jobs());
    assert.equal(await chargeFee({ db: db.db, payments, now: clock.now, config: testConfig }, FLOW.org, feeId), null);
    assert.equal(charges.length, 1);

    const order = await orderOf(b.id);
    assert.deepEqual({ paid: order.amount_paid, balance_due: order.balance_due, credited: order.credited }, { paid: 29000, balance_due: 0, credited: 29000 },
      'the fee counts as paid; the credit note takes off only the two sessions that were free to cancel');
    assert.ok(order.installments.every((i) => i.status === 'cancelled'), 'no installment of the cancelled plan is ever charged');
    const [refunds] = await query(db.db, sql`select count(*)::int as n from refunds where order_id = ${order.id}`);
    assert.equal(refunds!.n, 0, 'the fee is not refunded as money after a cancellation');

    // The customer's mail says what was kept, why, and that the rest is charged to the saved card; the credit note says it too.
    const [mail] = (await outboxOf(db.db, b.id)).filter((m) => m.dedupe_key === `booking:${b.id}:cancel`);
    const text = String(mail!.text_body);
    assert.match(text, /Fee: CHF\s145\.00 \(late cancellation, session 1\)\.\nFee: CHF\s145\.00 \(late cancellation, session 2\)\./);
    assert.match(text, /The fee beyond what you had paid, CHF\s140\.00, is charged to the card you saved with your deposit\./);
    const [staffMail] = (await outboxOf(db.db, b.id)).filter((m) => m.dedupe_key === `booking:${b.id}:cancel:staff`);
    assert.match(String(staffMail!.text_body), /Die Gebühr über das Bezahlte hinaus, CHF\s140\.00, wird der mit der Anzahlung hinterlegten Karte belastet\./, 'the studio hears it in its own words and language');
    const pdf = pdfText(await renderInvoiceAttachment(db.db, FLOW.org, { kind: 'credit_note_pdf', credit_note_id: settlement.credit_note!.id }));
    assert.match(pdf, new RegExp(`Credit note ${settlement.credit_note!.number}`));
    assert.match(pdf, /Not credited: late cancellation fee, session 1/);
    assert.match(pdf, /Of which still owed beyond what was paid/);
  });

  test('charge_fees "balance": nothing is charged, the fee stays owed on the order', async () => {
    await setPolicy('evolve', { free_cancel_hours: 336, late_cancel_fee_bp: 10000, charge_fees: 'balance' });
    const b = await depositOnly4Pack('2026-11-27T09:00:00.000Z');
    const before = charges.length;
    const res = await post(`/bookings/${b.id}/cancel`);
    const { settlement } = await res.json() as { settlement: SettlementAnswer };
    assert.deepEqual(settlement.fee_collection, { amount: 14000, collection: 'balance', payment_id: null, reason: 'the policy leaves fees owed on the order' });
    await runDueJobs(db.executor, jobs());
    assert.equal(charges.length, before);
    const order = await orderOf(b.id);
    assert.deepEqual({ paid: order.amount_paid, balance_due: order.balance_due }, { paid: 15000, balance_due: 14000 });
    const [mail] = (await outboxOf(db.db, b.id)).filter((m) => m.dedupe_key === `booking:${b.id}:cancel`);
    assert.match(String(mail!.text_body), /The fee beyond what you had paid, CHF\s140\.00, is still owed; Studio Flow will send you the details\./);
  });

  test('a declined fee charge is recorded as failed and the fee stays owed', async () => {
    await setPolicy('evolve', { free_cancel_hours: 336, late_cancel_fee_bp: 10000, charge_fees: 'auto' });
    const b = await depositOnly4Pack('2026-11-27T09:00:00.000Z');
    const { settlement } = await (await post(`/bookings/${b.id}/cancel`)).json() as { settlement: SettlementAnswer };
    const declining: PaymentProvider = { ...payments, chargeOffSession: async (input) => { charges.push(input); return { status: 'failed', ref: null, reason: 'Your card was declined. (test)' }; } };
    const outcome = await chargeFee({ db: db.db, payments: declining, now: clock.now, config: testConfig }, FLOW.org, settlement.fee_collection!.payment_id!);
    assert.equal(outcome?.status, 'failed');
    const [row] = await query(db.db, sql`select status::text from payments where id = ${settlement.fee_collection!.payment_id!}`);
    assert.equal(row!.status, 'failed');
    assert.equal((await orderOf(b.id)).balance_due, 14000);
    const [event] = await query(db.db, sql`select type from domain_events where subject_id = ${b.id} and type = 'fee.failed'`);
    assert.ok(event, 'recorded for the studio');
    // The customer is asked to pay it, with the link to their booking; the studio hears of it in its language. Once.
    const feeId = settlement.fee_collection!.payment_id!;
    await chargeFee({ db: db.db, payments: declining, now: clock.now, config: testConfig }, FLOW.org, feeId);
    const mails = await query(db.db, sql`select dedupe_key, to_address, subject, text_body from mail_outbox where dedupe_key like ${`fee:${feeId}:%`} order by dedupe_key`);
    assert.deepEqual(mails.map((m) => String(m.dedupe_key)), [`fee:${feeId}:declined`, `fee:${feeId}:declined:staff`]);
    const [toCustomer, toStudio] = mails;
    assert.equal(toCustomer!.subject, 'Fee not paid: EVOLVE — holistic coaching');
    assert.match(String(toCustomer!.text_body), /the charge of CHF\s140\.00 to the card you saved with your deposit, for the fee of EVOLVE — holistic coaching \(.+\), was declined: Your card was declined\. \(test\)\. The amount is still owed\. You can see what is owed and pay it here:\nhttps?:\/\/\S+\/manage\/\S+\n/);
    assert.equal(toStudio!.to_address, 'hallo@studioflow.example');
    assert.match(String(toStudio!.subject), /^Gebühr abgelehnt: Ana Muster, EVOLVE/);
    assert.match(String(toStudio!.text_body), /CHF\s140\.00 .* wurde abgelehnt: Your card was declined\. \(test\)\. Der Betrag ist auf der Bestellung noch offen/);
  });

  test('a no-show of a paid Reiki with a 50 % no-show fee: the session counts as held, half goes back with a credit note, and the customer is told', async () => {
    await setPolicy('reiki', { no_show_fee_bp: 5000 });
    clock.set(START);
    const b = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer({ locale: 'en' }), sessions: { mode: 'explicit', starts: ['2026-12-02T09:00:00.000Z'] } });
    await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    clock.set('2026-12-02T10:30:00Z');
    const res = await post(`/bookings/${b.id}/sessions/${b.sessions[0]!.id}/no-show`);
    assert.equal(res.status, 200, await res.clone().text());
    const { settlement } = await res.json() as { settlement: SettlementAnswer };
    assert.deepEqual({ refund: settlement.refund, fee: settlement.fee, rules: settlement.lines.map((l) => l.rule), refunds: settlement.refunds.map((r) => r.amount) },
      { refund: 7000, fee: 7000, rules: ['no_show'], refunds: [7000] });
    assert.match(settlement.credit_note!.number, /^FLOW-CN-2026-\d{4}$/);
    const [note] = await query(db.db, sql`select total from credit_notes where id = ${settlement.credit_note!.id}`);
    assert.equal(note!.total, 7000);
    // Marking it again moves nothing more.
    const again = await (await post(`/bookings/${b.id}/sessions/${b.sessions[0]!.id}/no-show`)).json() as { settlement: unknown };
    assert.equal(again.settlement, null);
    assert.equal((await query(db.db, sql`select count(*)::int as n from refunds where booking_id = ${b.id}`))[0]!.n, 1);
    const [mail] = (await outboxOf(db.db, b.id)).filter((m) => String(m.dedupe_key).includes(':no_show:'));
    assert.match(String(mail!.subject), /^Missed session: Reiki 1:1$/);
    assert.match(String(mail!.text_body), /Refund: CHF\s70\.00 to the card or TWINT account you paid with/);
    assert.match(String(mail!.text_body), /Fee: CHF\s70\.00 \(no-show, session 1\)\./);
    assert.deepEqual((mail!.attachments as { filename: string }[]).map((a) => a.filename), [`credit-note-${settlement.credit_note!.number}.pdf`]);
  });

  describe('a no-show in the middle of a deposit-only 4-pack (CHF 150 paid of CHF 580): session 1 held, session 2 missed, no-show fee 100 %', () => {
    const installmentsOf = async (bookingId: string) => (await query(db.db, sql`select i.amount, i.status::text from installments i
      join program_bookings b on b.order_id = i.order_id where b.id = ${bookingId} order by i.seq`)).map((r) => [r.amount, r.status]);
    async function missedSecond(chargeFees: 'auto' | 'balance', firstStart: string) {
      await setPolicy('evolve', { free_cancel_hours: 24, no_show_fee_bp: 10000, charge_fees: chargeFees });
      const b = await depositOnly4Pack(firstStart); // weekly
      clock.set('2026-12-01T08:00:00Z');
      await runLifecycleAt(db, clock.now()); // session 1 held: it used CHF 145 of the deposit
      clock.set(new Date(Date.parse(firstStart) + 7 * 86_400_000 + 90 * 60_000).toISOString());
      const res = await post(`/bookings/${b.id}/sessions/${b.sessions[1]!.id}/no-show`);
      assert.equal(res.status, 200, await res.clone().text());
      const { settlement } = await res.json() as { settlement: SettlementAnswer };
      return { b, settlement };
    }

    test('charge_fees "auto": the fee beyond what is left of the deposit (CHF 140) is charged to the saved card once, and the plan\'s last installments are lower by as much', async () => {
      const before = charges.length;
      const { b, settlement } = await missedSecond('auto', '2026-11-27T09:00:00.000Z');
      const planned = await installmentsOf(b.id);
      assert.deepEqual({ fee: settlement.fee, balance_due: settlement.balance_due, refunds: settlement.refunds.length, rules: settlement.lines.map((l) => l.rule) },
        { fee: 500, balance_due: 14000, refunds: 0, rules: ['no_show'] }, 'CHF 5 of the deposit is left after session 1; the rest of the CHF 145 fee is owed now');
      assert.deepEqual({ ...settlement.fee_collection, payment_id: typeof settlement.fee_collection?.payment_id }, { amount: 14000, collection: 'charge', payment_id: 'string', reason: null });
      assert.equal(charges.length, before, 'nothing is charged inside the request');
      await runDueJobs(db.executor, jobs());
      await runDueJobs(db.executor, jobs());
      assert.deepEqual(charges.slice(before).map((c) => [c.amount, c.idempotencyKey]), [[14000, `tandem:fee:${settlement.fee_collection!.payment_id}`]], 'charged once');
      const order = await orderOf(b.id);
      const open = planned.filter(([, st]) => st === 'scheduled').reduce((a, [amount]) => a + Number(amount), 0);
      assert.equal(order.amount_paid + open, 58000, 'deposit + fee + what the plan still charges = the price, never more');
      assert.equal(order.balance_due, 58000 - 29000);
      const [booking] = await query(db.db, sql`select status::text from program_bookings where id = ${b.id}`);
      assert.equal(booking!.status, 'in_progress', 'the pack goes on');
      const [mail] = (await outboxOf(db.db, b.id)).filter((m) => String(m.dedupe_key).includes(':no_show:'));
      assert.match(String(mail!.text_body), /The fee beyond what you had paid, CHF\s140\.00, is charged to the card you saved with your deposit\./);
    });

    test('charge_fees "auto" while the plan\'s installment is being charged: the fee comes off it, the charge under way for the old amount is cancelled at the provider after commit, the new amount charged once; the price is paid exactly', async () => {
      await setPolicy('evolve', { free_cancel_hours: 24, no_show_fee_bp: 10000, charge_fees: 'auto' });
      const b = await depositOnly4Pack('2026-12-01T13:00:00.000Z');
      clock.set('2026-12-07T08:00:00Z');
      await runLifecycleAt(db, clock.now());
      const [order] = await query(db.db, sql`select order_id from program_bookings where id = ${b.id}`);
      const orderId = String(order!.order_id);
      // The plan's installment is being charged (its attempt due now, the provider still processing it).
      await asSystem(db.db, FLOW.org, (tx) => tx.execute(sql`update installments set next_attempt_at = ${new Date(clock.now().getTime() - 60_000).toISOString()}::timestamptz where order_id = ${orderId}::uuid`));
      processing = true;
      try {
        assert.deepEqual(await chargeDueInstallments({ db: db.db, orgId: FLOW.org, payments, now: clock.now, config: testConfig }), { charged: 0, failed: 0, overdue: 0, processing: 1 });
      } finally {
        processing = false;
      }
      const [inFlight] = await query(db.db, sql`select p.id, p.amount, p.provider_ref from payments p where p.order_id = ${orderId}::uuid and p.status = 'pending' and p.installment_id is not null`);
      assert.equal(inFlight!.amount, 43000);
      clock.set('2026-12-08T14:30:00Z');
      const res = await post(`/bookings/${b.id}/sessions/${b.sessions[1]!.id}/no-show`);
      assert.equal(res.status, 200, await res.clone().text());
      const { settlement } = await res.json() as { settlement: SettlementAnswer };
      assert.deepEqual([settlement.fee_collection?.collection, settlement.fee_collection?.amount], ['charge', 14000]);
      const installments = async () => (await query(db.db, sql`select amount, status::text from installments where order_id = ${orderId}::uuid order by seq`)).map((r) => [r.amount, r.status]);
      assert.deepEqual(await installments(), [[29000, 'scheduled']], 'lower by the fee charged now');
      const queued = await query(db.db, sql`select state from pgboss.job where name = ${INTENT_CANCEL_QUEUE} and singleton_key = ${`payment-cancel:${String(inFlight!.id)}`}`);
      assert.deepEqual(queued.map((j) => j.state), ['created'], 'the charge for the old amount is cancelled after commit');
      cancelled.length = 0;
      const before = charges.length;
      await runDueJobs(db.executor, jobs());
      assert.deepEqual(cancelled, [inFlight!.provider_ref]);
      const [old] = await query(db.db, sql`select status::text, failure_reason from payments where id = ${inFlight!.id}`);
      assert.deepEqual({ ...old }, { status: 'failed', failure_reason: CANCELLED_WITH_BOOKING });
      // The next run of the plan charges the new amount, once.
      await asSystem(db.db, FLOW.org, (tx) => tx.execute(sql`update installments set next_attempt_at = ${new Date(clock.now().getTime() - 60_000).toISOString()}::timestamptz where order_id = ${orderId}::uuid`));
      await chargeDueInstallments({ db: db.db, orgId: FLOW.org, payments, now: clock.now, config: testConfig });
      assert.deepEqual(charges.slice(before).filter((c) => c.metadata.order_id === orderId).map((c) => c.amount).sort(), [14000, 29000], 'the fee and the lowered installment');
      assert.deepEqual(await installments(), [[29000, 'paid']]);
      const [o] = await query(db.db, sql`select amount_paid, total from orders where id = ${orderId}::uuid`);
      assert.deepEqual([o!.amount_paid, o!.total], [58000, 58000], 'deposit + fee + the lowered installment = the price, never more');
    });

    test('a no-show that ends the booking with installments being charged: the plan is cancelled and the charges under way cancelled at the provider after commit; the order stays open for the fee', async () => {
      await setPolicy('evolve', { free_cancel_hours: 24, no_show_fee_bp: 10000, charge_fees: 'balance' });
      const b = await depositOnly4Pack('2026-11-30T10:00:00.000Z');
      const [order] = await query(db.db, sql`select order_id from program_bookings where id = ${b.id}`);
      const orderId = String(order!.order_id);
      // Sessions 1-3 held; session 4 over but not yet marked.
      clock.set('2026-12-21T14:00:00Z');
      await runLifecycleAt(db, clock.now());
      await asSystem(db.db, FLOW.org, (tx) => tx.execute(sql`update installments set next_attempt_at = ${new Date(clock.now().getTime() - 60_000).toISOString()}::timestamptz
        where order_id = ${orderId}::uuid and status in ('scheduled', 'failed')`));
      processing = true;
      let underWay: number;
      try {
        underWay = (await chargeDueInstallments({ db: db.db, orgId: FLOW.org, payments, now: clock.now, config: testConfig })).processing;
      } finally {
        processing = false;
      }
      assert.ok(underWay > 0);
      const pending = (await query(db.db, sql`select id, provider_ref from payments where order_id = ${orderId}::uuid and status = 'pending' and installment_id is not null`))
        .map((r) => ({ id: String(r.id), ref: String(r.provider_ref) }));
      assert.ok(pending.length > 0, 'a charge under way');
      const res = await post(`/bookings/${b.id}/sessions/${b.sessions[3]!.id}/no-show`);
      assert.equal(res.status, 200, await res.clone().text());
      const [booking] = await query(db.db, sql`select status::text from program_bookings where id = ${b.id}`);
      assert.equal(booking!.status, 'completed');
      const queued = await query(db.db, sql`select singleton_key from pgboss.job where name = ${INTENT_CANCEL_QUEUE} and state = 'created' and singleton_key = any(${`{${pending.map((p) => `payment-cancel:${p.id}`).join(',')}}`}::text[])`);
      assert.equal(queued.length, pending.length, 'one cancel job per charge under way');
      cancelled.length = 0;
      await runDueJobs(db.executor, jobs());
      assert.deepEqual([...cancelled].filter((ref) => pending.some((p) => p.ref === ref)).sort(), pending.map((p) => p.ref).sort(), 'each cancelled at the provider once');
      const rows = await query(db.db, sql`select status::text, failure_reason from payments where id = any(${`{${pending.map((p) => p.id).join(',')}}`}::uuid[])`);
      assert.ok(rows.every((r) => r.status === 'failed' && r.failure_reason === CANCELLED_WITH_BOOKING));
      const [o] = await query(db.db, sql`select status::text, (select array_agg(distinct status::text) from installments i where i.order_id = o.id) as installments from orders o where o.id = ${orderId}::uuid`);
      assert.deepEqual({ ...o }, { status: 'partially_paid', installments: ['cancelled'] });
    });

    test('charge_fees "balance": nothing is charged, the fee beyond the deposit is recorded as owed and the plan stays as it was', async () => {
      const before = charges.length;
      const { b, settlement } = await missedSecond('balance', '2026-11-26T09:00:00.000Z');
      assert.deepEqual({ balance_due: settlement.balance_due, fee_collection: settlement.fee_collection },
        { balance_due: 14000, fee_collection: { amount: 14000, collection: 'balance', payment_id: null, reason: 'the policy leaves fees owed on the order' } });
      await runDueJobs(db.executor, jobs());
      assert.equal(charges.length, before);
      const [owed] = await query(db.db, sql`select payload from domain_events where subject_id = ${b.id} and type = 'fee.owed'`);
      assert.equal((owed!.payload as { amount: number }).amount, 14000, 'recorded as owed');
      assert.ok((await installmentsOf(b.id)).every(([, st]) => st === 'scheduled'));
      const [mail] = (await outboxOf(db.db, b.id)).filter((m) => String(m.dedupe_key).includes(':no_show:'));
      assert.match(String(mail!.text_body), /The fee beyond what you had paid, CHF\s140\.00, is still owed/);
    });
  });
});
