import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AvailabilityInputError,
  computeSlots,
  computeSlotsForInstructors,
  type InstructorCalendar,
  type SlotQuery,
} from '../../../../server/modules/availability/domain/index.ts';
import { HOUR, MIN, NYC, ZRH, at, calendar, settings, starts } from './_helpers.ts';

// 2026-06-15 is a Monday; Zurich is UTC+2, New York UTC−4 in June.
const NOW = at('2026-06-01T00:00', ZRH);
const NEW_YEAR = at('2026-01-01T00:00', ZRH);
const day = (date: string, customerZone = ZRH, now = NOW): SlotQuery => ({ from: date, to: date, customerZone, now });
const monday = calendar({ rules: [{ weekday: 1, start: '09:00', end: '12:00' }] });

describe('computeSlots: grid', () => {
  test('a 09:00–12:00 rule, 60-minute step and session: 09:00, 10:00, 11:00 local', () => {
    const slots = computeSlots(monday, settings(), day('2026-06-15'));
    assert.deepEqual(starts(slots, ZRH), ['2026-06-15T09:00', '2026-06-15T10:00', '2026-06-15T11:00']);
    assert.ok(slots.every((s) => s.end - s.start === HOUR && s.instructorId === 'ins-1'));
  });

  test('step shorter than the session: overlapping candidates, the last one ends at closing', () => {
    const slots = computeSlots(monday, settings({ stepMin: 30 }), day('2026-06-15'));
    assert.deepEqual(starts(slots, ZRH).map((s) => s.slice(11)), ['09:00', '09:30', '10:00', '10:30', '11:00']);
  });

  test('the grid is counted from the start of each open interval', () => {
    const cal = calendar({ rules: [{ weekday: 1, start: '09:10', end: '11:00' }, { weekday: 1, start: '14:45', end: '17:00' }] });
    const slots = computeSlots(cal, settings({ stepMin: 45, sessionLengthMin: 45 }), day('2026-06-15'));
    assert.deepEqual(starts(slots, ZRH).map((s) => s.slice(11)), ['09:10', '09:55', '14:45', '15:30', '16:15']);
  });

  test('overlapping rules are merged: one grid, no duplicate starts', () => {
    const cal = calendar({ rules: [{ weekday: 1, start: '09:00', end: '12:00' }, { weekday: 1, start: '10:00', end: '13:00' }, { weekday: 1, start: '09:00', end: '12:00' }] });
    assert.deepEqual(starts(computeSlots(cal, settings(), day('2026-06-15')), ZRH).map((s) => s.slice(11)), ['09:00', '10:00', '11:00', '12:00']);
  });

  test('touching rules merge, so a session may span them', () => {
    const cal = calendar({ rules: [{ weekday: 1, start: '09:00', end: '12:00' }, { weekday: 1, start: '12:00', end: '13:00' }] });
    const slots = computeSlots(cal, settings({ sessionLengthMin: 90, stepMin: 30 }), day('2026-06-15'));
    assert.deepEqual(starts(slots, ZRH).map((s) => s.slice(11)), ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
  });

  test('a session may run past midnight into the next day’s hours', () => {
    const cal = calendar({ rules: [{ weekday: 1, start: '22:00', end: '24:00' }, { weekday: 2, start: '00:00', end: '00:30' }] });
    const slots = computeSlots(cal, settings({ sessionLengthMin: 90 }), { from: '2026-06-15', to: '2026-06-16', customerZone: ZRH, now: NOW });
    assert.deepEqual(starts(slots, ZRH), ['2026-06-15T22:00', '2026-06-15T23:00']);
  });
});

describe('computeSlots: busy, buffers, rooms', () => {
  const tuesday = calendar({ rules: [{ weekday: 2, start: '09:00', end: '13:00' }] });
  const q = day('2026-06-16');
  const block = (from: string, to: string) => ({ start: at(from, ZRH), end: at(to, ZRH) });

  test('busy blocks (unsorted, overlapping) remove the slots they touch', () => {
    const cal = { ...tuesday, busy: [block('2026-06-16T11:30', '2026-06-16T12:00'), block('2026-06-16T09:30', '2026-06-16T10:00'), block('2026-06-16T09:45', '2026-06-16T10:15')] };
    const got = starts(computeSlots(cal, settings({ stepMin: 15 }), q), ZRH).map((s) => s.slice(11));
    // free: 09:00–09:30, 10:15–11:30, 12:00–13:00 → 60-minute sessions on a 15-minute grid
    assert.deepEqual(got, ['10:15', '10:30', '12:00']);
  });

  test('a busy block touching the session end-to-end does not collide (half-open)', () => {
    const cal = { ...tuesday, busy: [block('2026-06-16T10:00', '2026-06-16T11:00')] };
    assert.deepEqual(starts(computeSlots(cal, settings(), q), ZRH).map((s) => s.slice(11)), ['09:00', '11:00', '12:00']);
  });

  test('buffers keep the buffered window off busy time', () => {
    const cal = { ...tuesday, busy: [block('2026-06-16T10:00', '2026-06-16T11:00')] };
    assert.deepEqual(starts(computeSlots(cal, settings({ bufferAfterMin: 15 }), q), ZRH).map((s) => s.slice(11)), ['11:00', '12:00']);
    assert.deepEqual(starts(computeSlots(cal, settings({ bufferBeforeMin: 15 }), q), ZRH).map((s) => s.slice(11)), ['09:00', '12:00']);
  });

  test('buffers may lie outside open hours, but must not hit busy time there', () => {
    const s = settings({ bufferBeforeMin: 30, bufferAfterMin: 30 });
    assert.deepEqual(starts(computeSlots(tuesday, s, q), ZRH).map((x) => x.slice(11)), ['09:00', '10:00', '11:00', '12:00']);
    const early = { ...tuesday, busy: [block('2026-06-16T08:00', '2026-06-16T08:45')] };
    assert.deepEqual(starts(computeSlots(early, s, q), ZRH).map((x) => x.slice(11)), ['10:00', '11:00', '12:00']);
  });

  test('room busy time removes slots like the instructor’s own', () => {
    const room = [block('2026-06-16T10:30', '2026-06-16T11:00')];
    assert.deepEqual(starts(computeSlots(tuesday, settings(), q, room), ZRH).map((s) => s.slice(11)), ['09:00', '11:00', '12:00']);
    assert.deepEqual(starts(computeSlots(tuesday, settings({ bufferAfterMin: 10 }), q, [block('2026-06-16T12:05', '2026-06-16T12:10')]), ZRH).map((s) => s.slice(11)), ['09:00', '10:00']);
  });
});

describe('computeSlots: notice, horizon, dates', () => {
  test('min notice: no start before now + minNotice', () => {
    const now = at('2026-06-15T08:20', ZRH);
    const got = starts(computeSlots(monday, settings({ stepMin: 30, minNoticeMin: 60 }), day('2026-06-15', ZRH, now)), ZRH);
    assert.deepEqual(got.map((s) => s.slice(11)), ['09:30', '10:00', '10:30', '11:00']);
    // exactly now + notice is allowed
    const exact = starts(computeSlots(monday, settings({ minNoticeMin: 60 }), day('2026-06-15', ZRH, at('2026-06-15T09:00', ZRH) - HOUR)), ZRH);
    assert.equal(exact[0], '2026-06-15T09:00');
  });

  test('horizon: starts strictly before now + horizonDays × 24 h', () => {
    const now = at('2026-06-01T10:00', ZRH);
    const every = calendar({ rules: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start: '09:00', end: '12:00' })) });
    const got = starts(computeSlots(every, settings({ horizonDays: 3 }), { from: '2026-06-01', to: '2026-06-30', customerZone: ZRH, now }), ZRH);
    assert.deepEqual(got, ['2026-06-01T10:00', '2026-06-01T11:00', '2026-06-02T09:00', '2026-06-02T10:00', '2026-06-02T11:00', '2026-06-03T09:00', '2026-06-03T10:00', '2026-06-03T11:00', '2026-06-04T09:00']);
    assert.equal(computeSlots(every, settings({ horizonDays: 0 }), { from: '2026-06-01', to: '2026-06-30', customerZone: ZRH, now }).length, 0);
  });

  test('past days give nothing; from after to gives nothing', () => {
    assert.deepEqual(computeSlots(monday, settings(), day('2026-06-15', ZRH, at('2026-06-20T00:00', ZRH))), []);
    assert.deepEqual(computeSlots(monday, settings(), { from: '2026-06-16', to: '2026-06-15', customerZone: ZRH, now: NOW }), []);
  });

  test('dates are the customer’s: a New York customer’s Monday is Zurich Monday 06:00 → Tuesday 06:00', () => {
    const cal = calendar({ rules: [{ weekday: 1, start: '05:00', end: '07:00' }, { weekday: 1, start: '09:00', end: '10:00' }, { weekday: 2, start: '05:00', end: '07:00' }] });
    const inNy = computeSlots(cal, settings(), day('2026-06-15', NYC));
    assert.deepEqual(starts(inNy, ZRH), ['2026-06-15T06:00', '2026-06-15T09:00', '2026-06-16T05:00']);
    assert.deepEqual(starts(inNy, NYC), ['2026-06-15T00:00', '2026-06-15T03:00', '2026-06-15T23:00']);
    const inZurich = computeSlots(cal, settings(), day('2026-06-15', ZRH));
    assert.deepEqual(starts(inZurich, ZRH), ['2026-06-15T05:00', '2026-06-15T06:00', '2026-06-15T09:00']);
  });

  test('a Tokyo customer (UTC+9) sees Zurich Monday evening as Tuesday', () => {
    const cal = calendar({ rules: [{ weekday: 1, start: '16:00', end: '18:00' }] });
    assert.equal(computeSlots(cal, settings(), day('2026-06-15', 'Asia/Tokyo')).length, 1, 'only 16:00 Zurich = 23:00 Tokyo');
    assert.deepEqual(starts(computeSlots(cal, settings(), day('2026-06-16', 'Asia/Tokyo')), 'Asia/Tokyo'), ['2026-06-16T00:00']);
  });
});

describe('computeSlots: DST', () => {
  const allDays = (start: string, end: string) => ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start, end }));
  const cal = (zone: string): InstructorCalendar => calendar({ timezone: zone, rules: [...allDays('01:00', '04:00'), ...allDays('09:00', '12:00')] });
  const withOff = (t: number, zone: string) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', timeZoneName: 'shortOffset' }).format(t);

  // Zurich repeats 02:00–03:00 (03:00 CEST → 02:00 CET), New York 01:00–02:00 (02:00 EDT → 01:00 EST).
  for (const [zone, spring, autumn, repeated] of [[ZRH, '2026-03-29', '2026-10-25', '02:00'], [NYC, '2026-03-08', '2026-11-01', '01:00']] as const) {
    test(`${zone} spring-forward ${spring}: rule hours stay local, skipped times never offered`, () => {
      const slots = computeSlots(cal(zone), settings({ stepMin: 30, sessionLengthMin: 30 }), { from: spring, to: spring, customerZone: zone, now: NEW_YEAR });
      assert.deepEqual(starts(slots, zone).map((s) => s.slice(11)), ['01:00', '01:30', '03:00', '03:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
      assert.equal(slots[2]!.start - slots[1]!.start, 30 * MIN, '01:30 → 03:00 is 30 real minutes');
      // the day before, same local hours with the old offset
      const before = computeSlots(cal(zone), settings(), { from: spring, to: spring, customerZone: zone, now: NEW_YEAR }).at(-1)!;
      const dayBefore = computeSlots(cal(zone), settings(), { from: '2026-01-10', to: '2026-01-10', customerZone: zone, now: NEW_YEAR }).at(-1)!;
      assert.equal(starts([before], zone)[0]!.slice(11), '11:00');
      assert.equal(starts([dayBefore], zone)[0]!.slice(11), '11:00');
    });

    test(`${zone} fall-back ${autumn}: the repeated hour yields distinct instants only`, () => {
      const slots = computeSlots(cal(zone), settings(), { from: autumn, to: autumn, customerZone: zone, now: NEW_YEAR });
      const labels = starts(slots, zone).map((s) => s.slice(11));
      assert.equal(labels.length, 7, '01:00–04:00 is 4 real hours, plus 09:00–12:00');
      assert.deepEqual(labels.slice(4), ['09:00', '10:00', '11:00']);
      assert.deepEqual([...labels.slice(0, 4)].sort(), ['01:00', '02:00', '03:00', repeated].sort());
      const twice = slots.filter((s, i) => labels[i] === repeated);
      assert.equal(twice.length, 2);
      assert.equal(twice[1]!.start - twice[0]!.start, HOUR, `the two ${repeated} are an hour apart`);
      assert.notEqual(withOff(twice[0]!.start, zone), withOff(twice[1]!.start, zone));
      assert.equal(new Set(slots.map((s) => s.start)).size, slots.length);
    });

    test(`${zone}: a month around each switch has sorted, unique, existing start times`, () => {
      for (const [from, to] of [[spring.slice(0, 8) + '01', spring.slice(0, 8) + '31'], [autumn.slice(0, 8) + '01', autumn.slice(0, 8) + '30']] as const) {
        const slots = computeSlots(cal(zone), settings({ stepMin: 15, sessionLengthMin: 45 }), { from, to, customerZone: zone, now: NEW_YEAR });
        for (let i = 1; i < slots.length; i++) assert.ok(slots[i]!.start > slots[i - 1]!.start, 'strictly increasing');
        for (const s of slots) {
          const label = starts([s], zone)[0]!;
          const back = at(label, zone); // throws if the wall time does not exist
          assert.ok(back === s.start || Math.abs(back - s.start) === HOUR, `${label} maps back to its instant or its repeat`);
        }
      }
    });
  }

  test('the start grid stays on local wall-clock minutes across a switch inside open hours', () => {
    const cal20 = calendar({ rules: [{ weekday: 7, start: '01:20', end: '05:00' }] });
    const s = settings({ stepMin: 60, sessionLengthMin: 60 });
    const spring = computeSlots(cal20, s, { from: '2026-03-29', to: '2026-03-29', customerZone: ZRH, now: NEW_YEAR });
    assert.deepEqual(spring.map((x) => withOff(x.start, ZRH)), ['01:20 GMT+1', '03:20 GMT+2']);
    const autumn = computeSlots(cal20, s, { from: '2026-10-25', to: '2026-10-25', customerZone: ZRH, now: NEW_YEAR });
    assert.deepEqual(autumn.map((x) => withOff(x.start, ZRH)), ['01:20 GMT+2', '02:20 GMT+2', '02:20 GMT+1', '03:20 GMT+1']);
  });

  test('Lord Howe Island (30-minute switch): 45-minute grid keeps its local minutes', () => {
    // 2026-10-04 02:00 → 02:30 local; rule 01:00–04:00 on a 45-minute grid: 01:00, 01:45, (02:30 is 1 real hour after 01:30), 03:15
    const lh = 'Australia/Lord_Howe';
    const cal = calendar({ timezone: lh, rules: [{ weekday: 7, start: '01:00', end: '04:00' }] });
    const got = computeSlots(cal, settings({ stepMin: 45, sessionLengthMin: 45 }), { from: '2026-10-04', to: '2026-10-04', customerZone: lh, now: NEW_YEAR });
    assert.deepEqual(starts(got, lh).map((x) => x.slice(11)), ['01:00', '01:45', '02:30', '03:15']);
    assert.equal(got[2]!.start - got[1]!.start, 15 * MIN, '01:45 → 02:30 is 15 real minutes on the switch day');
  });

  test('a 09:00 Zurich slot is 08:00 UTC in winter and 07:00 UTC in summer', () => {
    const s = (date: string) => computeSlots(cal(ZRH), settings(), { from: date, to: date, customerZone: 'UTC', now: NEW_YEAR }).find((x) => new Date(x.start).getUTCHours() >= 6)!;
    assert.equal(new Date(s('2026-03-28').start).toISOString(), '2026-03-28T08:00:00.000Z');
    assert.equal(new Date(s('2026-03-30').start).toISOString(), '2026-03-30T07:00:00.000Z');
  });
});

describe('computeSlotsForInstructors', () => {
  test('all instructors, sorted by start then instructorId; room busy applies to everyone', () => {
    const a = calendar({ instructorId: 'b-anna', rules: [{ weekday: 1, start: '09:00', end: '11:00' }] });
    const b = calendar({ instructorId: 'a-ben', timezone: 'Europe/London', rules: [{ weekday: 1, start: '08:00', end: '10:00' }] });
    const slots = computeSlotsForInstructors([a, b], settings(), day('2026-06-15'));
    assert.deepEqual(slots.map((s) => `${starts([s], ZRH)[0]!.slice(11)} ${s.instructorId}`), ['09:00 a-ben', '09:00 b-anna', '10:00 a-ben', '10:00 b-anna']);
    const room = [{ start: at('2026-06-15T10:00', ZRH), end: at('2026-06-15T10:30', ZRH) }];
    assert.deepEqual(computeSlotsForInstructors([a, b], settings(), day('2026-06-15'), room).map((s) => s.instructorId), ['a-ben', 'b-anna']);
    assert.deepEqual(computeSlotsForInstructors([], settings(), day('2026-06-15')), []);
  });

  test('matches computeSlots per instructor', () => {
    const a = calendar({ instructorId: 'x', rules: [{ weekday: 1, start: '09:00', end: '17:00' }], busy: [{ start: at('2026-06-15T12:00', ZRH), end: at('2026-06-15T13:00', ZRH) }] });
    const b = calendar({ instructorId: 'y', timezone: NYC, rules: [{ weekday: 1, start: '05:00', end: '09:00' }] });
    const q = { from: '2026-06-14', to: '2026-06-16', customerZone: 'Asia/Tokyo', now: NOW };
    const all = computeSlotsForInstructors([a, b], settings({ stepMin: 20 }), q);
    const each = [...computeSlots(a, settings({ stepMin: 20 }), q), ...computeSlots(b, settings({ stepMin: 20 }), q)];
    assert.equal(all.length, each.length);
    assert.deepEqual(new Set(all.map((s) => `${s.start}|${s.instructorId}`)), new Set(each.map((s) => `${s.start}|${s.instructorId}`)));
  });
});

describe('computeSlots: bad input', () => {
  test('throws AvailabilityInputError on bad settings, dates and zones', () => {
    const cases: (() => unknown)[] = [
      () => computeSlots(monday, settings({ stepMin: 0 }), day('2026-06-15')),
      () => computeSlots(monday, settings({ sessionLengthMin: -30 }), day('2026-06-15')),
      () => computeSlots(monday, settings({ bufferAfterMin: 1.5 }), day('2026-06-15')),
      () => computeSlots(monday, settings(), day('2026-6-15')),
      () => computeSlots(monday, settings(), day('2026-06-15', 'Not/AZone')),
      () => computeSlots(monday, settings(), { ...day('2026-06-15'), now: Number.NaN }),
      () => computeSlots({ ...monday, busy: [{ start: Number.NaN, end: 5 }] }, settings(), day('2026-06-15')),
    ];
    for (const run of cases) assert.throws(run, AvailabilityInputError);
  });
  test('bad zones and rules are refused even when the range asks for nothing', () => {
    const past = { from: '2020-01-01', to: '2020-01-02', customerZone: ZRH, now: NOW };
    assert.throws(() => computeSlots(calendar({ timezone: 'Bad/Zone' }), settings(), past), AvailabilityInputError);
    assert.throws(() => computeSlots(monday, settings(), { ...past, customerZone: 'Bad/Zone' }), AvailabilityInputError);
    assert.throws(() => computeSlots(calendar({ rules: [{ weekday: 1, start: '10:00', end: '09:00' }] }), settings(), past), AvailabilityInputError);
    assert.throws(() => computeSlotsForInstructors([monday, calendar({ timezone: 'Bad/Zone' })], settings(), past), AvailabilityInputError);
    assert.throws(() => computeSlots(monday, settings({ horizonDays: 3661 }), past), AvailabilityInputError);
  });

  test('a range of centuries costs no more than the horizon', () => {
    const t0 = performance.now();
    const got = computeSlots(monday, settings({ horizonDays: 30 }), { from: '1900-01-01', to: '9999-12-31', customerZone: 'Pacific/Kiritimati', now: NOW });
    assert.equal(got.length, 4 * 3 + 3, 'Mondays from 2026-06-01 to 2026-06-29 inclusive (5 × 3)');
    assert.ok(performance.now() - t0 < 2000, 'not expanding 8000 years');
  });

  test('large horizon is fine', () => {
    assert.equal(computeSlots(monday, settings({ horizonDays: 3650 }), { from: '2026-06-01', to: '2027-05-31', customerZone: ZRH, now: NOW }).length, 53 * 3, '53 Mondays');
  });
});
