/** Staff's booking answers, shaped from the bookings module's views (today the same shape as the embed's). */
import type { BookingOut, SessionOut } from '../../../schema/api/embed-bookings.ts';
import type { StaffSessionOut } from '../../../schema/api/admin-lifecycle.ts';
import type { BookingView, SessionView, StaffSessionView } from '../../modules/bookings/index.ts';

export function sessionOut(s: SessionView): SessionOut {
  return {
    id: s.id, seq: s.seq, starts_at: s.startsAt!.toISOString(), ends_at: s.endsAt!.toISOString(),
    timezone: s.timezone, status: s.status, revision: s.revision,
  };
}

/** A booking as staff see it: its scheduled sessions, how many are left to schedule, the hold while reserved. */
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

/** A session with its attendance: `staff_status` says `awaiting_attendance` between its end and the end of the grace period. */
export function staffSessionOut(v: StaffSessionView): StaffSessionOut {
  return { ...sessionOut(v.session), check_in_at: v.session.checkInAt?.toISOString() ?? null, staff_status: v.staffStatus };
}
