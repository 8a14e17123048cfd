import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyBasisPoints, cashRound, mulDivFloor, mulDivRoundHalfUp, MoneyError, roundChf05,
} from '../../../../server/modules/billing/domain/index.ts';
import { CASES, chf, eur, prng } from './_helpers.ts';

describe('mulDivRoundHalfUp', () => {
  test('rounds halves up (away from zero) and everything else to nearest', () => {
    assert.equal(mulDivRoundHalfUp(1, 1, 2), 1); // 0.5
    assert.equal(mulDivRoundHalfUp(3, 1, 2), 2); // 1.5
    assert.equal(mulDivRoundHalfUp(5, 1, 2), 3); // 2.5 (not banker's 2)
    assert.equal(mulDivRoundHalfUp(1, 1, 3), 0); // 0.333
    assert.equal(mulDivRoundHalfUp(2, 1, 3), 1); // 0.667
    assert.equal(mulDivRoundHalfUp(-1, 1, 2), -1);
    assert.equal(mulDivRoundHalfUp(-5, 1, 2), -3);
    assert.equal(mulDivRoundHalfUp(-2, 1, 3), -1);
  });

  test('exact beyond float precision', () => {
    // 9007199254740991 × 9999 / 10000 = 9006298534815516.9009 → …517; a float product would be off.
    assert.equal(mulDivRoundHalfUp(Number.MAX_SAFE_INTEGER, 9999, 10000), 9006298534815517);
    assert.equal(mulDivFloor(Number.MAX_SAFE_INTEGER, 9999, 10000), 9006298534815516);
  });

  test('programmer errors throw', () => {
    assert.throws(() => mulDivRoundHalfUp(1.5, 1, 1), MoneyError);
    assert.throws(() => mulDivRoundHalfUp(1, 1, 0), MoneyError);
    assert.throws(() => mulDivRoundHalfUp(Number.MAX_SAFE_INTEGER, 2, 1), MoneyError);
    assert.throws(() => applyBasisPoints(100, 10001), MoneyError);
    assert.throws(() => applyBasisPoints(100, -1), MoneyError);
    assert.throws(() => applyBasisPoints(100, 12.5), MoneyError);
  });

  test('applyBasisPoints', () => {
    assert.equal(applyBasisPoints(100001, 3000), 30000); // 30000.3
    assert.equal(applyBasisPoints(5, 1000), 1); // 0.5 → 1
    assert.equal(applyBasisPoints(4, 1000), 0); // 0.4
    assert.equal(applyBasisPoints(12345, 10000), 12345);
    assert.equal(applyBasisPoints(12345, 0), 0);
  });

  test('property: |a×b − q×c| ≤ c/2 for random inputs', () => {
    const r = prng(7);
    for (let i = 0; i < CASES; i++) {
      const a = r.int(-10_000_000, 10_000_000);
      const b = r.int(0, 10_000);
      const c = r.int(1, 20_000);
      const q = mulDivRoundHalfUp(a, b, c);
      const diff = BigInt(a) * BigInt(b) - BigInt(q) * BigInt(c);
      assert.ok((diff < 0n ? -diff : diff) * 2n <= BigInt(c), `${a}×${b}/${c} → ${q}`);
    }
  });
});

describe('roundChf05 (5-Rappen)', () => {
  const table: [number, number][] = [
    [1200, 1200],
    [1201, 1200], // x.x1 ↓
    [1202, 1200], // x.x2 ↓
    [1203, 1205], // x.x3 ↑
    [1204, 1205], // x.x4 ↑
    [1205, 1205],
    [1206, 1205], // x.x6 ↓
    [1207, 1205], // x.x7 ↓
    [1208, 1210], // x.x8 ↑
    [1209, 1210], // x.x9 ↑
    [1210, 1210],
    [0, 0],
    [1, 0],
    [2, 0],
    [3, 5],
    [99, 100],
    [-1, 0],
    [-3, -5],
    [-1208, -1210],
  ];
  for (const [input, expected] of table) {
    test(`${input} → ${expected}`, () => assert.equal(roundChf05(input), expected));
  }

  test('property: multiple of 5, within 2 Rappen', () => {
    const r = prng(11);
    for (let i = 0; i < CASES; i++) {
      const x = r.int(-1_000_000, 1_000_000);
      const y = roundChf05(x);
      assert.ok(y % 5 === 0, `${x} → ${y}`);
      assert.ok(Math.abs(y - x) <= 2);
    }
  });

  test('rejects non-integers', () => assert.throws(() => roundChf05(12.03), MoneyError));
});

describe('cashRound', () => {
  test('CHF: rounded total and the adjustment line', () => {
    assert.deepEqual(cashRound(chf(12003)), { rounded: chf(12005), adjustment: chf(2) });
    assert.deepEqual(cashRound(chf(12007)), { rounded: chf(12005), adjustment: chf(-2) });
    assert.deepEqual(cashRound(chf(12005)), { rounded: chf(12005), adjustment: chf(0) });
  });

  test('other currencies are never rounded', () => {
    assert.deepEqual(cashRound(eur(12003)), { rounded: eur(12003), adjustment: eur(0) });
  });
});
