import type { NudgeSettingsOut } from '../../../schema/api/admin-nudges.ts';
import { QUIET_HOURS, type NudgeSettings } from '../../modules/notifications/index.ts';

const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** A program's reminders and nudges as the admin API answers them. */
export function nudgeSettingsOut(program: string, s: NudgeSettings): NudgeSettingsOut {
  return {
    program,
    session_reminder_hours: s.sessionReminderHours,
    book_next: s.bookNext,
    installment_due: s.installmentDue,
    abandoned_reservation: s.abandonedReservation,
    milestone_due: s.milestoneDue,
    review_request: s.reviewRequest,
    quiet_hours: { from: hh(QUIET_HOURS.from), to: hh(QUIET_HOURS.to) },
  };
}
