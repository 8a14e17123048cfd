/**
 * Multi-session schedules: the same LOCAL wall-clock time every period (shared/cadence.ts,
 * the one implementation the widget and the server both use; see there for the DST rules).
 * The engine's callers expect its own input error type.
 */
import { cadenceStarts as sharedCadenceStarts } from '../../../../shared/cadence.ts';
import type { Cadence, EpochMs } from './types.ts';
import { AvailabilityInputError } from './types.ts';

export function cadenceStarts(firstStart: EpochMs, count: number, cadence: Cadence, zone: string, skip?: (start: EpochMs) => boolean): EpochMs[] {
  try {
    return sharedCadenceStarts(firstStart, count, cadence, zone, skip);
  } catch (error) {
    if (error instanceof RangeError) throw new AvailabilityInputError(error.message);
    throw error;
  }
}

/** A program without its own cadence repeats weekly: slots, the series check and booking all read it through this. */
export function cadenceOrWeekly(cadence: Cadence | undefined): Cadence {
  return cadence ?? { every: 1, unit: 'week' };
}
