import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AvailabilityInputError, cadenceStarts } from '../../../../server/modules/availability/domain/index.ts';
import { HOUR, NYC, ZRH, at, local, withOffset } from './_helpers.ts';

describe('cadenceStarts', () => {
  test('weekly 18:00 Zurich stays 18:00 local across the March switch', () => {
    const got = cadenceStarts(at('2026-03-16T18:00', ZRH), 4, { every: 1, unit: 'week' }, ZRH);
    assert.deepEqual(got.map((t) => withOffset(t, ZRH)), [
      '2026-03-16T18:00+01:00',
      '2026-03-23T18:00+01:00',
      '2026-03-30T18:00+02:00',
      '2026-04-06T18:00+02:00',
    ]);
    assert.equal(got[2]! - got[1]!, 7 * 24 * HOUR - HOUR, 'the week with the switch is an hour shorter');
  });

  test('weekly 18:00 Zurich stays 18:00 local across the October switch', () => {
    const got = cadenceStarts(at('2026-10-19T18:00', ZRH), 3, { every: 1, unit: 'week' }, ZRH);
    assert.deepEqual(got.map((t) => withOffset(t, ZRH)), ['2026-10-19T18:00+02:00', '2026-10-26T18:00+01:00', '2026-11-02T18:00+01:00']);
  });

  test('daily in New York across the November switch; every 2 weeks', () => {
    const daily = cadenceStarts(at('2026-10-31T07:30', NYC), 3, { every: 1, unit: 'day' }, NYC);
    assert.deepEqual(daily.map((t) => local(t, NYC)), ['2026-10-31T07:30', '2026-11-01T07:30', '2026-11-02T07:30']);
    assert.equal(daily[2]! - daily[1]!, 24 * HOUR);
    assert.equal(daily[1]! - daily[0]!, 25 * HOUR);
    const fortnightly = cadenceStarts(at('2026-06-01T09:00', ZRH), 3, { every: 2, unit: 'week' }, ZRH);
    assert.deepEqual(fortnightly.map((t) => local(t, ZRH)), ['2026-06-01T09:00', '2026-06-15T09:00', '2026-06-29T09:00']);
  });

  test('the local time is the one in the given zone, not the customer’s or UTC', () => {
    // 18:00 Zurich = 12:00 New York in March before the US switch, 13:00 after it
    const got = cadenceStarts(at('2026-03-02T18:00', ZRH), 3, { every: 1, unit: 'week' }, ZRH);
    assert.deepEqual(got.map((t) => local(t, ZRH).slice(11)), ['18:00', '18:00', '18:00']);
    assert.deepEqual(got.map((t) => local(t, NYC).slice(11)), ['12:00', '13:00', '13:00']);
  });

  test('count includes the first; count 1 and 0', () => {
    const first = at('2026-06-01T09:00', ZRH);
    assert.deepEqual(cadenceStarts(first, 1, { every: 1, unit: 'week' }, ZRH), [first]);
    assert.deepEqual(cadenceStarts(first, 0, { every: 1, unit: 'week' }, ZRH), []);
  });

  test('a wall time skipped by the switch moves forward by the gap; a repeated one takes the earlier instant', () => {
    const skipped = cadenceStarts(at('2026-03-22T02:30', ZRH), 2, { every: 1, unit: 'week' }, ZRH);
    assert.equal(withOffset(skipped[1]!, ZRH), '2026-03-29T03:30+02:00');
    const repeated = cadenceStarts(at('2026-10-18T02:30', ZRH), 2, { every: 1, unit: 'week' }, ZRH);
    assert.equal(withOffset(repeated[1]!, ZRH), '2026-10-25T02:30+02:00');
  });

  test('rejects bad arguments', () => {
    const t = at('2026-06-01T09:00', ZRH);
    assert.throws(() => cadenceStarts(t, -1, { every: 1, unit: 'week' }, ZRH), AvailabilityInputError);
    assert.throws(() => cadenceStarts(t, 2, { every: 0, unit: 'week' }, ZRH), AvailabilityInputError);
    assert.throws(() => cadenceStarts(t, 2, { every: 1, unit: 'month' as 'week' }, ZRH), AvailabilityInputError);
    assert.throws(() => cadenceStarts(t, 2, { every: 1, unit: 'week' }, 'Nowhere/Town'), AvailabilityInputError);
    assert.throws(() => cadenceStarts(1.5, 2, { every: 1, unit: 'week' }, ZRH), AvailabilityInputError);
  });
});
