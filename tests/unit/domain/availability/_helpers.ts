/** Shared by the availability tests: instants from local ISO strings, labels, a seeded PRNG. */
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import type { InstructorCalendar, Slot, SlotSettings, WeeklyRule } from '../../../../server/modules/availability/domain/index.ts';
export { prng } from '../../../support/random.ts';

export const ZRH = 'Europe/Zurich';
export const NYC = 'America/New_York';
export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/**
 * Epoch ms of a local ISO date-time in `zone`. With an explicit offset ('…+02:00') the offset
 * decides (to pick one occurrence of a repeated hour); a wall time that does not exist throws.
 */
export function at(iso: string, zone: string): number {
  const hasOffset = /([+-]\d{2}:\d{2}|Z)$/.test(iso);
  const dt = DateTime.fromISO(iso, hasOffset ? { setZone: true } : { zone });
  assert.ok(dt.isValid, `invalid test instant ${iso}`);
  if (!hasOffset) {
    // luxon silently shifts nonexistent wall times; refuse them in tests
    assert.equal(dt.toFormat("yyyy-MM-dd'T'HH:mm"), iso.slice(0, 16), `${iso} does not exist in ${zone}`);
  }
  return dt.toMillis();
}

/** 'yyyy-MM-ddTHH:mm' in `zone`. */
export function local(t: number, zone: string): string {
  return DateTime.fromMillis(t, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** 'HH:mm' in `zone`. */
export function hhmm(t: number, zone: string): string {
  return DateTime.fromMillis(t, { zone }).toFormat('HH:mm');
}

/** 'yyyy-MM-ddTHH:mm+hh:mm' in `zone` (tells the two occurrences of a repeated hour apart). */
export function withOffset(t: number, zone: string): string {
  return DateTime.fromMillis(t, { zone }).toFormat("yyyy-MM-dd'T'HH:mmZZ");
}

export const starts = (slots: Slot[], zone: string): string[] => slots.map((s) => local(s.start, zone));

export function settings(over: Partial<SlotSettings> = {}): SlotSettings {
  return { sessionLengthMin: 60, bufferBeforeMin: 0, bufferAfterMin: 0, minNoticeMin: 0, horizonDays: 365, stepMin: 60, ...over };
}

export function calendar(over: Partial<InstructorCalendar> = {}): InstructorCalendar {
  return { instructorId: 'ins-1', timezone: ZRH, rules: [], overrides: [], busy: [], ...over };
}

export function everyDay(start: string, end: string): WeeklyRule[] {
  return ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start, end }));
}

/** Instants must be strictly increasing (sorted, no duplicates). */
export function assertStrictlyIncreasing(slots: Slot[]): void {
  for (let i = 1; i < slots.length; i++) {
    assert.ok(slots[i]!.start > slots[i - 1]!.start, `slot ${i} (${slots[i]!.start}) not after slot ${i - 1} (${slots[i - 1]!.start})`);
  }
}

/** Every slot's start is a wall time that exists in `zone` (mapping its label back gives it). */
export function assertWallTimesExist(slots: Slot[], zone: string): void {
  for (const s of slots) {
    const dt = DateTime.fromMillis(s.start, { zone });
    const back = DateTime.fromObject({ year: dt.year, month: dt.month, day: dt.day, hour: dt.hour, minute: dt.minute }, { zone });
    assert.equal(back.toFormat('HH:mm'), dt.toFormat('HH:mm'), `slot at ${withOffset(s.start, zone)} has a wall time that does not exist`);
  }
}

