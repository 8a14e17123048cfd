import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cadenceStarts, cadenceStartsIso, isSeries } from '../../../shared/cadence.ts';

const Z = 'Europe/Zurich';

test('weekly 18:00 Zurich stays 18:00 local across the March switch', () => {
  const starts = cadenceStartsIso('2026-03-19T17:00:00.000Z', 3, { every: 1, unit: 'week' }, Z);
  assert.deepEqual(starts, ['2026-03-19T17:00:00.000Z', '2026-03-26T17:00:00.000Z', '2026-04-02T16:00:00.000Z']);
});

test('every 2 days across the October switch', () => {
  const starts = cadenceStartsIso('2026-10-23T07:00:00.000Z', 3, { every: 2, unit: 'day' }, Z);
  assert.deepEqual(starts, ['2026-10-23T07:00:00.000Z', '2026-10-25T08:00:00.000Z', '2026-10-27T08:00:00.000Z']);
});

test('a wall time in the spring gap moves forward; one in the autumn overlap takes the earlier instant', () => {
  // 02:30 local every week: 2026-03-22 (CET), 2026-03-29 (gap) -> 03:30 CEST
  assert.deepEqual(cadenceStartsIso('2026-03-22T01:30:00.000Z', 2, { every: 1, unit: 'week' }, Z), ['2026-03-22T01:30:00.000Z', '2026-03-29T01:30:00.000Z']);
  // 02:30 local 2026-10-18 (CEST), then 2026-10-25 (twice) -> the CEST one
  assert.deepEqual(cadenceStartsIso('2026-10-18T00:30:00.000Z', 2, { every: 1, unit: 'week' }, Z), ['2026-10-18T00:30:00.000Z', '2026-10-25T00:30:00.000Z']);
});

test('the first start is returned as given; count 0 gives nothing', () => {
  const first = Date.parse('2026-10-25T01:30:00Z'); // 02:30 CET, the second occurrence
  assert.equal(cadenceStarts(first, 1, { every: 1, unit: 'week' }, Z)[0], first);
  assert.deepEqual(cadenceStarts(first, 0, { every: 1, unit: 'week' }, Z), []);
});

test('bad input throws RangeError', () => {
  assert.throws(() => cadenceStarts(0.5, 2, { every: 1, unit: 'week' }, Z), RangeError);
  assert.throws(() => cadenceStarts(0, -1, { every: 1, unit: 'week' }, Z), RangeError);
  assert.throws(() => cadenceStarts(0, 2, { every: 0, unit: 'week' }, Z), RangeError);
  assert.throws(() => cadenceStarts(0, 2, { every: 1, unit: 'month' as 'week' }, Z), RangeError);
  assert.throws(() => cadenceStarts(0, 2, { every: 1, unit: 'week' }, 'Nowhere/Nope'), RangeError);
});

test('a booking of several sessions is a series; one of one session is not', () => {
  assert.deepEqual([1, 2, 8].map(isSeries), [false, true, true]);
});
