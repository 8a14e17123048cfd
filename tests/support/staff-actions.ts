/**
 * Booking changes made by staff (admin API, scripts). Each opens its own transaction as the
 * staff member, so an instructor reaches only the bookings they conduct; the change itself
 * is the same as the customer's, minus the customer-only rules (free-cancellation window).
 */
import type { Database } from '../../server/platform/db/database.ts';
import type { AppConfig } from '../../server/deps.ts';
import type { BookingOut } from '../../schema/api/embed-bookings.ts';
import { bookingOut } from '../../server/surfaces/admin/bookings.out.ts';
import { bookingTransaction } from '../../server/modules/bookings/transaction.ts';
import { bookingForStaff, cancelBooking, rescheduleSession } from '../../server/modules/bookings/bookings.mutations.ts';

export interface StaffActor {
  orgId: string;
  staffId: string;
  role: 'owner' | 'manager' | 'instructor';
}

export async function rescheduleSessionAsStaff(db: Database, staff: StaffActor, input: { bookingId: string; sessionId: string; startsAt: string; override?: boolean }, env: { now: Date; config: AppConfig }): Promise<BookingOut> {
  return bookingTransaction(db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, async (tx) => {
    const booking = await bookingForStaff(tx, staff.orgId, input.bookingId);
    return bookingOut(await rescheduleSession(tx, { orgId: staff.orgId, booking, sessionId: input.sessionId, startsAt: input.startsAt, now: env.now, config: env.config, by: { kind: 'staff', override: input.override ?? false } }));
  });
}

export async function cancelBookingAsStaff(db: Database, staff: StaffActor, bookingId: string, env: { now: Date; config: AppConfig }): Promise<void> {
  await bookingTransaction(db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, async (tx) => {
    const booking = await bookingForStaff(tx, staff.orgId, bookingId);
    await cancelBooking(tx, { orgId: staff.orgId, booking, now: env.now, config: env.config, by: 'staff' });
  });
}
