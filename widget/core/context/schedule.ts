/** The sessions a booking will have, from the chosen first time and the program's cadence (later steps only). */
import { cadenceStartsIso } from '../../../shared/cadence.ts';
import { sessionsCount } from './booking-state.ts';
import type { BookingState } from './types.ts';

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
