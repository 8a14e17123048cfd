/**
 * The notice a customer must give to move a session themselves: up to the program's
 * free-cancellation hours before it starts (the same window in which cancelling is free).
 * After that, only the studio moves it. Instants in epoch milliseconds.
 */

/** The last instant at which the customer may still move a session starting at `startsAt`. */
export function rescheduleDeadline(startsAt: number, freeCancelHours: number): number {
  return startsAt - Math.max(0, freeCancelHours) * 3_600_000;
}

export type Notice = { ok: true; deadline: number } | { ok: false; reason: 'started' | 'window_closed'; deadline: number };

/** Whether the customer may move a session starting at `startsAt` at `now`, and until when. */
export function customerMayReschedule(startsAt: number, freeCancelHours: number, now: number): Notice {
  const deadline = rescheduleDeadline(startsAt, freeCancelHours);
  if (startsAt <= now) return { ok: false, reason: 'started', deadline };
  if (now > deadline) return { ok: false, reason: 'window_closed', deadline };
  return { ok: true, deadline };
}
