/**
 * Multi-session schedules: the same LOCAL wall-clock time every period.
 *
 * A weekly 18:00 Europe/Zurich session stays 18:00 local across the March and October
 * switches (its UTC instant moves by an hour). Periods are calendar days/weeks in `zone`.
 * If the wall time does not exist on a later date (02:30 on a spring-forward day), that
 * session moves forward by the gap (03:30), as a clock nobody changed would read; if it
 * exists twice (fall-back), the earlier instant is taken. The first start is returned as
 * given, whatever its occurrence.
 */
import type { Cadence, EpochMs } from './types.ts';
import { AvailabilityInputError } from './types.ts';
import { DAY_MS } from './wall-clock.ts';
import { offsetTable, wallOf, wallToInstant } from './zone-offsets.ts';

export function cadenceStarts(firstStart: EpochMs, count: number, cadence: Cadence, zone: string): EpochMs[] {
  if (!Number.isSafeInteger(firstStart)) throw new AvailabilityInputError(`firstStart must be integer epoch ms, got ${String(firstStart)}`);
  if (!Number.isSafeInteger(count) || count < 0) throw new AvailabilityInputError(`count must be a non-negative integer, got ${String(count)}`);
  if (!Number.isSafeInteger(cadence.every) || cadence.every < 1) {
    throw new AvailabilityInputError(`cadence.every must be a positive integer, got ${String(cadence.every)}`);
  }
  if (cadence.unit !== 'day' && cadence.unit !== 'week') {
    throw new AvailabilityInputError(`cadence.unit must be 'day' or 'week', got ${JSON.stringify(cadence.unit)}`);
  }
  if (count === 0) return [];
  const periodMs = cadence.every * (cadence.unit === 'week' ? 7 : 1) * DAY_MS;
  const span = (count - 1) * periodMs;
  const table = offsetTable(zone, firstStart - 2 * DAY_MS, firstStart + span + 2 * DAY_MS);
  const wall0 = wallOf(table, firstStart);
  const out: EpochMs[] = [firstStart];
  for (let i = 1; i < count; i++) out.push(wallToInstant(table, wall0 + i * periodMs));
  return out;
}
