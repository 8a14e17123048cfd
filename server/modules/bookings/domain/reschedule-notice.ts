/**
 * When a session may still be moved, by the program's policy; one rule for every path that moves
 * sessions (the widget, the portal, the admin API):
 *
 *   notice   up to `reschedule_notice_hours` before it starts (absent: `free_cancel_hours`, the
 *            window in which cancelling is free); after that only the studio moves it, with `override`
 *   limit    a session may be moved at most `max_reschedules_per_session` times (absent: no limit)
 *
 * Instants in epoch milliseconds; no I/O, no clock.
 */

/** The program policies this rule reads (a subset of `programs.policies`). */
export interface ReschedulePolicy {
  free_cancel_hours?: number | undefined;
  reschedule_notice_hours?: number | undefined;
  max_reschedules_per_session?: number | undefined;
}

/** The notice in hours a move needs: `reschedule_notice_hours`, else `free_cancel_hours`, else none. */
export function rescheduleNoticeHours(policy: ReschedulePolicy): number {
  const hours = policy.reschedule_notice_hours ?? policy.free_cancel_hours ?? 0;
  return Number.isFinite(hours) ? Math.max(0, hours) : 0;
}

/** The last instant at which a session starting at `startsAt` may still be moved, with `noticeHours` of notice. */
export function rescheduleDeadline(startsAt: number, noticeHours: number): number {
  return startsAt - Math.max(0, noticeHours) * 3_600_000;
}

export type Notice = { ok: true; deadline: number } | { ok: false; reason: 'started' | 'window_closed'; deadline: number };

/** Whether a session starting at `startsAt` may be moved at `now` with `noticeHours` of notice, and until when. */
export function customerMayReschedule(startsAt: number, noticeHours: number, now: number): Notice {
  const deadline = rescheduleDeadline(startsAt, noticeHours);
  if (startsAt <= now) return { ok: false, reason: 'started', deadline };
  if (now > deadline) return { ok: false, reason: 'window_closed', deadline };
  return { ok: true, deadline };
}

export type RescheduleCheck =
  | { ok: true; deadline: number; left: number | null }
  | { ok: false; reason: 'started' | 'window_closed'; deadline: number; hours: number }
  | { ok: false; reason: 'limit_reached'; limit: number; reschedules: number };

/**
 * Whether a session starting at `startsAt`, moved `reschedules` times already, may be moved at
 * `now` by the policy: the limit first (no notice helps a session moved too often), then the notice.
 * `left`: moves still allowed after this one's check (null: no limit).
 */
export function mayReschedule(startsAt: number, reschedules: number, policy: ReschedulePolicy, now: number): RescheduleCheck {
  const limit = policy.max_reschedules_per_session;
  if (typeof limit === 'number' && Number.isFinite(limit) && reschedules >= Math.max(0, limit)) {
    return { ok: false, reason: 'limit_reached', limit: Math.max(0, limit), reschedules };
  }
  const hours = rescheduleNoticeHours(policy);
  const notice = customerMayReschedule(startsAt, hours, now);
  if (!notice.ok) return { ...notice, hours };
  return { ok: true, deadline: notice.deadline, left: typeof limit === 'number' && Number.isFinite(limit) ? Math.max(0, limit) - reschedules : null };
}
