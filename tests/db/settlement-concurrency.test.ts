/**
 * Cancellation against everything else that touches a booking's money at the same moment
 * (issue 13): a staff cancel, the installment job, a staff reschedule and a repeated payment
 * event, all at once, round after round. Whatever order they land in, the invariants hold,
 * checked in SQL afterwards: nothing is charged and kept after a cancellation (money that came
 * in anyway is refunded), refunds never exceed payments, no installment of a cancelled order is
 * left to charge, and every customer's credit balance is the sum of their ledger.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { demoApp, testConfig } from '../support/app.ts';
import { Clock, DAY, query } from '../support/booking.ts';
import { EVOLVE_INTAKE, checkedOut, checkoutReq, customer, demoVariants, reserve, testPay } from '../support/checkout.ts';
import { FLOW } from '../../demo/seed/index.ts';
import { testProvider } from '../../server/platform/adapters/payments/test-provider.ts';
import { chargeDueInstallments, type InstallmentRunResult } from '../../server/modules/billing/index.ts';
import { runDueJobs } from '../../server/platform/jobs/queue.ts';
import { jobDefinitions } from '../../server/jobs.ts';
import { localMailer } from '../../server/platform/adapters/mail/mailer.ts';

const ROUNDS = Number(process.env.TANDEM_SETTLEMENT_ROUNDS ?? (process.env.DATABASE_URL ? 50 : 8));
const START = '2026-11-25T08:00:00Z';
const sk = { Authorization: 'Bearer sk_test_flow' };

describe(`settlement under concurrency (${ROUNDS} rounds)`, () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let v: Record<string, string[]> = {};
  const clock = new Clock(new Date(START));
  const payments = testProvider();

  before(async () => {
    db = await freshDatabase({ max: 20 });
    app = await demoApp(db.db, { now: clock.now, payments });
    v = await demoVariants(app);
  });
  after(async () => db.close());

  /** An EVOLVE 8-pack on a deposit plan paid by card (first installment due 2026-12-23), with its order. */
  async function depositPlan(): Promise<{ b: { id: string; client_token: string }; orderId: string }> {
    clock.set(START);
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![1], customer: customer(), sessions: { mode: 'cadence', first_start: '2026-12-01T08:00:00.000Z' }, intake: EVOLVE_INTAKE });
    const out = await checkedOut(await checkoutReq(app, b, { method: 'card', plan: 'deposit' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    return { b, orderId: out.order.id };
  }

  /** Until another connection of this database waits for a row lock (PostgreSQL); PGlite has one connection: the job simply queues. */
  async function someoneWaitsForALock(): Promise<void> {
    if (db.label === 'PGlite') return new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 200; i++) {
      const [w] = await query(db.db, sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
      if (Number(w!.n) > 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.fail('the installment job never waited for the cancellation\'s locks');
  }

  test('lock order: the installment job takes the booking and the order before their installments, so a cancellation holding them never deadlocks with it', async () => {
    const { b, orderId } = await depositPlan();
    clock.set('2026-12-23T09:00:00Z');
    let job: Promise<InstallmentRunResult> | undefined;
    // A cancellation's transaction, step by step: the booking, then the order, then (below) the order's installments.
    const cancellation = db.db.transaction(async (tx) => {
      await tx.execute(sql`select id from program_bookings where id = ${b.id} for update`);
      await tx.execute(sql`select id from orders where id = ${orderId} for update`);
      job = chargeDueInstallments({ db: db.db, orgId: FLOW.org, payments, now: clock.now, config: testConfig });
      await someoneWaitsForALock();
      // Had the job claimed an installment first and then waited for the order, this would wait for the job: a deadlock
      // (PostgreSQL aborts one of the two). NOWAIT makes it visible at once: 55P03 when the job holds an installment.
      await tx.execute(sql`select id from installments where order_id = ${orderId} for update nowait`);
      await tx.execute(sql`update installments set status = 'cancelled' where order_id = ${orderId} and status in ('scheduled', 'failed')`);
    });
    // The job is awaited whatever the cancellation met, so nothing of it outlives the test.
    const refused = await cancellation.then(() => null, (error: unknown) => error);
    const result = await job!;
    if (refused) throw refused;
    assert.deepEqual(result, { charged: 0, failed: 0, overdue: 0, processing: 0 }, 'the job found the installments cancelled once it had the order');
    const charged = await query(db.db, sql`select id from payments where order_id = ${orderId} and installment_id is not null`);
    assert.deepEqual(charged, []);
    // The rest of the cancellation (the booking, its times, the money) through the route, so the next test finds the times free.
    const cancel = await app.request(`/v1/admin/bookings/${b.id}/cancel`, { method: 'POST', headers: { ...sk, 'Idempotency-Key': randomUUID() } });
    assert.equal(cancel.status, 200, await cancel.clone().text());
  });

  test('cancel, installment job, reschedule and a repeated payment event at once: the invariants hold', async () => {
    const outcomes = new Map<string, number>();
    const count = (k: string) => outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
    for (let round = 0; round < ROUNDS; round++) {
      clock.set(START);
      // An EVOLVE 8-pack with a deposit plan, paid by card; its first installment due on 2026-12-23.
      // The same times every round: the round before cancelled its booking and freed them.
      const b = await reserve(app, { program: 'evolve', variant: v.evolve![1], customer: customer(), sessions: { mode: 'cadence', first_start: '2026-12-01T08:00:00.000Z' }, intake: EVOLVE_INTAKE });
      await checkedOut(await checkoutReq(app, b, { method: 'card', plan: 'deposit' }));
      assert.equal((await testPay(app, b, 'succeed')).status, 200);
      const [session] = await query(db.db, sql`select id, starts_at from program_sessions where booking_id = ${b.id} order by seq desc limit 1`);
      clock.set('2026-12-23T09:00:00Z');
      const results = await Promise.allSettled([
        Promise.resolve(app.request(`/v1/admin/bookings/${b.id}/cancel`, { method: 'POST', headers: { ...sk, 'Idempotency-Key': randomUUID() } })).then((r) => `cancel ${r.status}`),
        chargeDueInstallments({ db: db.db, orgId: FLOW.org, payments, now: clock.now, config: testConfig }).then((r) => `charge ${r.charged}`),
        Promise.resolve(app.request(`/v1/admin/bookings/${b.id}/sessions/${session!.id}/reschedule`, {
          method: 'POST', headers: { ...sk, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
          body: JSON.stringify({ starts_at: new Date(new Date(session!.starts_at as string).getTime() + DAY).toISOString(), override: true }),
        })).then((r) => `reschedule ${r.status}`),
        testPay(app, b, 'succeed').then((r) => `payment-event ${r.status}`),
      ]);
      for (const r of results) count(r.status === "fulfilled" ? r.value : `rejected ${(r.reason as { cause?: { code?: string } })?.cause?.code ?? String(r.reason).slice(0, 60)}`);
      for (const r of results) if (r.status === 'fulfilled') assert.doesNotMatch(r.value, / 5\d\d$/, `no 5xx (${r.value})`);
    }
    // Rows are locked in one order (booking, order, payment): nothing deadlocked or failed.
    assert.deepEqual([...outcomes.keys()].filter((k) => k.startsWith('rejected')), [], JSON.stringify(Object.fromEntries(outcomes)));
    // Refunds go out after commit, by their jobs.
    await runDueJobs(db.executor, jobDefinitions({ db: db.db, now: clock.now, config: testConfig, payments, mailer: localMailer() }));

    // Every booking was cancelled in the end (the cancel either won or ran after the others).
    const [open] = await query(db.db, sql`select count(*)::int as n from program_bookings where status <> 'cancelled' and program_id = (select id from programs where slug = 'evolve')`);
    assert.equal(open!.n, 0, `every EVOLVE booking cancelled (${JSON.stringify(Object.fromEntries(outcomes))})`);
    // Refunds never exceed payments, per order.
    const over = await query(db.db, sql`
      select o.id from orders o
       where (select coalesce(sum(amount), 0) from refunds r where r.order_id = o.id and r.status <> 'failed')
           > (select coalesce(sum(amount), 0) from payments p where p.order_id = o.id and p.status = 'succeeded')`);
    assert.deepEqual(over, []);
    // Nothing charged and kept after the cancellation: what a cancelled order kept is at most what its settlement kept.
    const kept = await query(db.db, sql`
      select o.id,
             (select coalesce(sum(amount), 0) from payments p where p.order_id = o.id and p.status = 'succeeded')
           - (select coalesce(sum(amount), 0) from refunds r where r.order_id = o.id and r.status <> 'failed') as kept,
             (select (e.payload->>'fee')::int from domain_events e where e.subject_id = o.booking_id and e.type = 'booking.settled' order by e.occurred_at limit 1) as fee
        from orders o where o.status in ('cancelled', 'refunded')`);
    for (const k of kept) assert.ok(Number(k.kept) <= Number(k.fee ?? 0), `order ${k.id as string} kept ${k.kept}, its settlement kept ${k.fee}`);
    // No installment of a cancelled order is left to charge.
    const [left] = await query(db.db, sql`select count(*)::int as n from installments i join orders o on o.id = i.order_id where o.status in ('cancelled', 'refunded') and i.status in ('scheduled', 'failed')`);
    assert.equal(left!.n, 0);
    // Credit balances are the sum of their ledgers.
    const drift = await query(db.db, sql`
      select customer_id from credit_ledger l group by customer_id
      having sum(delta) <> (select balance_after from credit_ledger x where x.customer_id = l.customer_id order by created_at desc, id desc limit 1)`);
    assert.deepEqual(drift, []);
    console.log(`settlement concurrency: ${JSON.stringify(Object.fromEntries(outcomes))}`);
  });
});
