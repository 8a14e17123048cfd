/**
 * Payroll and credit notes on orders not paid in full (a deposit plan): what a cancellation's credit
 * note writes off of the unpaid part is revenue the studio never gets, so it comes off the sessions
 * it was owed for, like a refund; the part of a credit note that documents a refund is not taken
 * twice; money paid after the cancellation, or beyond what was due, and sent straight back changes
 * nothing; and a closed
 * period is never rewritten (the correction is an adjustment in the open one).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, EVOLVE_INTAKE, reserve, testPay } from '../../support/checkout.ts';
import { runLifecycleAt } from '../../support/lifecycle.ts';
import { skFlow, staffCancel } from '../../support/admin-money.ts';
import { runDueJobs } from '../../../server/platform/jobs/queue.ts';
import { withSystem } from '../../../server/platform/db/escalation.ts';
import { earningsJob } from '../../../server/modules/payroll/index.ts';
import { allocateEvenly, applyBasisPoints, LATE_MONEY_REFUND_REASON, mulDivRoundHalfUp, OVERPAYMENT_REFUND_REASON, settleOrder } from '../../../server/modules/billing/index.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { CreatedBooking } from '../../../schema/api/embed-bookings.ts';

describe('payroll revenue, credit notes on partly paid orders, and money the order never claimed', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date('2026-11-09T08:00:00Z'));
  let p: CreatedBooking;
  let share: number[] = [];
  let novemberId = '';

  const post = (path: string, body?: unknown) => app.request(`/v1/admin${path}`, {
    method: 'POST', headers: { ...skFlow, 'Idempotency-Key': randomUUID(), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const runPayroll = () => runDueJobs(db.executor, [earningsJob({ db: db.db, now: clock.now })] as never);
  const at = async (iso: string) => { clock.set(iso); await runLifecycleAt(db, new Date(iso)); await runPayroll(); };
  const earningsOf = (bookingId: string) => query(db.db, sql`select id, kind, session_id, amount, adjusts_id, period_id, inputs, reason from earnings where booking_id = ${bookingId} order by created_at, id`);
  const orderOf = async (bookingId: string) => (await query(db.db, sql`select o.id, o.total, o.amount_paid, o.status from orders o join program_bookings b on b.order_id = o.id where b.id = ${bookingId}`))[0]!;
  const netOfGross = async (bookingId: string, gross: number) => {
    const [o] = await query(db.db, sql`select sum(i.amount)::int as gross, sum(i.amount - i.vat_amount)::int as net from order_items i join program_bookings b on b.order_id = i.order_id where b.id = ${bookingId}`);
    return mulDivRoundHalfUp(gross, Number(o!.net), Number(o!.gross));
  };

  /** The EVOLVE 4-session pack (CHF 580) with its deposit plan: CHF 150 paid, the instalments not yet charged. */
  async function depositEvolve(firstStart: string): Promise<CreatedBooking> {
    const v = await demoVariants(app);
    const booking = await reserve(app, { program: 'evolve', variant: v.evolve![0], customer: customer(), sessions: { mode: 'cadence', first_start: firstStart }, intake: EVOLVE_INTAKE });
    await checkedOut(await checkoutReq(app, booking, { method: 'card', plan: 'deposit' }));
    assert.equal((await testPay(app, booking, 'succeed')).status, 200);
    const order = await orderOf(booking.id);
    assert.deepEqual([order.total, order.amount_paid, order.status], [58000, 15000, 'partially_paid']);
    return booking;
  }

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    // The studio keeps half of a no-show's value; fees beyond what was paid stay owed on the order.
    await query(db.db, sql`update programs set policies = policies || '{"no_show_fee_bp": 5000, "charge_fees": "balance"}'::jsonb where id = ${FLOW.evolve}`);
    assert.equal((await post('/payroll/settings', { period: 'monthly', no_show_share_bp: 5000, late_cancel_share_bp: 5000 })).status, 200);
    assert.equal((await post('/payroll/rules', { staff_id: FLOW.mara, kind: 'percent', value: 4000, valid_from: '2026-11-01' })).status, 201);
  });
  after(async () => db.close());

  test('November: a completed session and a no-show on a deposit-paid pack earn on their whole share (nothing was credited yet)', async () => {
    p = await depositEvolve('2026-11-12T09:00:00.000Z'); // 12, 19, 26 Nov, 3 Dec, 10:00 in Zurich
    const [o] = await query(db.db, sql`select sum(i.amount - i.vat_amount)::int as net from order_items i join program_bookings b on b.order_id = i.order_id where b.id = ${p.id}`);
    share = allocateEvenly(Number(o!.net), 4);
    await at('2026-11-13T10:00:00Z');
    clock.set('2026-11-19T09:30:00Z');
    assert.equal((await post(`/bookings/${p.id}/sessions/${p.sessions[1]!.id}/no-show`)).status, 200);
    await runPayroll();
    await at('2026-11-27T10:00:00Z');
    const rows = await earningsOf(p.id);
    const bySession = new Map(rows.map((r) => [r.session_id as string, r]));
    assert.equal(bySession.get(p.sessions[0]!.id)!.amount, applyBasisPoints(share[0]!, 4000));
    assert.equal((bySession.get(p.sessions[1]!.id)!.inputs as { net_revenue: number }).net_revenue, share[1], 'no money moved for the no-show: its whole share');
    assert.equal(bySession.get(p.sessions[1]!.id)!.amount, applyBasisPoints(applyBasisPoints(share[1]!, 4000), 5000));
    assert.equal(bySession.get(p.sessions[2]!.id)!.amount, applyBasisPoints(share[2]!, 4000));
    assert.equal(rows.length, 3);
    novemberId = String(rows[0]!.period_id);
    clock.set('2026-12-01T12:00:00Z');
    const closed = await post(`/payroll/periods/${novemberId}/close`);
    assert.equal(closed.status, 200, await closed.clone().text());
  });

  test('cancelled in December: the credit note writes off the no-show\'s refundable half and the last session; the no-show is corrected by one adjustment in December, November untouched', async () => {
    const novemberBefore = await query(db.db, sql`select id, amount from earnings where period_id = ${novemberId} order by id`);
    clock.set('2026-12-01T12:00:00Z'); // session 4 (3 Dec, 10:00) is more than 24 hours away
    const settlement = await staffCancel(app, p.id);
    assert.deepEqual(settlement.lines.map((l) => l.rule), ['completed', 'no_show', 'completed', 'cancelled_in_time']);
    assert.equal(settlement.refund, 0, 'CHF 150 paid covers none of what the customer owes');
    const notes = await query(db.db, sql`select total, (snapshot->>'refund')::int as refund from credit_notes where order_id = ${(await orderOf(p.id)).id}`);
    const noShowBack = settlement.lines[1]!.refund;
    assert.deepEqual(notes.map((n) => [n.total, n.refund]), [[noShowBack + settlement.lines[3]!.refund, 0]], 'the unpaid part no longer claimed: the no-show\'s half and session 4');
    await runPayroll();

    assert.deepEqual(await query(db.db, sql`select id, amount from earnings where period_id = ${novemberId} order by id`), novemberBefore, 'the closed period is as it was');
    const rows = await earningsOf(p.id);
    const adjustments = rows.filter((r) => r.kind === 'adjustment');
    assert.equal(adjustments.length, 1, 'only the no-show changed');
    const original = rows.find((r) => r.kind === 'session' && r.session_id === p.sessions[1]!.id)!;
    const now = applyBasisPoints(applyBasisPoints(share[1]! - await netOfGross(p.id, noShowBack), 4000), 5000);
    assert.equal(adjustments[0]!.amount, now - Number(original.amount));
    assert.ok(Number(adjustments[0]!.amount) < 0);
    assert.equal(adjustments[0]!.adjusts_id, original.id);
    assert.notEqual(adjustments[0]!.period_id, novemberId);
    const [december] = await query(db.db, sql`select starts_on::text, status from payroll_periods where id = ${adjustments[0]!.period_id}`);
    assert.deepEqual([december!.starts_on, december!.status], ['2026-12-01', 'open']);
    assert.ok(!rows.some((r) => r.session_id === p.sessions[3]!.id), 'the session cancelled in time earns nothing');

    // Recomputing writes nothing more.
    const { computeEarningsNow } = await import('../../../server/modules/payroll/index.ts');
    assert.deepEqual(await computeEarningsNow(db.db, { orgId: FLOW.org, bookingId: p.id, cause: 'test' }, clock.now()), { originals: 0, adjustments: 0 });
  });

  test('money that arrives after the cancellation and goes straight back is not taken off again', async () => {
    const order = await orderOf(p.id);
    clock.set('2026-12-02T09:00:00Z');
    // An instalment's charge that succeeded as the booking was being cancelled.
    await query(db.db, sql`insert into payments (org_id, order_id, method, status, amount, currency, provider, provider_ref, succeeded_at)
      values (${FLOW.org}, ${order.id}, 'card', 'succeeded', 14333, 'CHF', 'test', ${`late_${randomUUID()}`}, now())`);
    await withSystem(db.db, FLOW.org, 'test: money after the cancellation', (tx) => settleOrder(tx, { now: clock.now(), config: testConfig }, FLOW.org, String(order.id)));
    const late = await query(db.db, sql`select amount, reason from refunds where booking_id = ${p.id}`);
    assert.deepEqual(late.map((r) => [r.amount, r.reason]), [[14333, LATE_MONEY_REFUND_REASON]]);
    const before = await earningsOf(p.id);
    await runPayroll();
    assert.deepEqual(await earningsOf(p.id), before);
  });

  test('a credit note for a refund and a write-off together: the refund is taken once, the delivered session keeps its whole share', async () => {
    clock.set('2026-12-01T13:00:00Z');
    const q = await depositEvolve('2026-12-03T09:00:00.000Z'); // 3, 10, 17, 24 Dec
    await at('2026-12-04T10:00:00Z');
    const completed = (await earningsOf(q.id)).find((r) => r.session_id === q.sessions[0]!.id)!;
    assert.equal((completed.inputs as { net_revenue: number }).net_revenue, share[0]);
    clock.set('2026-12-05T10:00:00Z');
    const settlement = await staffCancel(app, q.id);
    assert.deepEqual(settlement.lines.map((l) => l.rule), ['completed', 'cancelled_in_time', 'cancelled_in_time', 'cancelled_in_time']);
    assert.equal(settlement.refund, 15000 - 14500, 'the deposit beyond the session delivered goes back');
    const [note] = await query(db.db, sql`select total, (snapshot->>'refund')::int as refund from credit_notes where order_id = ${(await orderOf(q.id)).id}`);
    assert.deepEqual([note!.total, note!.refund], [58000 - 14500, 500], 'one credit note: CHF 5 refunded, CHF 430 no longer claimed');
    await runPayroll();
    const rows = await earningsOf(q.id);
    assert.deepEqual(rows.map((r) => [r.session_id, r.kind, r.amount]), [[q.sessions[0]!.id, 'session', applyBasisPoints(share[0]!, 4000)]], 'no adjustment: nothing delivered lost revenue');
  });

  test('a transfer of more than was due on a paid order: the excess goes back and the delivered session keeps its revenue', async () => {
    assert.equal((await post('/payroll/rules', { staff_id: FLOW.noemi, kind: 'percent', value: 5000, valid_from: '2026-12-01' })).status, 201);
    clock.set('2026-12-06T09:00:00Z');
    const reiki = (await demoVariants(app)).reiki![0]!;
    const r = await reserve(app, { program: 'reiki', variant: reiki, customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-09T09:00:00.000Z'] } });
    await checkedOut(await checkoutReq(app, r, { method: 'card' }));
    assert.equal((await testPay(app, r, 'succeed')).status, 200);
    await at('2026-12-10T12:00:00Z');
    const before = await earningsOf(r.id);
    assert.equal(before.length, 1);
    const order = await orderOf(r.id);
    assert.equal(order.status, 'paid');
    const res = await post(`/orders/${order.id}/payments`, { amount: 5000, method: 'bank_transfer', reference: 'paid twice' });
    assert.equal(res.status, 201, await res.clone().text());
    const refunds = await query(db.db, sql`select amount, reason from refunds where booking_id = ${r.id}`);
    assert.deepEqual(refunds.map((x) => [x.amount, x.reason]), [[5000, OVERPAYMENT_REFUND_REASON]]);
    await runPayroll();
    assert.deepEqual(await earningsOf(r.id), before, 'no adjustment: the excess was never revenue');
  });
});
