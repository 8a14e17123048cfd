/**
 * "Update card": the customer saves a new card for their plan's later charges (installments,
 * fees), through a SetupIntent confirmed in the Payment Element. Nothing is charged here.
 *
 *   start    in the request's transaction: the booking is the customer's and its order has a
 *            plan; the answer records a fresh `setup_id`, which keys the provider call.
 *   intent   after commit (`cardSetupInput` → provider → `recordSetupCustomer`), keyed
 *            `tandem:setup:<setup_id>`: a replay of the request gets the same SetupIntent.
 *   saved    the provider's verified event (`setup_intent.succeeded`, or the test processor's
 *            stand-in) through `applyPaymentEvent` → `applyCardSaved`: the plan's card is replaced,
 *            once, only for the plan's own provider customer.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import type { AppConfig } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { asSystem } from '../../platform/db/escalation.ts';
import { recordEvent } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import type { CreatedSetup, PaymentEvent, SetupInput } from '../../platform/adapters/payments/provider.ts';
import { loadBookingContext, orderRow, type BookingRow } from './context.queries.ts';

type PlanRow = typeof t.paymentPlans.$inferSelect;

/** The plan a booking's later charges go to; a booking without one has no card to update. */
async function livePlan(tx: Tx, orgId: string, booking: BookingRow): Promise<PlanRow> {
  if (booking.status === 'reserved') throw new AppError('invalid_state', 'The booking is not paid yet: pay it in the booking form first.');
  const order = booking.orderId ? await orderRow(tx, orgId, booking.orderId) : undefined;
  const [plan] = order ? await tx.select().from(t.paymentPlans).where(and(eq(t.paymentPlans.orgId, orgId), eq(t.paymentPlans.orderId, order.id))) : [];
  if (!order || !plan) throw new AppError('invalid_state', 'This booking has no payment plan, so there is no card on file to update.');
  if (order.status === 'cancelled' || order.status === 'refunded') throw new AppError('invalid_state', `The booking's order is ${order.status}: nothing more will be charged.`);
  return plan;
}

/** Starts a card update on the customer's own (locked) booking; answers the id that keys the provider call. */
export async function startCardUpdate(tx: Tx, orgId: string, booking: BookingRow): Promise<{ setup_id: string }> {
  await livePlan(tx, orgId, booking);
  return { setup_id: randomUUID() };
}

export interface PendingSetup { input: SetupInput; planId: string; hasCustomerRef: boolean; stripeAccount: string | null }

/**
 * What the provider needs for the SetupIntent, read after the request committed, in a transaction
 * where the booking was found under the customer's own policies (bookingForCustomer).
 */
export async function cardSetupInput(tx: Tx, orgId: string, booking: BookingRow, setupId: string): Promise<PendingSetup> {
  const plan = await livePlan(tx, orgId, booking);
  const ctx = await loadBookingContext(tx, orgId, booking);
  return {
    planId: plan.id,
    hasCustomerRef: plan.stripeCustomerId !== null,
    stripeAccount: ctx.org.stripeAccountId,
    input: {
      account: ctx.org.stripeAccountId,
      customer: { ref: plan.stripeCustomerId, email: ctx.customer.email, name: ctx.customer.name },
      metadata: { org_id: orgId, booking_id: booking.id, order_id: plan.orderId },
      idempotencyKey: `tandem:setup:${setupId}`,
    },
  };
}

/** A plan without a provider customer gets the one the SetupIntent was made for (once). */
export async function recordSetupCustomer(tx: Tx, orgId: string, pending: PendingSetup, setup: CreatedSetup): Promise<void> {
  if (pending.hasCustomerRef) return;
  await asSystem(tx, 'card update: the provider made the customer for this plan\'s SetupIntent');
  await tx.update(t.paymentPlans).set({ stripeCustomerId: setup.customerRef })
    .where(and(eq(t.paymentPlans.orgId, orgId), eq(t.paymentPlans.id, pending.planId), isNull(t.paymentPlans.stripeCustomerId)));
}

/**
 * A saved card from the provider's verified event: the order's plan charges it from now on. Only
 * for the plan's own provider customer (a card saved for someone else changes nothing); a card
 * already in place answers `duplicate`.
 */
export async function applyCardSaved(tx: Tx, env: { now: Date; config: AppConfig }, event: PaymentEvent): Promise<{ outcome: 'recorded' | 'duplicate' | 'unknown'; orderId?: string }> {
  const { orgId, orderId, paymentMethodRef, customerRef } = event;
  if (!orderId || !paymentMethodRef || !customerRef) return { outcome: 'unknown' };
  const [plan] = await tx.select().from(t.paymentPlans).where(and(eq(t.paymentPlans.orgId, orgId), eq(t.paymentPlans.orderId, orderId))).for('update');
  if (!plan || (plan.stripeCustomerId !== null && plan.stripeCustomerId !== customerRef)) return { outcome: 'unknown' };
  if (plan.stripePaymentMethodId === paymentMethodRef) return { outcome: 'duplicate', orderId };
  await tx.update(t.paymentPlans).set({ stripePaymentMethodId: paymentMethodRef, stripeCustomerId: customerRef })
    .where(and(eq(t.paymentPlans.orgId, orgId), eq(t.paymentPlans.id, plan.id)));
  const [order] = await tx.select({ bookingId: t.orders.bookingId }).from(t.orders).where(and(eq(t.orders.orgId, orgId), eq(t.orders.id, orderId)));
  await recordEvent(tx, { orgId, type: 'payment.card_updated', subjectId: order?.bookingId ?? null, payload: { order_id: orderId, provider: event.provider, setup_ref: event.ref } }, env);
  return { outcome: 'recorded', orderId };
}
