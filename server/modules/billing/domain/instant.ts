/**
 * Instants as the money rules take them: epoch milliseconds or an ISO 8601 string that
 * names its offset ("…Z" or "…+01:00"). A string without an offset would be read in the
 * process's time zone, i.e. depend on the environment, so it is refused.
 */
import { DateTime } from 'luxon';
import { MoneyError } from './money.ts';

export type Instant = number | string;

const HAS_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

export function toEpochMs(instant: Instant, label = 'instant'): number {
  if (typeof instant === 'number') {
    if (!Number.isSafeInteger(instant)) throw new MoneyError(`${label} must be integer epoch milliseconds`);
    return instant;
  }
  if (typeof instant !== 'string' || !instant.includes('T') || !HAS_OFFSET.test(instant)) {
    throw new MoneyError(`${label} must be epoch ms or an ISO 8601 instant with an offset, got ${JSON.stringify(instant)}`);
  }
  const dt = DateTime.fromISO(instant, { setZone: true });
  if (!dt.isValid) throw new MoneyError(`${label} is not a valid ISO 8601 instant: ${JSON.stringify(instant)}`);
  return dt.toMillis();
}

export const HOUR_MS = 3_600_000;
