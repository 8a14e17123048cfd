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
 * The customer moves one session: allowed up to the program's reschedule notice before it starts
 * (`reschedule_notice_hours`, else the free-cancellation hours) and as often as
 * `max_reschedules_per_session` allows; later 409 policy_window_closed with the deadline that
 * passed, too often 409 reschedule_limit_reached (rescheduleSession asks the one rule).
 */
export async function rescheduleAsCustomer(tx: Tx, input: { orgId: string; booking: BookingRow; sessionId: string; startsAt: string; now: Date; config: AppConfig }): Promise<BookingView> {
  return rescheduleSession(tx, { ...input, by: { kind: 'customer' } });
}
