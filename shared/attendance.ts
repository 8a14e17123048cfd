/**
 * When staff may record a session's attendance: one rule for the admin API (the bookings module's
 * check-in and no-show, which refuse the rest with 409 `invalid_state`) and the console, which
 * offers "Check in" and "No-show" only where the API would take them.
 *   - The booking is paid: the API refuses a reserved booking (it awaits its payment) and a cancelled
 *     one; the console offers attendance on a booking that is confirmed or in progress.
 *   - Check-in opens an hour before the session starts and stays open after it, to record attendance late.
 *   - A no-show is possible from the session's start until the attendance grace period after its
 *     end is over (the API then completes the session; staff see `awaiting_attendance` until then).
 * Times are epoch milliseconds; `now` is the caller's clock.
 */

/** Check-in opens this long before a session starts. */
export const CHECK_IN_OPENS_MS = 60 * 60_000;

/** A booking (its stored status) on which the console offers attendance: paid and not over. */
export function takesAttendance(bookingStatus: string): boolean {
  return bookingStatus === 'confirmed' || bookingStatus === 'in_progress';
}

export function checkInOpen(startsAt: number, now: number): boolean {
  return now >= startsAt - CHECK_IN_OPENS_MS;
}

export function noShowOpen(startsAt: number, now: number): boolean {
  return now >= startsAt;
}
