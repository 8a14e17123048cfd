/**
 * The amount an installment is charged for: the installment job claims its due installments in one
 * transaction, then, right before each charge, reads the installment once more (`chargeableAmount` in
 * installments.jobs.ts): nothing is charged when it was cancelled or paid meanwhile, or its booking or
 * order is no longer live; a settlement that lowered it since the claim lowers the claimed payment row,
 * and the charge is made for the new amount under the row's own key. Through the job: an EVOLVE
 * 4-pack paid by its deposit (CHF 150) has three installments of CHF 430 together, all due; while the
 * provider is charging the first one the job picked, the test changes another one (as a settlement, a
 * payment or a cancellation committing at that moment would), before the job reads it again.
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
import type { OffSessionInput, PaymentProvider } from '../../../server/platform/adapters/payments/provider.ts';
import { chargeDueInstallments } from '../../../server/modules/billing/index.ts';
import { FLOW } from '../../../demo/seed/index.ts';

const START = '2026-11-25T08:00:00Z';

describe('installments: the amount re-read right before the charge', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let v: Record<string, string[]> = {};
  const clock = new Clock(new Date(START));
  const inner = testProvider();
  const charges: OffSessionInput[] = [];
  /** Runs once, while the provider charges the first installment of a run: another installment changes meanwhile. */
  let meanwhile: ((charging: OffSessionInput) => Promise<void>) | null = null;
  const payments: PaymentProvider = {
    ...inner,
    chargeOffSession: async (input) => {
      charges.push(input);
      const work = meanwhile;
      meanwhile = null;
      if (work) await work(input);
      return inner.chargeOffSession(input);
    },
  };
  const run = () => chargeDueInstallments({ db: db.db, orgId: FLOW.org, payments, now: clock.now, config: testConfig });

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now, payments });
    v = await demoVariants(app);
  });
  after(async () => db.close());

  /** Each test's pack starts at its own time (Mara's mornings and afternoons in the week of 11 January 2027). */
  const starts = ['2027-01-12T09:00:00.000Z', '2027-01-13T09:00:00.000Z', '2027-01-14T09:00:00.000Z', '2027-01-11T09:00:00.000Z', '2027-01-12T14:00:00.000Z', '2027-01-13T14:00:00.000Z', '2027-01-14T14:00:00.000Z'];
  /** A deposit-only 4-pack with its three installments all due now; every other installment of the studio is parked far ahead. */
  async function packDueNow() {
    clock.set(START);
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![0], customer: customer(), sessions: { mode: 'cadence', first_start: starts.shift()! }, intake: EVOLVE_INTAKE });
    await checkedOut(await checkoutReq(app, b, { method: 'card', plan: 'deposit' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    const [row] = await query(db.db, sql`select order_id from program_bookings where id = ${b.id}`);
    const orderId = String(row!.order_id);
    clock.set('2027-01-07T08:00:00Z');
    await asSystem(db.db, FLOW.org, (tx) => tx.execute(sql`update installments set next_attempt_at = case when order_id = ${orderId}::uuid
      then ${new Date(clock.now().getTime() - 60_000).toISOString()}::timestamptz else '2099-01-01T00:00:00Z'::timestamptz end where status in ('scheduled', 'failed')`));
    const installments = await rowsOf(orderId);
    assert.deepEqual(installments.map((i) => [i.amount, i.status]), [[14334, 'scheduled'], [14333, 'scheduled'], [14333, 'scheduled']]);
    charges.length = 0;
    return { b, orderId, installments };
  }
  const rowsOf = async (orderId: string) => (await query(db.db, sql`select id, amount, status::text from installments where order_id = ${orderId}::uuid order by seq`))
    .map((r) => ({ id: String(r.id), amount: Number(r.amount), status: String(r.status) }));
  const paymentsOf = async (installmentId: string) => (await query(db.db, sql`select id, amount, status::text, provider_ref from payments where installment_id = ${installmentId}::uuid order by created_at`))
    .map((r) => ({ id: String(r.id), amount: Number(r.amount), status: String(r.status), ref: r.provider_ref }));
  /** The installment the provider is not charging right now, with the highest seq (charged last of all). */
  const another = (installments: { id: string }[], charging: OffSessionInput) => [...installments].reverse().find((i) => i.id !== charging.metadata.installment_id)!;
  const system = (text: ReturnType<typeof sql>) => asSystem(db.db, FLOW.org, (tx) => tx.execute(text));

  test('unchanged since the claim: each is charged for its amount, under its payment row\'s key', async () => {
    const { orderId, installments } = await packDueNow();
    assert.deepEqual(await run(), { charged: 3, failed: 0, overdue: 0, processing: 0 });
    const byInstallment = new Map(charges.map((c) => [c.metadata.installment_id, c]));
    for (const i of installments) {
      const [p] = await paymentsOf(i.id);
      assert.deepEqual([byInstallment.get(i.id)?.amount, byInstallment.get(i.id)?.idempotencyKey, p!.amount, p!.status], [i.amount, `tandem:payment:${p!.id}`, i.amount, 'succeeded']);
    }
    assert.ok((await rowsOf(orderId)).every((i) => i.status === 'paid'));
  });

  test('lowered after the claim (a fee brought forward): charged for the new amount, the claimed payment row lowered, its key kept', async () => {
    const { orderId, installments } = await packDueNow();
    let lowered = '';
    meanwhile = async (charging) => {
      lowered = another(installments, charging).id;
      await system(sql`update installments set amount = amount - 5000 where id = ${lowered}::uuid`);
    };
    assert.deepEqual(await run(), { charged: 3, failed: 0, overdue: 0, processing: 0 });
    const [p] = await paymentsOf(lowered);
    const charge = charges.find((c) => c.metadata.installment_id === lowered)!;
    assert.deepEqual([charge.amount, charge.idempotencyKey, p!.amount, p!.status], [14333 - 5000, `tandem:payment:${p!.id}`, 14333 - 5000, 'succeeded']);
    const [o] = await query(db.db, sql`select amount_paid from orders where id = ${orderId}::uuid`);
    assert.equal(o!.amount_paid, 58000 - 5000, 'never more than the installments ask');
  });

  test('cancelled after the claim: not charged', async () => {
    const { installments } = await packDueNow();
    let cancelled = '';
    meanwhile = async (charging) => {
      cancelled = another(installments, charging).id;
      await system(sql`update installments set status = 'cancelled' where id = ${cancelled}::uuid`);
    };
    assert.equal((await run()).charged, 2);
    assert.equal(charges.filter((c) => c.metadata.installment_id === cancelled).length, 0);
    assert.ok((await paymentsOf(cancelled)).every((p) => p.status !== 'succeeded' && p.ref === null), 'nothing sent to the provider for it');
  });

  test('paid meanwhile (a one-off payment of the balance covered it): not charged', async () => {
    const { installments } = await packDueNow();
    let paid = '';
    meanwhile = async (charging) => {
      paid = another(installments, charging).id;
      await system(sql`update installments set status = 'paid', paid_at = now() where id = ${paid}::uuid`);
    };
    assert.equal((await run()).charged, 2);
    assert.equal(charges.filter((c) => c.metadata.installment_id === paid).length, 0);
  });

  test('the booking cancelled by staff while the job runs: nothing more is charged', async () => {
    const { b, orderId } = await packDueNow();
    meanwhile = async () => {
      const res = await app.request(`/v1/admin/bookings/${b.id}/cancel`, { method: 'POST', headers: { ...skFlow, 'Idempotency-Key': randomUUID() } });
      assert.equal(res.status, 200, await res.clone().text());
    };
    assert.equal((await run()).charged, 1, 'only the charge already at the provider when the cancellation came');
    assert.equal(charges.length, 1);
    const [o] = await query(db.db, sql`select status::text from orders where id = ${orderId}::uuid`);
    assert.notEqual(o!.status, 'paid');
    assert.ok((await rowsOf(orderId)).filter((i) => i.id !== charges[0]!.metadata.installment_id).every((i) => i.status === 'cancelled'));
  });

  test('the order cancelled (no booking change): nothing more is charged', async () => {
    const { orderId } = await packDueNow();
    meanwhile = async () => { await system(sql`update orders set status = 'cancelled' where id = ${orderId}::uuid`); };
    assert.equal((await run()).charged, 1);
    assert.equal(charges.length, 1);
  });

  test('lowered, but its claimed payment was sent to the provider already (an earlier attempt\'s row): not charged again for another amount', async () => {
    const { installments } = await packDueNow();
    let target = '';
    meanwhile = async (charging) => {
      target = another(installments, charging).id;
      await system(sql`update installments set amount = amount - 5000 where id = ${target}::uuid`);
      await system(sql`update payments set provider_ref = 'test_pi_sent_before' where installment_id = ${target}::uuid and status = 'pending'`);
    };
    assert.equal((await run()).charged, 2);
    assert.equal(charges.filter((c) => c.metadata.installment_id === target).length, 0);
    const [p] = await paymentsOf(target);
    assert.deepEqual([p!.amount, p!.status, p!.ref], [14333, 'pending', 'test_pi_sent_before'], 'its row keeps the amount the provider was asked for; its webhook settles it');
  });
});
