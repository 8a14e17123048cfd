import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  add, assertMoney, equals, format, max, min, money, MoneyError, multiply, negate, subtract, sum, sumIntegers, zero,
} from '../../../../server/modules/billing/domain/index.ts';
import { chf, eur } from './_helpers.ts';

describe('Money', () => {
  test('money() builds checked values', () => {
    assert.deepEqual(money(12000, 'CHF'), { amount: 12000, currency: 'CHF' });
    assert.deepEqual(zero('EUR'), { amount: 0, currency: 'EUR' });
  });

  test('rejects floats, NaN, Infinity and unsafe integers', () => {
    for (const bad of [1.5, 0.1 + 0.2, Number.NaN, Infinity, -Infinity, 2 ** 53]) {
      assert.throws(() => money(bad, 'CHF'), MoneyError, String(bad));
    }
    assert.throws(() => assertMoney({ amount: '100' as unknown as number, currency: 'CHF' }), MoneyError);
  });

  test('rejects malformed currencies', () => {
    for (const bad of ['chf', 'CH', 'CHFF', '', 'CH1']) assert.throws(() => money(1, bad), MoneyError, bad);
  });

  test('add / subtract / sum in one currency', () => {
    assert.deepEqual(add(chf(100), chf(5)), chf(105));
    assert.deepEqual(subtract(chf(100), chf(105)), chf(-5));
    assert.deepEqual(sum([chf(1), chf(2), chf(3)], 'CHF'), chf(6));
    assert.deepEqual(sum([], 'EUR'), eur(0));
    assert.equal(sumIntegers([1, -2, 3]), 2);
  });

  test('currency mismatch is a programmer error', () => {
    assert.throws(() => add(chf(1), eur(1)), /currency mismatch/);
    assert.throws(() => subtract(chf(1), eur(1)), /currency mismatch/);
    assert.throws(() => sum([chf(1), eur(1)], 'CHF'), /currency mismatch/);
    assert.throws(() => min(chf(1), eur(1)), /currency mismatch/);
  });

  test('overflow is caught', () => {
    assert.throws(() => add(chf(Number.MAX_SAFE_INTEGER), chf(1)), MoneyError);
    assert.throws(() => sum([chf(Number.MAX_SAFE_INTEGER), chf(1)], 'CHF'), MoneyError);
    assert.throws(() => multiply(chf(Number.MAX_SAFE_INTEGER), 2), MoneyError);
    assert.throws(() => multiply(chf(1), 1.5), MoneyError);
  });

  test('helpers', () => {
    assert.deepEqual(multiply(chf(12033), 2), chf(24066));
    assert.deepEqual(negate(chf(5)), chf(-5));
    assert.equal(Object.is(negate(chf(0)).amount, 0), true);
    assert.deepEqual(min(chf(1), chf(2)), chf(1));
    assert.deepEqual(max(chf(1), chf(2)), chf(2));
    assert.equal(equals(chf(1), chf(1)), true);
    assert.equal(equals(chf(1), eur(1)), false);
    assert.equal(format(chf(12005)), 'CHF 120.05');
    assert.equal(format(chf(-7)), 'CHF -0.07');
  });
});
