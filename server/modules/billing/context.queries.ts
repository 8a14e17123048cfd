import { and, asc, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import type { BookingRow, SessionRow } from '../bookings/index.ts';

export type { BookingRow, SessionRow };
export type OrderRow = typeof t.orders.$inferSelect;
export type OrderItemRow = typeof t.orderItems.$inferSelect;
export type PlanRow = typeof t.paymentPlans.$inferSelect;
export type InstallmentRow = typeof t.installments.$inferSelect;
export type OrgRow = typeof t.orgs.$inferSelect;

/** A booking with everything checkout, confirmation and the mails need. Read as `system`. */
export interface BookingContext {
  booking: BookingRow;
  org: OrgRow;
  program: typeof t.programs.$inferSelect;
  variant: typeof t.programVariants.$inferSelect;
  customer: typeof t.customers.$inferSelect;
  instructor: { id: string; name: string; email: string; timezone: string };
  /** All sessions by seq; unscheduled ones have no start. */
  sessions: SessionRow[];
  location: { name: string; address: string } | null;
}

export async function loadBookingContext(tx: Tx, orgId: string, booking: BookingRow): Promise<BookingContext> {
  const [[org], [program], [variant], [customer], [instructor], sessions] = await Promise.all([
    tx.select().from(t.orgs).where(eq(t.orgs.id, orgId)),
    tx.select().from(t.programs).where(and(eq(t.programs.orgId, orgId), eq(t.programs.id, booking.programId))),
    tx.select().from(t.programVariants).where(and(eq(t.programVariants.orgId, orgId), eq(t.programVariants.id, booking.variantId))),
    tx.select().from(t.customers).where(and(eq(t.customers.orgId, orgId), eq(t.customers.id, booking.customerId))),
    tx.select({ id: t.staff.id, name: t.staff.name, email: t.staff.email, timezone: t.staff.timezone }).from(t.staff)
      .where(and(eq(t.staff.orgId, orgId), eq(t.staff.id, booking.instructorId))),
    tx.select().from(t.programSessions).where(and(eq(t.programSessions.orgId, orgId), eq(t.programSessions.bookingId, booking.id))).orderBy(asc(t.programSessions.seq)),
  ]);
  if (!org || !program || !variant || !customer || !instructor) throw new Error(`booking ${booking.id}: its org, program, variant, customer or instructor is missing`);
  // What the booking's documents (invoice, mails, the provider's receipt) say about the customer: the details its
  // request gave, never the stored customer's (a booking needs no proof of the address). Older bookings: the stored ones.
  const asBooked = booking.customerName === null ? customer
    : { ...customer, name: booking.customerName, phone: booking.customerPhone, locale: booking.customerLocale ?? customer.locale, timezone: booking.customerTimezone };
  const locationId = sessions.find((s) => s.locationId)?.locationId ?? program.locationId;
  let location: BookingContext['location'] = null;
  if (locationId) {
    const [row] = await tx.select({ name: t.locations.name, address: t.locations.address }).from(t.locations)
      .where(and(eq(t.locations.orgId, orgId), eq(t.locations.id, locationId)));
    location = row ?? null;
  }
  return { booking, org, program, variant, customer: asBooked, instructor, sessions, location };
}

export async function orderRow(tx: Tx, orgId: string, id: string, lock = false): Promise<OrderRow | undefined> {
  const q = tx.select().from(t.orders).where(and(eq(t.orders.orgId, orgId), eq(t.orders.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export interface OrderDetail {
  order: OrderRow;
  items: OrderItemRow[];
  plan: PlanRow | null;
  installments: InstallmentRow[];
  /** Class credits this order was paid with (from the ledger). */
  credits: number | null;
  coupon: { code: string; source: 'coupon' | 'referral' } | null;
}

export async function orderDetail(tx: Tx, orgId: string, order: OrderRow): Promise<OrderDetail> {
  const [items, plans, installments, ledger, coupons, referrals] = await Promise.all([
    tx.select({ item: t.orderItems, seq: t.programSessions.seq }).from(t.orderItems)
      .leftJoin(t.programSessions, and(eq(t.programSessions.orgId, t.orderItems.orgId), eq(t.programSessions.id, t.orderItems.sessionId)))
      .where(and(eq(t.orderItems.orgId, orgId), eq(t.orderItems.orderId, order.id)))
      .orderBy(asc(t.programSessions.seq), asc(t.orderItems.description)),
    tx.select().from(t.paymentPlans).where(and(eq(t.paymentPlans.orgId, orgId), eq(t.paymentPlans.orderId, order.id))),
    tx.select().from(t.installments).where(and(eq(t.installments.orgId, orgId), eq(t.installments.orderId, order.id))).orderBy(asc(t.installments.seq)),
    tx.select({ delta: t.creditLedger.delta }).from(t.creditLedger).where(and(eq(t.creditLedger.orgId, orgId), eq(t.creditLedger.orderId, order.id), eq(t.creditLedger.reason, 'booking_debit'))),
    order.couponId ? tx.select({ code: t.coupons.code }).from(t.coupons).where(and(eq(t.coupons.orgId, orgId), eq(t.coupons.id, order.couponId))) : Promise.resolve([]),
    order.referralCodeId ? tx.select({ code: t.referralCodes.code }).from(t.referralCodes).where(and(eq(t.referralCodes.orgId, orgId), eq(t.referralCodes.id, order.referralCodeId))) : Promise.resolve([]),
  ]);
  const credits = ledger.length ? -ledger.reduce((s, e) => s + e.delta, 0) : null;
  const coupon = coupons[0] ? { code: coupons[0].code, source: 'coupon' as const } : referrals[0] ? { code: referrals[0].code, source: 'referral' as const } : null;
  return { order, items: items.map((r) => r.item), plan: plans[0] ?? null, installments, credits, coupon };
}

/** The most recent payment of an order: for the widget, what happened to the last attempt. */
export async function lastPaymentOf(tx: Tx, orgId: string, orderId: string): Promise<{ status: 'pending' | 'succeeded' | 'failed' | 'refunded'; failureReason: string | null } | null> {
  const [row] = await tx.select({ status: t.payments.status, failureReason: t.payments.failureReason }).from(t.payments)
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.orderId, orderId)))
    .orderBy(desc(t.payments.createdAt)).limit(1);
  return row ?? null;
}

/** The last payment attempt of a booking's current order, if it has one. */
export async function lastPaymentOfBooking(tx: Tx, orgId: string, bookingId: string) {
  const [row] = await tx.select({ orderId: t.programBookings.orderId }).from(t.programBookings)
    .where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.id, bookingId)));
  return row?.orderId ? lastPaymentOf(tx, orgId, row.orderId) : null;
}

/** The zone the customer reads times in: theirs, else the instructor's, else the studio's. */
export function customerZone(ctx: BookingContext): string {
  return ctx.customer.timezone || ctx.instructor.timezone || ctx.org.timezone;
}

export function scheduledSessions(ctx: BookingContext) {
  return ctx.sessions.filter((s) => s.startsAt && s.endsAt && s.status !== 'cancelled') as (BookingContext['sessions'][number] & { startsAt: Date; endsAt: Date })[];
}
