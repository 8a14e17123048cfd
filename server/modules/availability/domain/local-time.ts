/**
 * Instants shown on a customer's wall clock, fast: the zone's offset is asked of Intl once per
 * UTC quarter-hour at most (offsets only change on quarter-hour instants) and the digits come
 * from integer arithmetic. A slots answer formats thousands of instants; a Luxon DateTime per
 * instant would cost more than computing the slots.
 */

const QUARTER_MS = 15 * 60_000;

export interface LocalParts {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:mm` */
  time: string;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** A formatter for one zone; keep it for the duration of one answer. */
export function localClock(zone: string): (ms: number) => LocalParts {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
  const offsets = new Map<number, number>();
  const offsetAt = (quarter: number): number => {
    let offset = offsets.get(quarter);
    if (offset === undefined) {
      const t = quarter * QUARTER_MS;
      const p: Record<string, number> = {};
      for (const part of format.formatToParts(new Date(t))) if (part.type !== 'literal') p[part.type] = Number(part.value);
      const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
      offset = wall - t;
      if (offsets.size > 10_000) offsets.clear();
      offsets.set(quarter, offset);
    }
    return offset;
  };
  return (ms: number) => {
    const wall = new Date(ms + offsetAt(Math.floor(ms / QUARTER_MS)));
    return {
      date: `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`,
      time: `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`,
    };
  };
}

/** The instant a customer's local date begins: used to bound database reads, so a day of margin is fine. */
export function dayStartUtc(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}
