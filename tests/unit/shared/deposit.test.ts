import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyBasisPoints, depositFor, mulDivRoundHalfUp } from '../../../shared/deposit.ts';

test('fixed deposit, capped at the total', () => {
  assert.deepEqual(depositFor({ amount: 120000, currency: 'CHF' }, { kind: 'fixed', amount: 30000 }), { amount: 30000, currency: 'CHF' });
  assert.deepEqual(depositFor({ amount: 20000, currency: 'CHF' }, { kind: 'fixed', amount: 30000 }), { amount: 20000, currency: 'CHF' });
});

test('percent deposit, rounded half up', () => {
  assert.equal(depositFor({ amount: 120000, currency: 'EUR' }, { kind: 'percent', bp: 2500 }).amount, 30000);
  assert.equal(depositFor({ amount: 1, currency: 'EUR' }, { kind: 'percent', bp: 5000 }).amount, 1);
  assert.equal(depositFor({ amount: 3, currency: 'EUR' }, { kind: 'percent', bp: 3333 }).amount, 1);
  assert.equal(applyBasisPoints(Number.MAX_SAFE_INTEGER, 10000), Number.MAX_SAFE_INTEGER);
  assert.equal(mulDivRoundHalfUp(-5, 1, 2), -3);
});

test('invalid input throws RangeError', () => {
  assert.throws(() => depositFor({ amount: -1, currency: 'CHF' }, { kind: 'fixed', amount: 1 }), RangeError);
  assert.throws(() => depositFor({ amount: 1.5, currency: 'CHF' }, { kind: 'fixed', amount: 1 }), RangeError);
  assert.throws(() => depositFor({ amount: 100, currency: 'CHF' }, { kind: 'percent', bp: 10001 }), RangeError);
});
