import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  intersectIntervals,
  mergeIntervals,
  overlapsAny,
  subtractIntervals,
  type Interval,
} from '../../../../server/modules/availability/domain/index.ts';
import { prng } from './_helpers.ts';

const iv = (start: number, end: number): Interval => ({ start, end });

describe('mergeIntervals', () => {
  test('sorts, joins overlapping and touching intervals, drops empty ones', () => {
    assert.deepEqual(mergeIntervals([iv(10, 20), iv(0, 5), iv(5, 7), iv(15, 30), iv(40, 40), iv(50, 45), iv(35, 38)]), [
      iv(0, 7),
      iv(10, 30),
      iv(35, 38),
    ]);
  });
  test('an interval contained in another disappears', () => {
    assert.deepEqual(mergeIntervals([iv(0, 100), iv(10, 20), iv(30, 40)]), [iv(0, 100)]);
  });
  test('does not mutate its input', () => {
    const input = [iv(5, 9), iv(0, 6)];
    mergeIntervals(input);
    assert.deepEqual(input, [iv(5, 9), iv(0, 6)]);
  });
  test('empty input', () => assert.deepEqual(mergeIntervals([]), []));
});

describe('subtractIntervals / intersectIntervals', () => {
  test('subtract cuts holes and trims ends', () => {
    assert.deepEqual(subtractIntervals([iv(0, 100)], [iv(-5, 10), iv(20, 30), iv(90, 200)]), [iv(10, 20), iv(30, 90)]);
    assert.deepEqual(subtractIntervals([iv(0, 10), iv(20, 30)], [iv(5, 25)]), [iv(0, 5), iv(25, 30)]);
    assert.deepEqual(subtractIntervals([iv(0, 10)], [iv(0, 10)]), []);
    assert.deepEqual(subtractIntervals([iv(0, 10)], []), [iv(0, 10)]);
  });
  test('intersect keeps common parts only', () => {
    assert.deepEqual(intersectIntervals([iv(0, 10), iv(20, 30)], [iv(5, 25)]), [iv(5, 10), iv(20, 25)]);
    assert.deepEqual(intersectIntervals([iv(0, 10)], [iv(10, 20)]), []);
  });
  test('overlapsAny treats intervals as half-open', () => {
    const list = [iv(10, 20), iv(30, 40)];
    assert.equal(overlapsAny(list, 0, 10), false);
    assert.equal(overlapsAny(list, 20, 30), false);
    assert.equal(overlapsAny(list, 19, 21), true);
    assert.equal(overlapsAny(list, 0, 100), true);
    assert.equal(overlapsAny(list, 40, 50), false);
    assert.equal(overlapsAny([], 0, 1), false);
  });

  test('agree with a unit-by-unit model on random inputs (seeded)', () => {
    const rnd = prng(20260329);
    const SIZE = 60;
    const randomList = (): Interval[] =>
      Array.from({ length: rnd.int(0, 6) }, () => {
        const s = rnd.int(0, SIZE - 1);
        return iv(s, s + rnd.int(0, 15));
      });
    const bitmap = (list: Interval[]): boolean[] => {
      const bits = Array<boolean>(SIZE + 20).fill(false);
      for (const x of list) for (let u = x.start; u < x.end; u++) bits[u] = true;
      return bits;
    };
    const fromBits = (bits: boolean[]): Interval[] => {
      const out: Interval[] = [];
      for (let u = 0; u < bits.length; u++) {
        if (!bits[u]) continue;
        const last = out[out.length - 1];
        if (last && last.end === u) last.end = u + 1;
        else out.push(iv(u, u + 1));
      }
      return out;
    };
    for (let i = 0; i < 2000; i++) {
      const a = randomList();
      const b = randomList();
      const ma = mergeIntervals(a);
      const mb = mergeIntervals(b);
      const ba = bitmap(a);
      const bb = bitmap(b);
      assert.deepEqual(ma, fromBits(ba), `merge ${JSON.stringify(a)}`);
      assert.deepEqual(subtractIntervals(ma, mb), fromBits(ba.map((x, u) => x && !bb[u])), `subtract ${JSON.stringify([a, b])}`);
      assert.deepEqual(intersectIntervals(ma, mb), fromBits(ba.map((x, u) => x && bb[u]!)), `intersect ${JSON.stringify([a, b])}`);
      const s = rnd.int(0, SIZE);
      const e = s + rnd.int(1, 10);
      assert.equal(overlapsAny(ma, s, e), ba.slice(s, e).some(Boolean), `overlapsAny ${JSON.stringify(a)} [${s},${e})`);
    }
  });
});
