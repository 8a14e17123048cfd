import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import {
  computeSlots,
  isSlotFree,
  type DateOverride,
  type InstructorCalendar,
  type Interval,
  type WeeklyRule,
} from '../../../../server/modules/availability/domain/index.ts';
import { DAY, HOUR, MIN, ZRH, at, calendar, prng, settings } from './_helpers.ts';

describe('isSlotFree: direct cases', () => {
  const cal = calendar({ rules: [{ weekday: 1, start: '09:00', end: '12:00' }], busy: [{ start: at('2026-06-15T10:00', ZRH), end: at('2026-06-15T10:30', ZRH) }] });
  const now = at('2026-06-01T00:00', ZRH);

  test('on-grid start in open hours and clear of busy time', () => {
    assert.equal(isSlotFree(cal, settings(), at('2026-06-15T09:00', ZRH), now), true);
    assert.equal(isSlotFree(cal, settings(), at('2026-06-15T11:00', ZRH), now), true);
  });
  test('busy, off-grid, closed hours, buffers, room', () => {
    assert.equal(isSlotFree(cal, settings(), at('2026-06-15T10:00', ZRH), now), false, 'busy');
    assert.equal(isSlotFree(cal, settings(), at('2026-06-15T09:15', ZRH), now), false, 'off the 60-minute grid');
    assert.equal(isSlotFree(cal, settings({ stepMin: 15 }), at('2026-06-15T10:30', ZRH), now), true, 'on the 15-minute grid');
    assert.equal(isSlotFree(cal, settings(), at('2026-06-15T12:00', ZRH), now), false, 'session would end after closing');
    assert.equal(isSlotFree(cal, settings(), at('2026-06-16T09:00', ZRH), now), false, 'Tuesday is closed');
    assert.equal(isSlotFree(cal, settings({ bufferBeforeMin: 10 }), at('2026-06-15T11:00', ZRH), now), true, 'before-buffer clears 10:30');
    assert.equal(isSlotFree(cal, settings({ bufferBeforeMin: 31 }), at('2026-06-15T11:00', ZRH), now), false, 'before-buffer hits busy');
    const room = [{ start: at('2026-06-15T11:59', ZRH), end: at('2026-06-15T13:00', ZRH) }];
    assert.equal(isSlotFree(cal, settings(), at('2026-06-15T11:00', ZRH), now, room), false, 'room taken');
  });
  test('notice and horizon', () => {
    const start = at('2026-06-15T09:00', ZRH);
    assert.equal(isSlotFree(cal, settings({ minNoticeMin: 60 }), start, start - HOUR), true);
    assert.equal(isSlotFree(cal, settings({ minNoticeMin: 60 }), start, start - HOUR + 1), false);
    assert.equal(isSlotFree(cal, settings({ horizonDays: 14 }), start, start - 14 * DAY), false);
    assert.equal(isSlotFree(cal, settings({ horizonDays: 14 }), start, start - 14 * DAY + 1), true);
    assert.equal(isSlotFree(cal, settings(), start, start + 1), false, 'in the past');
  });
});

describe('isSlotFree agrees with computeSlots (seeded property test)', () => {
  // Lord Howe switches by 30 minutes; Kolkata and St John's have half-hour offsets.
  const zones = [ZRH, 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'America/St_Johns', 'Australia/Lord_Howe'];
  const nearSwitches = ['2026-03-05', '2026-03-25', '2026-04-02', '2026-10-01', '2026-10-22', '2026-10-30', '2026-06-10'];
  const clock = (min: number): string => (min === 1440 ? '24:00' : `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`);

  function randomCase(seed: number) {
    const rnd = prng(seed);
    const zone = rnd.pick(zones);
    const now = DateTime.fromISO(rnd.pick(nearSwitches), { zone }).toMillis() + rnd.int(0, 24 * 60) * MIN + rnd.int(0, 59_999);
    const range = (): [string, string] => {
      const s = rnd.int(0, 95) * 15;
      const e = Math.min(1440, s + rnd.int(1, 48) * 15);
      return [clock(s), clock(e)];
    };
    const startDate = DateTime.fromMillis(now, { zone });
    const dateAt = (days: number): string => startDate.plus({ days }).toISODate()!;
    const rules: WeeklyRule[] = Array.from({ length: rnd.int(1, 10) }, () => {
      const [start, end] = range();
      const rule: WeeklyRule = { weekday: rnd.int(1, 7) as WeeklyRule['weekday'], start, end };
      if (rnd.next() < 0.2) rule.validFrom = dateAt(rnd.int(-3, 10));
      if (rnd.next() < 0.2) rule.validUntil = dateAt(rnd.int(0, 20));
      return rule;
    });
    // a few all-night rules so DST switches (usually at night) fall inside open hours
    if (rnd.next() < 0.6) rules.push(...([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start: '00:00', end: '05:00' })));
    const overrides: DateOverride[] = Array.from({ length: rnd.int(0, 4) }, () => ({
      date: dateAt(rnd.int(-1, 20)),
      kind: rnd.pick(['closed', 'replace', 'extra'] as const),
      intervals: Array.from({ length: rnd.int(0, 2) }, () => {
        const [start, end] = range();
        return { start, end };
      }),
    }));
    const block = (): Interval => {
      const start = now + rnd.int(-2 * 24 * 60, 22 * 24 * 60) * MIN;
      return { start, end: start + rnd.int(1, 240) * MIN };
    };
    const busy = Array.from({ length: rnd.int(0, 40) }, block);
    const roomBusy = rnd.next() < 0.5 ? Array.from({ length: rnd.int(1, 15) }, block) : undefined;
    const s = settings({
      sessionLengthMin: rnd.pick([30, 45, 60, 90]),
      stepMin: rnd.pick([10, 15, 20, 30, 45, 60]),
      bufferBeforeMin: rnd.pick([0, 0, 5, 15]),
      bufferAfterMin: rnd.pick([0, 0, 10, 15]),
      minNoticeMin: rnd.pick([0, 60, 720]),
      horizonDays: rnd.int(2, 20),
    });
    const cal: InstructorCalendar = calendar({ timezone: zone, rules, overrides, busy });
    return { rnd, zone, now, cal, s, roomBusy, dateAt };
  }

  test('for 40 random calendars and ~400 candidates each, including every offered slot', () => {
    let offered = 0;
    let checked = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { rnd, zone, now, cal, s, roomBusy, dateAt } = randomCase(seed);
      // the customer's range (same zone) covers the whole horizon, so dates filter nothing
      const all = computeSlots(cal, s, { from: dateAt(-2), to: dateAt(s.horizonDays + 2), customerZone: zone, now }, roomBusy);
      const free = new Set(all.map((x) => x.start));
      assert.equal(free.size, all.length, `seed ${seed}: duplicate instants`);
      const candidates = [...free];
      for (const x of all.slice(0, 50)) candidates.push(x.start + s.stepMin * MIN, x.start - 5 * MIN, x.start + 1);
      for (let i = 0; i < 300; i++) candidates.push(now + rnd.int(-24 * 12, (s.horizonDays + 1) * 24 * 12) * 5 * MIN);
      for (const c of candidates) {
        assert.equal(isSlotFree(cal, s, c, now, roomBusy), free.has(c), `seed ${seed}: ${DateTime.fromMillis(c, { zone }).toISO()} in ${zone}`);
        checked++;
      }
      offered += all.length;
    }
    assert.ok(offered > 2000, `the cases must offer slots (offered ${offered})`);
    assert.ok(checked > 10_000);
  });

  test('narrow customer ranges give exactly the slots of the wide range on those dates', () => {
    for (let seed = 100; seed < 110; seed++) {
      const { zone, now, cal, s, roomBusy, dateAt } = randomCase(seed);
      const wide = computeSlots(cal, s, { from: dateAt(-2), to: dateAt(s.horizonDays + 2), customerZone: zone, now }, roomBusy);
      const pieces = [];
      for (let d = -2; d <= s.horizonDays + 2; d++) pieces.push(...computeSlots(cal, s, { from: dateAt(d), to: dateAt(d), customerZone: zone, now }, roomBusy));
      assert.deepEqual(pieces, wide, `seed ${seed}`);
    }
  });
});
