import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AvailabilityInputError, expandRules } from '../../../../server/modules/availability/domain/index.ts';
import { HOUR, NYC, ZRH, at, calendar, everyDay, withOffset } from './_helpers.ts';

type Pair = [string, string];
const show = (list: { start: number; end: number }[], zone: string): Pair[] => list.map((i) => [withOffset(i.start, zone), withOffset(i.end, zone)]);

// 2026-06-15 is a Monday.
describe('expandRules: weekly rules', () => {
  test('a rule opens its weekday only, in the instructor zone', () => {
    const cal = calendar({ rules: [{ weekday: 1, start: '09:00', end: '12:00' }] });
    assert.deepEqual(show(expandRules(cal, '2026-06-14', '2026-06-16'), ZRH), [['2026-06-15T09:00+02:00', '2026-06-15T12:00+02:00']]);
  });

  test('overlapping and touching rules merge into one interval', () => {
    const cal = calendar({
      rules: [
        { weekday: 1, start: '09:00', end: '12:00' },
        { weekday: 1, start: '10:00', end: '13:00' },
        { weekday: 1, start: '13:00', end: '14:00' },
        { weekday: 1, start: '16:00', end: '17:00' },
      ],
    });
    assert.deepEqual(show(expandRules(cal, '2026-06-15', '2026-06-15'), ZRH), [
      ['2026-06-15T09:00+02:00', '2026-06-15T14:00+02:00'],
      ['2026-06-15T16:00+02:00', '2026-06-15T17:00+02:00'],
    ]);
  });

  test("'24:00' ends the day and joins the next day's 00:00", () => {
    const cal = calendar({ rules: [{ weekday: 1, start: '22:00', end: '24:00' }, { weekday: 2, start: '00:00', end: '02:00' }] });
    assert.deepEqual(show(expandRules(cal, '2026-06-15', '2026-06-16'), ZRH), [['2026-06-15T22:00+02:00', '2026-06-16T02:00+02:00']]);
  });

  test('validFrom and validUntil are inclusive local dates', () => {
    const cal = calendar({ rules: [{ weekday: 1, start: '09:00', end: '10:00', validFrom: '2026-06-15', validUntil: '2026-06-29' }] });
    const days = expandRules(cal, '2026-06-01', '2026-07-31').map((i) => withOffset(i.start, ZRH).slice(0, 10));
    assert.deepEqual(days, ['2026-06-15', '2026-06-22', '2026-06-29']);
  });
});

describe('expandRules: date overrides', () => {
  const base = calendar({ rules: [{ weekday: 1, start: '09:00', end: '12:00' }] });

  test('closed removes the day', () => {
    const cal = { ...base, overrides: [{ date: '2026-06-15', kind: 'closed' as const, intervals: [] }] };
    assert.deepEqual(expandRules(cal, '2026-06-15', '2026-06-15'), []);
    assert.equal(expandRules(cal, '2026-06-22', '2026-06-22').length, 1, 'only that date');
  });

  test('replace sets the exact hours, ignoring the weekly rules', () => {
    const cal = { ...base, overrides: [{ date: '2026-06-15', kind: 'replace' as const, intervals: [{ start: '14:00', end: '16:00' }, { start: '18:00', end: '19:00' }] }] };
    assert.deepEqual(show(expandRules(cal, '2026-06-15', '2026-06-15'), ZRH), [
      ['2026-06-15T14:00+02:00', '2026-06-15T16:00+02:00'],
      ['2026-06-15T18:00+02:00', '2026-06-15T19:00+02:00'],
    ]);
  });

  test('replace can open a day that has no weekly rule', () => {
    const cal = { ...base, overrides: [{ date: '2026-06-20', kind: 'replace' as const, intervals: [{ start: '10:00', end: '11:00' }] }] };
    assert.deepEqual(show(expandRules(cal, '2026-06-20', '2026-06-20'), ZRH), [['2026-06-20T10:00+02:00', '2026-06-20T11:00+02:00']]);
  });

  test('extra adds to the weekly hours (merging when they touch)', () => {
    const cal = { ...base, overrides: [{ date: '2026-06-15', kind: 'extra' as const, intervals: [{ start: '12:00', end: '13:00' }, { start: '17:00', end: '18:00' }] }] };
    assert.deepEqual(show(expandRules(cal, '2026-06-15', '2026-06-15'), ZRH), [
      ['2026-06-15T09:00+02:00', '2026-06-15T13:00+02:00'],
      ['2026-06-15T17:00+02:00', '2026-06-15T18:00+02:00'],
    ]);
  });

  test('closed wins over extra on the same date; extra adds to replace', () => {
    const closed = { ...base, overrides: [
      { date: '2026-06-15', kind: 'extra' as const, intervals: [{ start: '17:00', end: '18:00' }] },
      { date: '2026-06-15', kind: 'closed' as const, intervals: [] },
    ] };
    assert.deepEqual(expandRules(closed, '2026-06-15', '2026-06-15'), []);
    const replaced = { ...base, overrides: [
      { date: '2026-06-15', kind: 'replace' as const, intervals: [{ start: '14:00', end: '15:00' }] },
      { date: '2026-06-15', kind: 'extra' as const, intervals: [{ start: '17:00', end: '18:00' }] },
    ] };
    assert.deepEqual(show(expandRules(replaced, '2026-06-15', '2026-06-15'), ZRH), [
      ['2026-06-15T14:00+02:00', '2026-06-15T15:00+02:00'],
      ['2026-06-15T17:00+02:00', '2026-06-15T18:00+02:00'],
    ]);
  });
});

describe('expandRules: DST', () => {
  const night = calendar({ rules: [...everyDay('01:00', '04:00'), ...everyDay('09:00', '12:00')] });
  const total = (list: { start: number; end: number }[]): number => list.reduce((sum, i) => sum + i.end - i.start, 0);

  test('Zurich spring (2026-03-29): 09:00–12:00 stays local; 01:00–04:00 is 2 real hours', () => {
    assert.deepEqual(show(expandRules(night, '2026-03-28', '2026-03-29'), ZRH), [
      ['2026-03-28T01:00+01:00', '2026-03-28T04:00+01:00'],
      ['2026-03-28T09:00+01:00', '2026-03-28T12:00+01:00'],
      ['2026-03-29T01:00+01:00', '2026-03-29T04:00+02:00'],
      ['2026-03-29T09:00+02:00', '2026-03-29T12:00+02:00'],
    ]);
    assert.equal(total(expandRules(night, '2026-03-29', '2026-03-29')), 2 * HOUR + 3 * HOUR);
  });

  test('Zurich autumn (2026-10-25): 01:00–04:00 is 4 real hours', () => {
    const list = expandRules(night, '2026-10-25', '2026-10-25');
    assert.deepEqual(show(list, ZRH), [
      ['2026-10-25T01:00+02:00', '2026-10-25T04:00+01:00'],
      ['2026-10-25T09:00+01:00', '2026-10-25T12:00+01:00'],
    ]);
    assert.equal(list[0]!.end - list[0]!.start, 4 * HOUR);
  });

  test('New York spring (2026-03-08) and autumn (2026-11-01)', () => {
    const ny = { ...night, timezone: NYC };
    assert.deepEqual(show(expandRules(ny, '2026-03-08', '2026-03-08'), NYC), [
      ['2026-03-08T01:00-05:00', '2026-03-08T04:00-04:00'],
      ['2026-03-08T09:00-04:00', '2026-03-08T12:00-04:00'],
    ]);
    const autumn = expandRules(ny, '2026-11-01', '2026-11-01');
    assert.deepEqual(show(autumn, NYC), [
      ['2026-11-01T01:00-04:00', '2026-11-01T04:00-05:00'],
      ['2026-11-01T09:00-05:00', '2026-11-01T12:00-05:00'],
    ]);
    assert.equal(autumn[0]!.end - autumn[0]!.start, 4 * HOUR);
  });

  test('a rule starting inside the spring gap opens when the clock reaches it', () => {
    const cal = calendar({ rules: [{ weekday: 7, start: '02:30', end: '05:00' }] });
    assert.deepEqual(show(expandRules(cal, '2026-03-29', '2026-03-29'), ZRH), [['2026-03-29T03:00+02:00', '2026-03-29T05:00+02:00']]);
  });

  test('a rule inside the repeated hour is open both times', () => {
    const cal = calendar({ rules: [{ weekday: 7, start: '02:15', end: '02:45' }] });
    assert.deepEqual(show(expandRules(cal, '2026-10-25', '2026-10-25'), ZRH), [
      ['2026-10-25T02:15+02:00', '2026-10-25T02:45+02:00'],
      ['2026-10-25T02:15+01:00', '2026-10-25T02:45+01:00'],
    ]);
    assert.equal(at('2026-10-25T02:15+01:00', ZRH) - at('2026-10-25T02:15+02:00', ZRH), HOUR);
  });
});

describe('expandRules: bad input', () => {
  test('throws AvailabilityInputError on malformed rules, dates and zones', () => {
    const bad = [
      calendar({ rules: [{ weekday: 1, start: '9:00', end: '12:00' }] }),
      calendar({ rules: [{ weekday: 1, start: '12:00', end: '09:00' }] }),
      calendar({ rules: [{ weekday: 1, start: '09:00', end: '24:30' }] }),
      calendar({ rules: [{ weekday: 8 as 1, start: '09:00', end: '10:00' }] }),
      calendar({ rules: [{ weekday: 1, start: '09:00', end: '10:00', validFrom: '2026-02-30' }] }),
      calendar({ overrides: [{ date: '2026-06-15', kind: 'open' as 'extra', intervals: [] }] }),
      calendar({ timezone: 'Mars/Olympus_Mons', rules: [{ weekday: 1, start: '09:00', end: '10:00' }] }),
    ];
    for (const cal of bad) assert.throws(() => expandRules(cal, '2026-06-15', '2026-06-15'), AvailabilityInputError, JSON.stringify(cal));
  });
});
