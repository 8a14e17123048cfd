/** Staff's booking answers: the API's booking shape, and sessions with their attendance. */
import type { StaffSessionOut } from '../../../schema/api/admin-lifecycle.ts';
import type { StaffSessionView } from '../../modules/bookings/index.ts';
import { sessionOut } from '../shapes/booking.out.ts';

export { bookingOut } from '../shapes/booking.out.ts';

/** A session with its attendance: `staff_status` says `awaiting_attendance` between its end and the end of the grace period. */
export function staffSessionOut(v: StaffSessionView): StaffSessionOut {
  return { ...sessionOut(v.session), check_in_at: v.session.checkInAt?.toISOString() ?? null, staff_status: v.staffStatus, notes_private_md: v.session.notesPrivateMd ?? null, meeting_url: v.session.meetingUrl ?? null };
}
