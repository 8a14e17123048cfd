/**
 * Multi-session schedules: the same LOCAL wall-clock time every period, in the customer's
 * zone. A weekly 18:00 Europe/Zurich session stays 18:00 local across the March and October
 * switches (its UTC instant moves by an hour). If the wall time does not exist on a later
 * date it moves forward by the gap; if it exists twice, the earlier instant is taken. The
 * first start is returned as given.
 */
import { DAY_MS, wallOf, wallToInstant } from './zone.ts';

export interface Cadence {
  every: number;
  unit: 'day' | 'week';
}

/** How many periods in a row a series may skip (a closure longer than this ends the series there). */
const MAX_SKIPPED = 60;

/**
 * `count` session starts (epoch ms) from `firstStart`, every `cadence` in `zone`. Throws RangeError on bad input.
 * `skip` (a studio closure) moves a later session on by whole periods; the first start is the customer's choice
 * and is never moved.
 */
export function cadenceStarts(firstStart: number, count: number, cadence: Cadence, zone: string, skip?: (start: number) => boolean): number[] {
  if (!Number.isSafeInteger(firstStart)) throw new RangeError(`firstStart must be integer epoch ms, got ${String(firstStart)}`);
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${String(count)}`);
  if (!Number.isSafeInteger(cadence.every) || cadence.every < 1) throw new RangeError(`cadence.every must be a positive integer, got ${String(cadence.every)}`);
  if (cadence.unit !== 'day' && cadence.unit !== 'week') throw new RangeError(`cadence.unit must be 'day' or 'week', got ${JSON.stringify(cadence.unit)}`);
  if (count === 0) return [];
  const period = cadence.every * (cadence.unit === 'week' ? 7 : 1) * DAY_MS;
  const wall0 = wallOf(firstStart, zone);
  const out = [firstStart];
  let skipped = 0;
  for (let i = 1; out.length < count; i++) {
    const start = wallToInstant(wall0 + i * period, zone);
    if (skip && skipped < MAX_SKIPPED && skip(start)) { skipped++; continue; }
    out.push(start);
  }
  return out;
}

/** The same with ISO instants, as the embed API speaks them. */
export function cadenceStartsIso(firstStart: string, count: number, cadence: Cadence, zone: string): string[] {
  return cadenceStarts(Date.parse(firstStart), count, cadence, zone).map((t) => new Date(t).toISOString());
}

/**
 * A booking of several sessions is a series: its remaining sessions move together (a week later
 * or earlier, a new first date). A booking of one session has no series; its session moves alone.
 */
export function isSeries(sessionsCount: number): boolean {
  return sessionsCount > 1;
}
