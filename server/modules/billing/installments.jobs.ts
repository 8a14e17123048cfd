/**
 * Installments: charged off-session, from the payment method saved with the deposit, by a
 * durable job. Its state is the installments' rows, so a restart loses nothing:
 *
 *   claim    due rows (`coalesce(next_attempt_at, due_at) <= now`, status scheduled|failed)
 *            are picked with FOR UPDATE SKIP LOCKED, their `attempts` raised and
 *            `next_attempt_at` pushed ahead by a lease; a pending payment row is made for the
 *            attempt (reused if a crashed attempt left one, so its provider idempotency key —
 *            and thus the provider's intent — is the same: never charged twice).
 *   charge   outside any transaction (a network call).
 *   record   succeeded → through `applyPaymentEvent` like any payment (installment paid,
 *            order settled); processing → the webhook will settle it; failed → dunning.
 *
 * A one-off payment of the open balance still pending (the customer may be confirming it in the
 * Payment Element, balance.mutations.ts): none of its order's installments is claimed, even after
 * its hour, until it has ended (its expiry job cancels it at the provider, or it succeeded or
 * failed); the job asks to run again after that, so the customer can never pay an installment twice.
 *
 * Lock order: like every path where money and bookings meet (a cancellation, a payment event, a
 * reschedule), the job takes the booking, then the order, and only then the order's installments
 * and payments, in the claim and when it records an outcome. A cancellation holding a booking and
 * its order therefore makes the job wait, never deadlock with it; `retriedOnRaces` stays as the
 * safety net for anything else PostgreSQL breaks.
 *
 * Dunning: after a failed attempt the customer gets a reminder mail saying when the next
 * attempt is (RETRY_AFTER_DAYS); after MAX_ATTEMPTS the installment is `overdue`, the booking
 * is flagged `payment_overdue` for staff, and customer and studio are told.
 */
import { enqueue, type JobDefinition } from '../../platform/jobs/queue.ts';
import { recordEvent } from '../../platform/events/record.ts';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
// A safety net: the job takes its locks in the fixed order (booking, order, installments), so no known path deadlocks with it.
import { retriedOnRaces } from '../../platform/db/retry.ts';
import type { AppConfig } from '../../deps.ts';
import * as t from '../../../schema/db/index.ts';
import { rows } from '../../platform/db/prepared.ts';
import { applyPaymentEvent, BALANCE_LEASE_MS, BALANCE_REFERENCE, lockBookingAndOrder } from './payment-events.mutations.ts';
import type { ChargeResult, PaymentProvider } from '../../platform/adapters/payments/provider.ts';

export const MAX_ATTEMPTS = 3;
/** Days to wait after failed attempt n (1-based) before attempt n+1. */
export const RETRY_AFTER_DAYS = [3, 4];
const LEASE_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

export interface InstallmentJobEnv {
  db: Database;
  payments: PaymentProvider;
  now: () => Date;
  config: AppConfig;
}

export interface InstallmentRunResult { charged: number; failed: number; overdue: number; processing: number }

/** The queue whose job charges an org's due installments. */
export const INSTALLMENTS_QUEUE = 'installments.charge';

/** Asks for the org's due installments to be charged at `at` (in the caller's transaction). */
export async function scheduleInstallmentCharge(tx: Tx, orgId: string, at: Date): Promise<void> {
  await enqueue(tx, INSTALLMENTS_QUEUE, { orgId }, { startAfter: at });
}

interface Claimed {
  installment: typeof t.installments.$inferSelect;
  paymentId: string;
  plan: typeof t.paymentPlans.$inferSelect;
  bookingId: string | null;
  account: string | null;
}

/** Charges one org's due installments (its `installments.charge` job, due at each installment's date). */
export async function chargeDueInstallments(env: InstallmentJobEnv & { orgId: string }, batch = 20): Promise<InstallmentRunResult> {
  const result: InstallmentRunResult = { charged: 0, failed: 0, overdue: 0, processing: 0 };
  const now = env.now();
  const { orgId } = env;
  {
    const claimed = await retriedOnRaces(() => withSystem(env.db, orgId, 'installments: claim due installments', (tx) => claim(tx, orgId, now, batch, env.payments.kind)));
    for (const c of claimed) {
      let outcome: ChargeResult;
      // The booking may have been cancelled since the claim: look once more right before charging.
      // (Money that still arrives for a cancelled order is refunded: confirm.mutations.ts.)
      const amount = await retriedOnRaces(() => withSystem(env.db, orgId, 'installments: is it still live before charging', (tx) => chargeableAmount(tx, orgId, c)));
      if (amount === null) continue;
      c.installment = { ...c.installment, amount };
      if (!c.plan.stripeCustomerId || !c.plan.stripePaymentMethodId) {
        outcome = { status: 'failed', ref: null, reason: 'no saved payment method' };
      } else {
        try {
          outcome = await env.payments.chargeOffSession({
            account: c.account, amount: c.installment.amount, currency: c.installment.currency,
            customerRef: c.plan.stripeCustomerId, paymentMethodRef: c.plan.stripePaymentMethodId,
            metadata: { org_id: orgId, booking_id: c.bookingId ?? '', order_id: c.installment.orderId, payment_id: c.paymentId, installment_id: c.installment.id },
            description: `Installment ${c.installment.seq}`,
            idempotencyKey: `tandem:payment:${c.paymentId}`,
          });
        } catch (error) {
          // The provider could not be reached: not the customer's failure. Try again after the lease.
          console.error(`[tandem] installment ${c.installment.id}:`, error instanceof Error ? error.message : error);
          continue;
        }
      }
      await retriedOnRaces(() => withSystem(env.db, orgId, 'installments: record a charge outcome', (tx) => record(tx, env, orgId, c, outcome)));
      if (outcome.status === 'succeeded') result.charged++;
      else if (outcome.status === 'processing') result.processing++;
      else if (c.installment.attempts >= MAX_ATTEMPTS) result.overdue++;
      else result.failed++;
    }
  }
  return result;
}

/**
 * What an installment may still be charged now: null when it is cancelled or paid, or its order or
 * booking is no longer live; else its amount as it is now. A settlement that lowered it since the
 * claim (a fee charged now, taken off the plan) lowers the claimed payment row too: it has not been
 * sent to the provider yet, so the charge is made for the new amount under the row's own key.
 */
async function chargeableAmount(tx: Tx, orgId: string, c: Claimed): Promise<number | null> {
  const read = () => rows(tx, sql`
    select i.amount from installments i
      join orders o on o.org_id = i.org_id and o.id = i.order_id
      left join program_bookings b on b.org_id = o.org_id and b.id = o.booking_id
     where i.org_id = ${orgId}::uuid and i.id = ${c.installment.id}::uuid and i.status in ('scheduled', 'failed')
       and o.status not in ('cancelled', 'refunded') and (b.id is null or b.status <> 'cancelled')`);
  let [row] = await read();
  if (!row) return null;
  if (Number(row.amount) === c.installment.amount) return c.installment.amount;
  // The fixed lock order before the payment row is written; then read again under the locks.
  await lockBookingAndOrder(tx, orgId, c.installment.orderId);
  [row] = await read();
  if (!row) return null;
  const amount = Number(row.amount);
  const [payment] = await tx.update(t.payments).set({ amount })
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.id, c.paymentId), eq(t.payments.status, 'pending'), sql`${t.payments.providerRef} is null`))
    .returning({ id: t.payments.id });
  return payment ? amount : null;
}

/** An installment of an order or booking no longer live (cancelled, refunded). */
const DEAD = sql`exists (
      select 1 from orders o left join program_bookings b on b.org_id = o.org_id and b.id = o.booking_id
       where o.org_id = ${t.installments.orgId} and o.id = ${t.installments.orderId}
         and (o.status in ('cancelled', 'refunded') or b.status = 'cancelled'))`;

/** An installment of an order with a one-off payment of its open balance still pending: held until that payment ends. */
const HELD = sql`exists (
      select 1 from payments p
       where p.org_id = ${t.installments.orgId} and p.order_id = ${t.installments.orderId}
         and p.status = 'pending' and p.reference = ${BALANCE_REFERENCE})`;

/**
 * Installments due but held by a pending one-off payment: the job runs again a minute after the
 * earliest of those payments' hour ends (when its expiry job has cancelled it), or, when that is
 * over already (the payment still processing at the provider), an hour later. One waiting run per
 * payment, however often the job passes by meanwhile.
 */
async function runAgainAfterOneOffs(tx: Tx, orgId: string, now: Date): Promise<void> {
  const due = sql`coalesce(${t.installments.nextAttemptAt}, ${t.installments.dueAt}) <= ${now.toISOString()}::timestamptz`;
  const [held] = await tx.select({ paymentId: t.payments.id, createdAt: t.payments.createdAt }).from(t.payments)
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.status, 'pending'), eq(t.payments.reference, BALANCE_REFERENCE),
      sql`exists (select 1 from ${t.installments} where ${t.installments.orgId} = ${t.payments.orgId} and ${t.installments.orderId} = ${t.payments.orderId}
        and ${t.installments.status} in ('scheduled', 'failed') and ${due})`))
    .orderBy(t.payments.createdAt).limit(1);
  if (!held) return;
  const ends = held.createdAt.getTime() + BALANCE_LEASE_MS;
  const wait = ends > now.getTime() ? ends - now.getTime() + 60_000 : BALANCE_LEASE_MS;
  await enqueue(tx, INSTALLMENTS_QUEUE, { orgId }, { startAfter: new Date(Date.now() + wait), singletonKey: `after-one-off:${held.paymentId}` });
}

/**
 * Installments whose order or booking is no longer live (cancelled, refunded) are never
 * charged: they are cancelled here, before anything is picked, whatever path left them.
 * Only the given orders', whose bookings and rows the caller holds.
 */
async function cancelDeadInstallments(tx: Tx, orgId: string, orderIds: string[]): Promise<void> {
  await tx.update(t.installments).set({ status: 'cancelled' })
    .where(and(eq(t.installments.orgId, orgId), inArray(t.installments.orderId, orderIds), inArray(t.installments.status, ['scheduled', 'failed']), DEAD));
}

/**
 * The orders the claim looks at: those with an installment due (the earliest first), and those
 * with an installment left on a dead order. Read without locks; the caller locks them next.
 */
async function candidateOrders(tx: Tx, orgId: string, at: string, batch: number): Promise<string[]> {
  const due = sql`coalesce(${t.installments.nextAttemptAt}, ${t.installments.dueAt}) <= ${at}::timestamptz`;
  const found = await tx.select({ orderId: t.installments.orderId }).from(t.installments)
    .where(and(eq(t.installments.orgId, orgId), inArray(t.installments.status, ['scheduled', 'failed']), sql`((${due} and not ${HELD}) or ${DEAD})`))
    .groupBy(t.installments.orderId)
    .orderBy(sql`min(coalesce(${t.installments.nextAttemptAt}, ${t.installments.dueAt}))`)
    .limit(batch);
  return found.map((r) => r.orderId);
}

/** The bookings of these orders, then the orders, each set in id order: the fixed lock order, for several at once. */
async function lockBookingsAndOrders(tx: Tx, orgId: string, orderIds: string[]): Promise<void> {
  const ids = sql.join(orderIds.map((id) => sql`${id}::uuid`), sql`, `);
  await tx.execute(sql`select b.id from program_bookings b
     where b.org_id = ${orgId}::uuid and b.id in (select booking_id from orders where org_id = ${orgId}::uuid and id in (${ids}))
     order by b.id for update of b`);
  await tx.execute(sql`select id from orders where org_id = ${orgId}::uuid and id in (${ids}) order by id for update`);
}

async function claim(tx: Tx, orgId: string, now: Date, batch: number, provider: string): Promise<Claimed[]> {
  const at = now.toISOString();
  // Booking, then order, then installments: a cancellation holding the first two is waited for, and what it
  // committed (installments cancelled) is what the statements below read.
  await runAgainAfterOneOffs(tx, orgId, now);
  const orderIds = await candidateOrders(tx, orgId, at, batch);
  if (!orderIds.length) return [];
  await lockBookingsAndOrders(tx, orgId, orderIds);
  await cancelDeadInstallments(tx, orgId, orderIds);
  // Read under the locks: a one-off payment started before they were taken holds its order's installments.
  const picked = tx.select({ id: t.installments.id }).from(t.installments)
    .where(and(eq(t.installments.orgId, orgId), inArray(t.installments.orderId, orderIds), inArray(t.installments.status, ['scheduled', 'failed']),
      sql`coalesce(${t.installments.nextAttemptAt}, ${t.installments.dueAt}) <= ${at}::timestamptz`, sql`not ${HELD}`))
    .orderBy(t.installments.dueAt).limit(batch).for('update', { skipLocked: true });
  const rows = await tx.update(t.installments)
    .set({ attempts: sql`${t.installments.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
    .where(inArray(t.installments.id, picked))
    .returning();
  if (!rows.length) return [];
  // Looked at again when the lease ends, whatever happens to this run; a full batch may have left more.
  await scheduleInstallmentCharge(tx, orgId, new Date(Date.now() + LEASE_MS + 1_000));
  if (rows.length === batch) await scheduleInstallmentCharge(tx, orgId, new Date());
  const [org] = await tx.select({ account: t.orgs.stripeAccountId }).from(t.orgs).where(eq(t.orgs.id, orgId));
  const out: Claimed[] = [];
  for (const installment of rows) {
    const [[plan], [order]] = await Promise.all([
      tx.select().from(t.paymentPlans).where(and(eq(t.paymentPlans.orgId, orgId), eq(t.paymentPlans.id, installment.planId))),
      tx.select({ bookingId: t.orders.bookingId }).from(t.orders).where(and(eq(t.orders.orgId, orgId), eq(t.orders.id, installment.orderId))),
    ]);
    if (!plan || !order) continue;
    // An attempt that crashed after charging left its pending payment: reuse it (same idempotency key).
    const [pending] = await tx.select({ id: t.payments.id }).from(t.payments)
      .where(and(eq(t.payments.orgId, orgId), eq(t.payments.installmentId, installment.id), eq(t.payments.status, 'pending')));
    let paymentId = pending?.id;
    if (!paymentId) {
      paymentId = randomUUID();
      await tx.insert(t.payments).values({
        id: paymentId, orgId, orderId: installment.orderId, installmentId: installment.id, method: 'card', status: 'pending',
        amount: installment.amount, currency: installment.currency, provider, createdAt: now,
      });
    }
    out.push({ installment, paymentId, plan, bookingId: order.bookingId, account: org?.account ?? null });
  }
  return out;
}

async function record(tx: Tx, env: InstallmentJobEnv, orgId: string, c: Claimed, outcome: ChargeResult): Promise<void> {
  const now = env.now();
  // The fixed lock order before any of the order's rows is written (the payment, the installment, the booking's flag).
  await lockBookingAndOrder(tx, orgId, c.installment.orderId);
  if (outcome.ref) {
    await tx.update(t.payments).set({ providerRef: outcome.ref })
      .where(and(eq(t.payments.orgId, orgId), eq(t.payments.id, c.paymentId), sql`${t.payments.providerRef} is null`));
  }
  if (outcome.status === 'succeeded') {
    await applyPaymentEvent(tx, { now, config: env.config }, { provider: env.payments.kind, kind: 'succeeded', ref: outcome.ref, orgId, paymentId: c.paymentId });
    return;
  }
  if (outcome.status === 'processing') {
    // The provider's webhook settles it; look again in a day in case it never comes.
    await tx.update(t.installments).set({ nextAttemptAt: new Date(now.getTime() + DAY_MS) }).where(and(eq(t.installments.orgId, orgId), eq(t.installments.id, c.installment.id)));
    await scheduleInstallmentCharge(tx, orgId, new Date(Date.now() + DAY_MS));
    return;
  }
  await tx.update(t.payments).set({ status: 'failed', failureReason: outcome.reason.slice(0, 500) })
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.id, c.paymentId), eq(t.payments.status, 'pending')));
  const attempts = c.installment.attempts;
  const overdue = attempts >= MAX_ATTEMPTS;
  const next = overdue ? null : new Date(now.getTime() + (RETRY_AFTER_DAYS[attempts - 1] ?? 7) * DAY_MS);
  const [still] = await tx.update(t.installments)
    .set({ status: overdue ? 'overdue' : 'failed', lastError: outcome.reason.slice(0, 500), nextAttemptAt: next })
    .where(and(eq(t.installments.orgId, orgId), eq(t.installments.id, c.installment.id), inArray(t.installments.status, ['scheduled', 'failed'])))
    .returning({ id: t.installments.id });
  if (still && next) await scheduleInstallmentCharge(tx, orgId, new Date(Date.now() + (next.getTime() - now.getTime())));
  if (!still || !c.bookingId) return; // paid meanwhile (a late webhook), or no booking to write about
  if (overdue) {
    await tx.update(t.programBookings).set({ paymentOverdue: true, updatedAt: now }).where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.id, c.bookingId)));
  }
  await recordEvent(tx, {
    orgId, type: overdue ? 'installment.overdue' : 'installment.failed', subjectId: c.bookingId,
    payload: {
      installment_id: c.installment.id, amount: c.installment.amount, currency: c.installment.currency, due_at: c.installment.dueAt.toISOString(),
      reason: outcome.reason, attempts, next_attempt_at: next ? next.toISOString() : null,
    },
  }, { now, config: env.config });
}

/** Charges an org's due installments; enqueued for each installment's date, retry and lease end. */
export function installmentsJob(env: InstallmentJobEnv): JobDefinition<{ orgId: string }> {
  return { name: INSTALLMENTS_QUEUE, handle: async ({ orgId }) => { await chargeDueInstallments({ ...env, orgId }); } };
}
