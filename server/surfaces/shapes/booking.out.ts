/**
 * The booking and session answers of the API (schema/api/embed-bookings.ts BookingOut, SessionOut):
 * one shape, so one mapping, used by the embed and the admin surfaces alike.
 */
import type { BookingOut, SessionOut } from '../../../schema/api/embed-bookings.ts';
import type { BookingView, SessionView } from '../../modules/bookings/index.ts';

export function sessionOut(s: SessionView): SessionOut {
  return {
    id: s.id, seq: s.seq, starts_at: s.startsAt!.toISOString(), ends_at: s.endsAt!.toISOString(),
    timezone: s.timezone, status: s.status, revision: s.revision,
  };
}

/** A booking as the API answers it: its scheduled sessions, how many are left to schedule, the hold while reserved. */
export function bookingOut(b: BookingView): BookingOut {
  return {
    id: b.id,
    status: b.status,
    program: { slug: b.program.slug, title: b.program.title },
    variant: { id: b.variant.id, name: b.variant.name },
    instructor: { id: b.instructor.id, name: b.instructor.name ?? '' },
    hold_expires_at: b.status === 'reserved' && b.holdExpiresAt ? b.holdExpiresAt.toISOString() : null,
    sessions: b.sessions.filter((s) => s.startsAt !== null).map(sessionOut),
    sessions_to_schedule: b.sessions.filter((s) => s.startsAt === null && s.status === 'scheduled').length,
    total_price: { amount: b.totalPrice, currency: b.currency },
  };
}
