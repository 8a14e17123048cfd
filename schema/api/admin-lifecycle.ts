import * as v from 'valibot';
import { SessionOut } from './embed-bookings.ts';
import { SettlementOut } from './admin-settlement.ts';

/**
 * A session as staff see it: the stored status, when the customer checked in, and
 * `staff_status`, which is `awaiting_attendance` from the session's end until the program's
 * attendance grace period (`attendance_grace_hours`, default 24) is over while it is still
 * `scheduled`: until then staff may mark a no-show; afterwards it is `completed`.
 */
export const StaffSessionOut = v.object({
  ...SessionOut.entries,
  check_in_at: v.nullable(v.string()),
  staff_status: v.picklist(['scheduled', 'awaiting_attendance', 'completed', 'cancelled', 'no_show']),
  /** Staff's private note on the session (markdown); never shown to the customer. */
  notes_private_md: v.nullable(v.string()),
  /** Where the session takes place online (its own address, else the program's when booked); null in person. */
  meeting_url: v.nullable(v.string()),
});
export type StaffSessionOut = v.InferOutput<typeof StaffSessionOut>;

/** POST /v1/admin/bookings/:id/sessions/:sessionId/check-in */
export const CheckInAnswer = v.object({ session: StaffSessionOut });
export type CheckInAnswer = v.InferOutput<typeof CheckInAnswer>;

/**
 * POST /v1/admin/bookings/:id/sessions/:sessionId/no-show. `settlement`: what the no-show cost, by
 * the program's no-show fee (the settlement engine); null when the session was a no-show already.
 */
export const NoShowAnswer = v.object({ session: StaffSessionOut, settlement: v.nullable(SettlementOut) });
export type NoShowAnswer = v.InferOutput<typeof NoShowAnswer>;
