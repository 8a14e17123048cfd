/** A `datetime-local` value read in a given zone (the instructor's, not the browser's), as an ISO instant. */
import { zonedToUtc } from '../../../../shared/zone.ts';

export function localToIso(value: string, zone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return value;
  return new Date(zonedToUtc({ year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: 0 }, zone)).toISOString();
}
