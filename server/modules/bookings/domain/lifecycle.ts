/**
 * A confirmed booking's life, decided from its rows and the clock alone (no I/O):
 *
 *   confirmed   → in_progress   when its first session starts
 *   session scheduled → completed at its end + the attendance grace period, unless staff
 *               marked it `no_show` (or it was cancelled) before; between its end and then,
 *               staff views call it `awaiting_attendance`
 *   unscheduled sessions lapse (cancelled) once the program's validity has run out
 *   booking     → completed     when no session remains scheduled or to schedule
 *
 * `dueTransitions` answers what is due at `now`; applying it and asking again at the same
 * `now` answers nothing, which is what makes the jobs idempotent.
 */
export type LifecycleBookingStatus = 'reserved' | 'confirmed' | 'in_progress' | 'completed' | 'cancelled';
export type LifecycleSessionStatus = 'scheduled' | 'completed' | 'cancelled' | 'no_show';

export interface LifecycleSession {
  id: string;
  /** Epoch ms; null while the session is still to be scheduled. */
  startsAt: number | null;
  endsAt: number | null;
  status: LifecycleSessionStatus;
}

export interface LifecyclePolicy {
  /** How long after a session's end staff may still mark a no-show. */
  graceMs: number;
  /** Epoch ms after which unscheduled sessions lapse; null: never. */
  validUntil: number | null;
}

export interface DueTransitions {
  /** The session whose start makes the booking `in_progress` (the earliest that has started), if that is due. */
  start: string | null;
  /** Sessions past their end + grace, still `scheduled`: now `completed`. */
  completeSessions: string[];
  /** Unscheduled sessions past the validity: they lapse. */
  lapseSessions: string[];
  /** Nothing remains scheduled or to schedule once the above are applied. */
  completeBooking: boolean;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export const NOTHING_DUE: DueTransitions = { start: null, completeSessions: [], lapseSessions: [], completeBooking: false };

/**
 * The policy from a program's `attendance_grace_hours` and `valid_days`. The validity is
 * counted from the booking's first session (the earliest start among its sessions not cancelled).
 */
export function lifecyclePolicy(policies: { attendance_grace_hours?: number; valid_days?: number }, sessions: LifecycleSession[], defaultGraceHours: number): LifecyclePolicy {
  const grace = policies.attendance_grace_hours;
  const valid = policies.valid_days;
  const starts = sessions.filter((s) => s.status !== 'cancelled' && s.startsAt !== null).map((s) => s.startsAt!);
  return {
    graceMs: (typeof grace === 'number' && grace >= 0 ? grace : defaultGraceHours) * HOUR_MS,
    validUntil: typeof valid === 'number' && valid > 0 && starts.length > 0 ? Math.min(...starts) + valid * DAY_MS : null,
  };
}

export function isLive(status: LifecycleBookingStatus): boolean {
  return status === 'confirmed' || status === 'in_progress';
}

/** What is due at `now` for a booking in this state. */
export function dueTransitions(status: LifecycleBookingStatus, sessions: LifecycleSession[], policy: LifecyclePolicy, now: number): DueTransitions {
  if (!isLive(status)) return NOTHING_DUE;
  const started = sessions
    .filter((s) => s.status !== 'cancelled' && s.startsAt !== null && s.startsAt <= now)
    .sort((a, b) => a.startsAt! - b.startsAt!);
  const start = status === 'confirmed' && started.length > 0 ? started[0]!.id : null;
  const completeSessions = sessions
    .filter((s) => s.status === 'scheduled' && s.endsAt !== null && s.endsAt + policy.graceMs <= now)
    .map((s) => s.id);
  const lapseSessions = policy.validUntil !== null && policy.validUntil <= now
    ? sessions.filter((s) => s.status === 'scheduled' && s.startsAt === null).map((s) => s.id)
    : [];
  const gone = new Set([...completeSessions, ...lapseSessions]);
  const completeBooking = !sessions.some((s) => s.status === 'scheduled' && !gone.has(s.id));
  return { start, completeSessions, lapseSessions, completeBooking };
}

/** The instants at which something may become due for these sessions, and the validity's end while sessions are unscheduled (a job is due at each). */
export function wakeUps(sessions: LifecycleSession[], policy: LifecyclePolicy): number[] {
  const times = new Set<number>();
  for (const s of sessions) {
    if (s.status !== 'scheduled' || s.startsAt === null || s.endsAt === null) continue;
    times.add(s.startsAt);
    times.add(s.endsAt + policy.graceMs);
  }
  if (policy.validUntil !== null && sessions.some((s) => s.status === 'scheduled' && s.startsAt === null)) times.add(policy.validUntil);
  return [...times].sort((a, b) => a - b);
}

/**
 * A session's status as staff see it: `awaiting_attendance` from its end until the grace
 * period is over while it is still `scheduled` (staff may mark a no-show); otherwise the stored status.
 */
export function staffSessionStatus(s: LifecycleSession, graceMs: number, now: number): LifecycleSessionStatus | 'awaiting_attendance' {
  if (s.status === 'scheduled' && s.endsAt !== null && s.endsAt <= now && now < s.endsAt + graceMs) return 'awaiting_attendance';
  return s.status;
}
