/** The embed's booking answers, shaped from the bookings module's views. */
import type { CreatedBooking } from '../../../schema/api/embed-bookings.ts';
import type { NewBooking } from '../../modules/bookings/index.ts';
import { bookingOut } from '../shapes/booking.out.ts';

export { bookingOut, sessionOut } from '../shapes/booking.out.ts';

/** The answer to a reservation: the booking and the client token that opens it. */
export function createdBookingOut(c: NewBooking): CreatedBooking {
  return { ...bookingOut(c.booking), client_token: c.clientToken };
}
