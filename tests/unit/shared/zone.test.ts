import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateOfInstant, offsetAt, todayIn, wallOf, wallTime, wallToInstant, zonedToUtc } from '../../../shared/zone.ts';
import { addDays, addMonths, daysInMonth, isoDate, lastOfMonth, weekday } from '../../../shared/dates.ts';

const Z = 'Europe/Zurich';
const iso = (t: number) => new Date(t).toISOString();

test('wall time of an instant, summer and winter', () => {
  assert.deepEqual(wallTime(Date.parse('2026-07-01T07:00:00Z'), Z), { year: 2026, month: 7, day: 1, hour: 9, minute: 0, second: 0 });
  assert.deepEqual(wallTime(Date.parse('2026-12-01T08:00:00Z'), Z), { year: 2026, month: 12, day: 1, hour: 9, minute: 0, second: 0 });
  assert.equal(offsetAt(Date.parse('2026-07-01T07:00:00Z'), Z), 2 * 3600_000);
  assert.equal(wallOf(Date.parse('2026-12-01T08:00:00.250Z'), Z), Date.UTC(2026, 11, 1, 9, 0, 0, 250));
});

test('wall time -> instant: ordinary times round-trip', () => {
  for (const at of ['2026-01-15T08:30:00Z', '2026-06-30T16:00:00Z', '2026-03-29T00:59:59Z', '2026-10-25T02:00:00Z']) {
    const t = Date.parse(at);
    assert.equal(iso(wallToInstant(wallOf(t, Z), Z)), iso(t));
  }
  // 02:00 CET on the autumn day (01:00Z) is also 02:00 CEST (00:00Z): the earlier one
  assert.equal(iso(wallToInstant(wallOf(Date.parse('2026-10-25T01:00:00Z'), Z), Z)), '2026-10-25T00:00:00.000Z');
  assert.equal(iso(zonedToUtc({ year: 2026, month: 5, day: 4, hour: 18, minute: 0, second: 0 }, 'America/New_York')), '2026-05-04T22:00:00.000Z');
});

test('spring-forward gap: moved forward by the gap (02:30 -> 03:30 CEST)', () => {
  assert.equal(iso(wallToInstant(Date.UTC(2026, 2, 29, 2, 30), Z)), '2026-03-29T01:30:00.000Z');
});

test('fall-back overlap: the earlier instant (02:30 CEST, not CET)', () => {
  assert.equal(iso(wallToInstant(Date.UTC(2026, 9, 25, 2, 30), Z)), '2026-10-25T00:30:00.000Z');
});

test('zones without DST and far from UTC', () => {
  assert.equal(iso(wallToInstant(Date.UTC(2026, 0, 1, 0, 0), 'Asia/Kolkata')), '2025-12-31T18:30:00.000Z');
  assert.equal(iso(wallToInstant(Date.UTC(2026, 0, 1, 0, 0), 'UTC')), '2026-01-01T00:00:00.000Z');
});

test('unknown zone throws RangeError', () => {
  assert.throws(() => wallToInstant(0, 'Mars/Olympus'), RangeError);
});

test('calendar dates', () => {
  assert.equal(isoDate(2026, 1, 32), '2026-02-01');
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(addMonths('2026-11', 3), '2027-02');
  assert.equal(daysInMonth('2028-02'), 29);
  assert.equal(lastOfMonth('2026-04'), '2026-04-30');
  assert.equal(weekday('2026-03-29'), 7);
  assert.equal(dateOfInstant('2026-03-28T23:30:00Z', Z), '2026-03-29');
  assert.equal(todayIn('Pacific/Auckland', Date.parse('2026-06-30T13:00:00Z')), '2026-07-01');
});
