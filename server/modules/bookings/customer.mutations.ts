/**
 * A customer acting on their own booking (the portal): what they may touch is decided under
 * their own policies first; only then does the transaction act as the server to change it.
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { asSystem } from '../../platform/db/escalation.ts';
import { AppError } from '../../platform/errors.ts';
import * as t from '../../../schema/db/index.ts';
import type { AppConfig } from '../../deps.ts';
import { bookingById, type BookingRow, type BookingView } from './bookings.queries.ts';
import { rescheduleSession } from './bookings.mutations.ts';
import { customerMayReschedule } from './domain/reschedule-notice.ts';

/**
 * The booking as the customer's own policies show it (a manage link: only its booking), then
 * locked as the server for the change. Another customer's booking is 404, never 403.
 */
export async function bookingForCustomer(tx: Tx, orgId: string, bookingId: string, onlyBooking: string | null): Promise<BookingRow> {
  const visible = onlyBooking === null || onlyBooking === bookingId ? await bookingById(tx, orgId, bookingId) : undefined;
  if (!visible) throw new AppError('not_found', 'No such booking.');
  await asSystem(tx, 'customer action: the booking is visible under the customer\'s own policies');
  return (await bookingById(tx, orgId, bookingId, true))!;
}

/**
 * The customer moves one session: allowed up to the program's free-cancellation hours before
 * it starts; later, 409 policy_window_closed with the deadline that passed.
 */
export async function rescheduleAsCustomer(tx: Tx, input: { orgId: string; booking: BookingRow; sessionId: string; startsAt: string; now: Date; config: AppConfig }): Promise<BookingView> {
  const { orgId, booking, sessionId, now } = input;
  const [row] = await tx.select({ startsAt: t.programSessions.startsAt, status: t.programSessions.status, policies: t.programs.policies }).from(t.programSessions)
      .innerJoin(t.programBookings, and(eq(t.programBookings.orgId, t.programSessions.orgId), eq(t.programBookings.id, t.programSessions.bookingId)))
      .innerJoin(t.programs, and(eq(t.programs.orgId, t.programBookings.orgId), eq(t.programs.id, t.programBookings.programId)))
      .where(and(eq(t.programSessions.orgId, orgId), eq(t.programSessions.id, sessionId), eq(t.programSessions.bookingId, booking.id)));
  if (row?.startsAt && row.status === 'scheduled' && booking.status !== 'cancelled' && booking.status !== 'completed') {
    const hours = row.policies.free_cancel_hours ?? 0;
    const notice = customerMayReschedule(row.startsAt.getTime(), hours, now.getTime());
    if (!notice.ok && notice.reason === 'window_closed') {
      throw new AppError('policy_window_closed', `Sessions can be moved up to ${hours} hours before they start; please write to the studio.`, { deadline: new Date(notice.deadline).toISOString() });
    }
  }
  return rescheduleSession(tx, { ...input, by: { kind: 'customer' } });
}
