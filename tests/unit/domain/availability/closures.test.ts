/** Studio closures in the engine: whole local days nobody is open; slots, single starts and series at a cadence skip them. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cadenceStarts, closureIntervals, computeSlots, computeSlotsForInstructors, isSlotFree, newlyOutside, openTime, skipsClosures,
} from '../../../../server/modules/availability/domain/index.ts';
import { DAY, HOUR, NYC, ZRH, at, calendar, everyDay, local, settings, starts } from './_helpers.ts';

const NOW = at('2026-03-01T00:00', ZRH);

describe('closureIntervals', () => {
  test('a closed day is local midnight to midnight in the studio\'s zone, 23 hours on the spring-forward day', () => {
    const [easter] = closureIntervals([{ startsOn: '2026-03-29', endsOn: '2026-03-29', timezone: ZRH }]);
    assert.equal(easter!.start, at('2026-03-29T00:00', ZRH));
    assert.equal(easter!.end, at('2026-03-30T00:00', ZRH));
    assert.equal(easter!.end - easter!.start, 23 * HOUR);
  });

  test('a range is inclusive; touching and overlapping closures merge', () => {
    const list = closureIntervals([
      { startsOn: '2026-12-24', endsOn: '2026-12-26', timezone: ZRH },
      { startsOn: '2026-12-27', endsOn: '2026-12-27', timezone: ZRH },
      { startsOn: '2026-12-25', endsOn: '2026-12-25', timezone: ZRH },
    ]);
    assert.equal(list.length, 1);
    assert.equal(local(list[0]!.start, ZRH), '2026-12-24T00:00');
    assert.equal(list[0]!.end - list[0]!.start, 4 * DAY);
  });
});

describe('slots skip closures', () => {
  const week = calendar({ rules: everyDay('09:00', '12:00') });
  const closed = closureIntervals([{ startsOn: '2026-04-06', endsOn: '2026-04-06', timezone: ZRH }]); // Easter Monday

  test('no slot on a closed day; the days around it keep their hours', () => {
    const slots = computeSlots({ ...week, closed }, settings(), { from: '2026-04-05', to: '2026-04-07', customerZone: ZRH, now: NOW });
    assert.deepEqual(starts(slots, ZRH), ['2026-04-05T09:00', '2026-04-05T10:00', '2026-04-05T11:00', '2026-04-07T09:00', '2026-04-07T10:00', '2026-04-07T11:00']);
  });

  test('every instructor is closed, whatever their own zone; a customer in New York sees the same gap', () => {
    const nyc = calendar({ instructorId: 'ins-2', timezone: NYC, rules: everyDay('00:00', '24:00'), closed });
    const slots = computeSlotsForInstructors([{ ...week, closed }, nyc], settings(), { from: '2026-04-05', to: '2026-04-06', customerZone: NYC, now: NOW });
    assert.ok(slots.length > 0);
    for (const s of slots) assert.ok(s.end <= closed[0]!.start || s.start >= closed[0]!.end, `${local(s.start, ZRH)} lies in the closure`);
  });

  test('a session may not run into a closure: the evening before offers nothing that crosses midnight', () => {
    const late = calendar({ rules: everyDay('22:00', '24:00').concat(everyDay('00:00', '02:00')), closed });
    const slots = computeSlots(late, settings({ sessionLengthMin: 90, stepMin: 30 }), { from: '2026-04-05', to: '2026-04-05', customerZone: ZRH, now: NOW });
    assert.deepEqual(starts(slots, ZRH), ['2026-04-05T00:00', '2026-04-05T00:30', '2026-04-05T22:00', '2026-04-05T22:30']);
  });

  test('the grid keeps its anchor when a closure cuts an open interval', () => {
    const half = closureIntervals([{ startsOn: '2026-04-08', endsOn: '2026-04-08', timezone: NYC }]); // ends 06:00 Zurich time on the 9th
    const allDay = calendar({ rules: everyDay('00:00', '24:00'), closed: half });
    const slots = computeSlots(allDay, settings({ sessionLengthMin: 45, stepMin: 45 }), { from: '2026-04-09', to: '2026-04-09', customerZone: ZRH, now: NOW });
    assert.equal(local(slots[0]!.start, ZRH), '2026-04-09T06:00');
    assert.equal(local(slots[1]!.start, ZRH), '2026-04-09T06:45');
  });

  test('isSlotFree agrees: a start on the closed day is not free, the day after is', () => {
    assert.equal(isSlotFree({ ...week, closed }, settings(), at('2026-04-06T09:00', ZRH), NOW), false);
    assert.equal(isSlotFree({ ...week, closed }, settings(), at('2026-04-07T09:00', ZRH), NOW), true);
  });
});

describe('a series at the cadence moves past closures', () => {
  const closed = closureIntervals([{ startsOn: '2026-12-21', endsOn: '2027-01-03', timezone: ZRH }]);

  test('weekly from 2026-12-07 18:00, four sessions: the two in the winter break move on, the count stays', () => {
    const first = at('2026-12-07T18:00', ZRH);
    const list = cadenceStarts(first, 4, { every: 1, unit: 'week' }, ZRH, skipsClosures(closed, HOUR));
    assert.deepEqual(list.map((t) => local(t, ZRH)), ['2026-12-07T18:00', '2026-12-14T18:00', '2027-01-04T18:00', '2027-01-11T18:00']);
  });

  test('across the spring switch the skipped series keeps 18:00 local', () => {
    const easter = closureIntervals([{ startsOn: '2026-03-30', endsOn: '2026-03-30', timezone: ZRH }]);
    const list = cadenceStarts(at('2026-03-23T18:00', ZRH), 3, { every: 1, unit: 'week' }, ZRH, skipsClosures(easter, HOUR));
    assert.deepEqual(list.map((t) => local(t, ZRH)), ['2026-03-23T18:00', '2026-04-06T18:00', '2026-04-13T18:00']);
  });

  test('without closures nothing is skipped', () => {
    assert.equal(skipsClosures([], HOUR), undefined);
  });
});

describe('newlyOutside: what an availability change would strand', () => {
  const before = calendar({ rules: [{ weekday: 1, start: '09:00', end: '12:00' }, { weekday: 2, start: '09:00', end: '12:00' }] });
  const monday = { id: 'mon', start: at('2026-04-13T10:00', ZRH), end: at('2026-04-13T11:00', ZRH) };
  const tuesday = { id: 'tue', start: at('2026-04-14T10:00', ZRH), end: at('2026-04-14T11:00', ZRH) };
  const outOfHours = { id: 'late', start: at('2026-04-14T19:00', ZRH), end: at('2026-04-14T20:00', ZRH) };

  test('dropping Monday strands the Monday session only; one already out of hours is not the change\'s doing', () => {
    const after = calendar({ rules: [{ weekday: 2, start: '09:00', end: '12:00' }] });
    assert.deepEqual(newlyOutside(before, after, [monday, tuesday, outOfHours]).map((s) => s.id), ['mon']);
  });

  test('a closure strands what lies on it; a shortened day strands what no longer fits', () => {
    const closed = closureIntervals([{ startsOn: '2026-04-14', endsOn: '2026-04-14', timezone: ZRH }]);
    assert.deepEqual(newlyOutside(before, { ...before, closed }, [monday, tuesday]).map((s) => s.id), ['tue']);
    const shorter = calendar({ rules: [{ weekday: 1, start: '09:00', end: '10:30' }, { weekday: 2, start: '09:00', end: '12:00' }] });
    assert.deepEqual(newlyOutside(before, shorter, [monday, tuesday]).map((s) => s.id), ['mon']);
  });

  test('weekly hours hold in wall-clock time across DST: 09:00–12:00 stays open at 10:00 local on both sides', () => {
    const march = { id: 'mar', start: at('2026-03-23T10:00', ZRH), end: at('2026-03-23T11:00', ZRH) };
    const april = { id: 'apr', start: at('2026-03-30T10:00', ZRH), end: at('2026-03-30T11:00', ZRH) };
    assert.deepEqual(newlyOutside(calendar({ rules: [] }), before, [march, april]), []);
    const open = openTime(before, march.start - DAY, april.end + DAY);
    assert.deepEqual(open.map((o) => local(o.start, ZRH)), ['2026-03-23T09:00', '2026-03-24T09:00', '2026-03-30T09:00', '2026-03-31T09:00']);
  });
});
