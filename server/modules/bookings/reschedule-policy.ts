/**
 * The policy's answer to a move, as the API says it: 409 `policy_window_closed` with the deadline
 * that passed, or 409 `reschedule_limit_reached` with the limit. The rule itself is pure
 * (domain/reschedule-notice.ts); every path that moves sessions asks it through here.
 */
import { AppError } from '../../platform/errors.ts';
import { mayReschedule, type ReschedulePolicy, type RescheduleCheck } from './domain/reschedule-notice.ts';

/** Throws the refusal of a check that is not ok ('started' included: its deadline has passed too). */
export function refuseReschedule(check: Exclude<RescheduleCheck, { ok: true }>): never {
  if (check.reason === 'limit_reached') {
    throw new AppError('reschedule_limit_reached', `A session can be moved at most ${check.limit} time(s); this one has been moved ${check.reschedules} time(s). Please write to the studio.`,
      { limit: check.limit, reschedules: check.reschedules });
  }
  throw new AppError('policy_window_closed', `Sessions can be moved up to ${check.hours} hours before they start; please write to the studio.`,
    { deadline: new Date(check.deadline).toISOString() });
}

/** Checks one session's move by the policy and throws the refusal; answers the deadline when it may move. */
export function assertMayReschedule(session: { startsAt: Date; reschedules: number }, policy: ReschedulePolicy, now: number): number {
  const check = mayReschedule(session.startsAt.getTime(), session.reschedules, policy, now);
  if (!check.ok) refuseReschedule(check);
  return check.deadline;
}
