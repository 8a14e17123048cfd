/** The sessions a booking will have, from the chosen first time and the program's cadence (later steps only). */
import { cadenceStartsIso } from '../../../shared/cadence.ts';
import { dateOfInstant } from '../../../shared/zone.ts';
import { sameInstant, sessionsCount } from './booking-state.ts';
import type { Alternative, BookingState, Conflict } from './types.ts';

/** The starts the customer will book, as the widget shows them (the server has the last word). */
export function plannedStarts(s: BookingState): string[] {
  const first = s.firstSlot;
  if (!first) return [];
  const count = sessionsCount(s);
  if (s.mode === 'explicit' && s.starts.length) return s.starts;
  if (count === 1 || s.mode === 'later') return [first.start];
  const cadence = s.program?.cadence ?? { every: 1, unit: 'week' as const };
  return cadenceStartsIso(first.start, count, cadence, s.timezone);
}

/** The `sessions` member of `POST /v1/embed/bookings`. */
export function sessionsInput(s: BookingState) {
  const first = s.firstSlot?.start ?? '';
  if (s.mode === 'explicit' && s.starts.length) return { mode: 'explicit' as const, starts: s.starts };
  if (sessionsCount(s) === 1) return { mode: 'explicit' as const, starts: [first] };
  if (s.mode === 'later') return { mode: 'later' as const, first_start: first };
  return { mode: 'cadence' as const, first_start: first };
}

/**
 * Times that cannot be held (a 409, or the series check), as a change of the booking state: the
 * planned sessions they name marked with their alternatives (matched by instant, else by local
 * date), or — when none can be matched — a fresh choice of time.
 */
export function conflictsPatch(list: readonly { start: string; alternatives?: Alternative[] }[], s: BookingState, notice: string): Partial<BookingState> {
  const planned = plannedStarts(s);
  const conflicts: Conflict[] = [];
  for (const c of list) {
    const match =
      planned.find((x) => sameInstant(x, c.start)) ?? planned.find((x) => dateOfInstant(x, s.timezone) === dateOfInstant(c.start, s.timezone));
    if (match) conflicts.push({ start: match, alternatives: c.alternatives ?? [] });
  }
  if (!conflicts.length) return { firstSlot: null, mode: 'cadence', starts: [], conflicts: [], timeNotice: notice, fieldErrors: {} };
  return { mode: 'explicit', starts: planned, conflicts, timeNotice: notice, fieldErrors: {} };
}
