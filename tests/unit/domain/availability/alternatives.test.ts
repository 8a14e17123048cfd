import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { nearestFreeAlternatives, type Slot } from '../../../../server/modules/availability/domain/index.ts';
import { HOUR, MIN, prng } from './_helpers.ts';

const T0 = Date.UTC(2026, 5, 15, 7, 0);
const slot = (offsetMin: number, instructorId = 'i'): Slot => ({ start: T0 + offsetMin * MIN, end: T0 + offsetMin * MIN + HOUR, instructorId });
const offsets = (slots: Slot[]): number[] => slots.map((s) => (s.start - T0) / MIN);

describe('nearestFreeAlternatives', () => {
  const free = [slot(-120), slot(-60), slot(-30), slot(30), slot(90), slot(240)];

  test('closest first by |start − wanted|; equal distance: earlier first', () => {
    assert.deepEqual(offsets(nearestFreeAlternatives(T0, free, 4)), [-30, 30, -60, 90]);
  });

  test('n limits the answer; n = 0 gives nothing; more than available gives all', () => {
    assert.deepEqual(offsets(nearestFreeAlternatives(T0, free, 1)), [-30]);
    assert.deepEqual(nearestFreeAlternatives(T0, free, 0), []);
    assert.equal(nearestFreeAlternatives(T0, free, 100).length, free.length);
    assert.deepEqual(nearestFreeAlternatives(T0, [], 3), []);
  });

  test('maxDistanceMs is an inclusive bound', () => {
    assert.deepEqual(offsets(nearestFreeAlternatives(T0, free, 10, 60 * MIN)), [-30, 30, -60]);
    assert.deepEqual(offsets(nearestFreeAlternatives(T0, free, 10, 29 * MIN)), []);
  });

  test('wanted before all or after all slots', () => {
    assert.deepEqual(offsets(nearestFreeAlternatives(T0 - 10 * HOUR, free, 2)), [-120, -60]);
    assert.deepEqual(offsets(nearestFreeAlternatives(T0 + 10 * HOUR, free, 2)), [240, 90]);
  });

  test('unsorted input; several instructors at one start are ordered by instructorId', () => {
    const mixed = [slot(60, 'zoe'), slot(-60, 'amy'), slot(60, 'bob'), slot(0, 'kim')];
    assert.deepEqual(nearestFreeAlternatives(T0, mixed, 4).map((s) => s.instructorId), ['kim', 'amy', 'bob', 'zoe']);
  });

  test('agrees with sorting everything by (distance, start, instructorId) (seeded)', () => {
    const rnd = prng(7);
    for (let i = 0; i < 300; i++) {
      const list = Array.from({ length: rnd.int(0, 30) }, () => slot(rnd.int(-50, 50) * 15, rnd.pick(['a', 'b', 'c'])));
      const unique = [...new Map(list.map((s) => [`${s.start}|${s.instructorId}`, s])).values()];
      const wanted = T0 + rnd.int(-800, 800) * MIN;
      const n = rnd.int(0, 12);
      const max = rnd.next() < 0.5 ? Infinity : rnd.int(0, 600) * MIN;
      const expected = [...unique]
        .filter((s) => Math.abs(s.start - wanted) <= max)
        .sort((x, y) => Math.abs(x.start - wanted) - Math.abs(y.start - wanted) || x.start - y.start || (x.instructorId < y.instructorId ? -1 : 1))
        .slice(0, n);
      assert.deepEqual(nearestFreeAlternatives(wanted, unique, n, max), expected);
    }
  });
});
