import { trackingSource } from '../../../../core/source.ts';
import { selectedVariant } from '../../../../core/context/booking-state.ts';
import { sessionsInput } from '../../../../core/context/schedule.ts';
import type { BookingState, CustomerDetails } from '../../../../core/context/types.ts';
import type { Lang } from '../../../../core/i18n/localizer.ts';
import type { CreateBookingBody } from '../../../../../schema/api/embed-bookings.ts';

/** The body of `POST /v1/embed/bookings` for the booking state and the customer's (trimmed) details. */
export function bookingBody(s: BookingState, customer: CustomerDetails, lang: Lang, link: string): CreateBookingBody {
  const body: CreateBookingBody = {
    program: s.program!.slug,
    variant: selectedVariant(s)?.id ?? '',
    customer: { name: customer.name, email: customer.email, locale: lang, timezone: s.timezone },
    sessions: sessionsInput(s),
    intake: s.intake,
    source: trackingSource(),
  };
  if (customer.phone) body.customer.phone = customer.phone;
  if (link) body.link = link;
  if (s.funnelVisit) body.visit = s.funnelVisit;
  const instructor = s.instructorId || s.firstSlot?.instructor.id;
  if (instructor) body.instructor = instructor;
  return body;
}
