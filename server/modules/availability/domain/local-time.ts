/**
 * Instants shown on a customer's wall clock, fast: the zone's offsets come from the engine's
 * memoised offset table (zone-offsets.ts: the tz database is asked once per zone and 16 days,
 * for every answer of the process), and the digits from integer arithmetic. A slots answer
 * formats hundreds of instants; Intl (`formatToParts`) per quarter-hour cost 25 times what the
 * engine spends on the slots themselves.
 */
import { offsetTable, wallOf, type OffsetTable } from './zone-offsets.ts';
import { DAY_MS } from './wall-clock.ts';

export interface LocalParts {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:mm` */
  time: string;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** How far one table reaches past the first instant asked for; another is taken beyond it. */
const SPAN_MS = 64 * DAY_MS;

/** A formatter for one zone; keep it for the duration of one answer. */
export function localClock(zone: string): (ms: number) => LocalParts {
  let table: OffsetTable | undefined;
  let lo = 0;
  let hi = 0;
  let day = NaN;
  let date = '';
  return (ms: number) => {
    if (!table || ms < lo || ms >= hi) {
      lo = ms - DAY_MS;
      hi = ms + SPAN_MS;
      table = offsetTable(zone, lo, hi);
    }
    const wall = wallOf(table, ms);
    const wallDay = Math.floor(wall / DAY_MS);
    if (wallDay !== day) {
      const d = new Date(wallDay * DAY_MS);
      day = wallDay;
      date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    }
    const minutes = Math.floor((wall - wallDay * DAY_MS) / 60_000);
    return { date, time: `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}` };
  };
}

/** The instant a customer's local date begins: used to bound database reads, so a day of margin is fine. */
export function dayStartUtc(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}
