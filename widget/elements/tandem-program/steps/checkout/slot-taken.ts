import { dateOfInstant } from '../../../../../shared/zone.ts';
import { sameInstant } from '../../../../core/context/booking-state.ts';
import { plannedStarts } from '../../../../core/context/schedule.ts';
import type { ApiError } from '../../../../core/api/client.ts';
import type { BookingState, Conflict } from '../../../../core/context/types.ts';

/**
 * A 409 `slot_taken`, as a change of the booking state: the colliding planned sessions marked
 * with their alternatives (matched by instant, else by local date), or — when none can be
 * matched — a fresh choice of time.
 */
export function slotTakenPatch(e: ApiError, s: BookingState, notice: string): Partial<BookingState> {
  const planned = plannedStarts(s);
  const conflicts: Conflict[] = [];
  for (const c of e.problem?.conflicts ?? []) {
    const match =
      planned.find((x) => sameInstant(x, c.start)) ?? planned.find((x) => dateOfInstant(x, s.timezone) === dateOfInstant(c.start, s.timezone));
    if (match) conflicts.push({ start: match, alternatives: c.alternatives ?? [] });
  }
  if (!conflicts.length) return { firstSlot: null, mode: 'cadence', starts: [], conflicts: [], timeNotice: notice, fieldErrors: {} };
  return { mode: 'explicit', starts: planned, conflicts, timeNotice: notice, fieldErrors: {} };
}
