import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { allocate, allocateEvenly, allocateMoney, MoneyError } from '../../../../server/modules/billing/domain/index.ts';
import { CASES, chf, prng } from './_helpers.ts';

describe('allocate (largest remainder)', () => {
  test('even splits give the extra units to the first parts', () => {
    assert.deepEqual(allocateEvenly(100, 3), [34, 33, 33]);
    assert.deepEqual(allocateEvenly(101, 3), [34, 34, 33]);
    assert.deepEqual(allocateEvenly(80000, 8), new Array(8).fill(10000));
    assert.deepEqual(allocateEvenly(2, 5), [1, 1, 0, 0, 0]);
    assert.deepEqual(allocateEvenly(0, 3), [0, 0, 0]);
  });

  test('largest remainder, not first-come', () => {
    // 10 over [1, 2, 3]: exact 1.67, 3.33, 5 → floors 1, 3, 5 (9); the one left goes to the 0.67.
    assert.deepEqual(allocate(10, [1, 2, 3]), [2, 3, 5]);
    // 100 over [1, 1, 1, 7]: 10, 10, 10, 70 exactly.
    assert.deepEqual(allocate(100, [1, 1, 1, 7]), [10, 10, 10, 70]);
    // 5 over [2, 2, 6]: 1, 1, 3 exactly.
    assert.deepEqual(allocate(5, [2, 2, 6]), [1, 1, 3]);
    // 7 over [3, 3, 3]: ties → earlier parts first.
    assert.deepEqual(allocate(7, [3, 3, 3]), [3, 2, 2]);
  });

  test('zero weights get nothing', () => {
    assert.deepEqual(allocate(10, [0, 1, 0, 1]), [0, 5, 0, 5]);
    assert.deepEqual(allocate(3, [0, 1, 1]), [0, 2, 1]);
    assert.deepEqual(allocate(0, [0, 0]), [0, 0]);
  });

  test('negative totals are allocated symmetrically', () => {
    assert.deepEqual(allocate(-10, [1, 2, 3]), [-2, -3, -5]);
  });

  test('programmer errors', () => {
    assert.throws(() => allocate(10, []), MoneyError);
    assert.throws(() => allocate(10, [0, 0]), MoneyError);
    assert.throws(() => allocate(10, [1, -1]), MoneyError);
    assert.throws(() => allocate(10.5, [1]), MoneyError);
    assert.throws(() => allocate(10, [1.5]), MoneyError);
    assert.throws(() => allocateEvenly(10, 0), MoneyError);
  });

  test('allocateMoney keeps the currency', () => {
    assert.deepEqual(allocateMoney(chf(100), [1, 1, 1]), [chf(34), chf(33), chf(33)]);
  });

  test('property: sums exact, within one unit of the exact share, ≤ weight when total ≤ Σweights', () => {
    const r = prng(1234);
    for (let i = 0; i < CASES; i++) {
      const n = r.int(1, 12);
      const weights: number[] = Array.from({ length: n }, () => (r.next() < 0.15 ? 0 : r.int(0, 500_000)));
      if (!weights.some((w) => w > 0)) weights[0] = 1;
      const wSum = weights.reduce((a, b) => a + b, 0);
      const total = r.next() < 0.5 ? r.int(0, wSum) : r.int(0, 10_000_000);
      const parts = allocate(total, weights);
      assert.equal(parts.reduce((a, b) => a + b, 0), total);
      parts.forEach((p, k) => {
        const w = weights[k] as number;
        const exact = (BigInt(total) * BigInt(w)) / BigInt(wSum); // floor
        assert.ok(BigInt(p) === exact || BigInt(p) === exact + 1n, `part ${k}`);
        if (w === 0) assert.equal(p, 0);
        if (total <= wSum) assert.ok(p <= w);
      });
    }
  });
});
