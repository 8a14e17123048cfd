import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MoneyError, normalizeCode, priceOrder, validateCoupon, type Coupon, type CouponContext, type OrderLineInput,
} from '../../../../server/modules/billing/domain/index.ts';
import { chf, eur } from './_helpers.ts';

const NOW = Date.UTC(2025, 5, 15, 12, 0, 0); // 2025-06-15T12:00:00Z
const lines: OrderLineInput[] = [
  { description: 'EVOLVE 8', unitPrice: chf(80000), quantity: 1, vatRateBp: 810, programId: 'evolve', variantId: 'evolve-8' },
  { description: 'EVOLVE 4', unitPrice: chf(42000), quantity: 1, vatRateBp: 810, programId: 'evolve', variantId: 'evolve-4' },
  { description: 'Reiki', unitPrice: chf(12000), quantity: 1, vatRateBp: 0, programId: 'reiki', variantId: 'reiki-1' },
];
const ctx = (over: Partial<CouponContext> = {}): CouponContext => ({
  now: NOW,
  currency: 'CHF',
  lines,
  usage: { total: 0, byThisCustomer: 0 },
  ...over,
});
const pct: Coupon = { code: 'SPRING10', kind: 'percent', percentBp: 1000 };
const fixed: Coupon = { code: 'MINUS50', kind: 'fixed', amountOff: chf(5000) };

describe('validateCoupon', () => {
  test('a plain percent coupon applies to every line', () => {
    const r = validateCoupon(pct, ctx());
    assert.deepEqual(r, {
      ok: true,
      eligibleLines: [0, 1, 2],
      discount: { source: 'coupon', code: 'SPRING10', rule: { kind: 'percent', percentBp: 1000 }, eligibleLines: [0, 1, 2] },
    });
  });

  test('coupon_not_started', () => {
    assert.deepEqual(validateCoupon({ ...pct, validFrom: NOW + 1 }, ctx()), { ok: false, code: 'coupon_not_started' });
    assert.equal(validateCoupon({ ...pct, validFrom: NOW }, ctx()).ok, true, 'validFrom is inclusive');
    assert.deepEqual(validateCoupon({ ...pct, validFrom: '2025-06-15T14:00:01+02:00' }, ctx()), { ok: false, code: 'coupon_not_started' });
    assert.equal(validateCoupon({ ...pct, validFrom: '2025-06-15T14:00:00+02:00' }, ctx()).ok, true);
  });

  test('coupon_expired', () => {
    assert.deepEqual(validateCoupon({ ...pct, validUntil: NOW - 1 }, ctx()), { ok: false, code: 'coupon_expired' });
    assert.equal(validateCoupon({ ...pct, validUntil: NOW }, ctx()).ok, true, 'validUntil is inclusive');
    assert.deepEqual(validateCoupon({ ...pct, validUntil: '2025-06-15T11:59:59Z' }, ctx({ now: '2025-06-15T12:00:00Z' })), {
      ok: false,
      code: 'coupon_expired',
    });
  });

  test('coupon_exhausted (total limit)', () => {
    assert.deepEqual(validateCoupon({ ...pct, maxRedemptions: 100 }, ctx({ usage: { total: 100, byThisCustomer: 0 } })), {
      ok: false,
      code: 'coupon_exhausted',
    });
    assert.equal(validateCoupon({ ...pct, maxRedemptions: 100 }, ctx({ usage: { total: 99, byThisCustomer: 0 } })).ok, true);
  });

  test('coupon_not_yours: a coupon given to one customer is refused to everyone else, first of all', () => {
    const given: Coupon = { ...pct, customerId: 'ana', validUntil: NOW - 1 };
    assert.deepEqual(validateCoupon(given, ctx({ customerId: 'ben' })), { ok: false, code: 'coupon_not_yours' });
    assert.deepEqual(validateCoupon(given, ctx()), { ok: false, code: 'coupon_not_yours' }, 'nobody named: not theirs either');
    assert.deepEqual(validateCoupon(given, ctx({ customerId: 'ana' })), { ok: false, code: 'coupon_expired' }, 'its owner gets the next reason');
    assert.equal(validateCoupon({ ...given, validUntil: undefined }, ctx({ customerId: 'ana' })).ok, true);
  });

  test('coupon_already_used (per-customer limit)', () => {
    assert.deepEqual(validateCoupon({ ...pct, maxPerCustomer: 1 }, ctx({ usage: { total: 5, byThisCustomer: 1 } })), {
      ok: false,
      code: 'coupon_already_used',
    });
    assert.equal(validateCoupon({ ...pct, maxPerCustomer: 2 }, ctx({ usage: { total: 5, byThisCustomer: 1 } })).ok, true);
  });

  test('coupon_not_applicable: no eligible program / variant', () => {
    assert.deepEqual(validateCoupon({ ...pct, programIds: ['split'] }, ctx()), { ok: false, code: 'coupon_not_applicable' });
    assert.deepEqual(validateCoupon({ ...pct, variantIds: ['split-1'] }, ctx()), { ok: false, code: 'coupon_not_applicable' });
    assert.deepEqual(validateCoupon(pct, ctx({ lines: [] })), { ok: false, code: 'coupon_not_applicable' });
  });

  test('restrictions pick the eligible lines (programIds AND variantIds)', () => {
    const p = validateCoupon({ ...pct, programIds: ['evolve'] }, ctx());
    assert.ok(p.ok && p.eligibleLines.join() === '0,1');
    const v = validateCoupon({ ...pct, variantIds: ['reiki-1', 'evolve-4'] }, ctx());
    assert.ok(v.ok && v.eligibleLines.join() === '1,2');
    const both = validateCoupon({ ...pct, programIds: ['evolve'], variantIds: ['evolve-8', 'reiki-1'] }, ctx());
    assert.ok(both.ok && both.eligibleLines.join() === '0');
    const empty = validateCoupon({ ...pct, programIds: [], variantIds: [] }, ctx());
    assert.ok(empty.ok && empty.eligibleLines.length === 3, 'empty lists = no restriction');
  });

  test('coupon_currency_mismatch: fixed amount (or minimum) in another currency', () => {
    assert.deepEqual(validateCoupon({ ...fixed, amountOff: eur(5000) }, ctx()), { ok: false, code: 'coupon_currency_mismatch' });
    assert.deepEqual(validateCoupon({ ...pct, minTotal: eur(100) }, ctx()), { ok: false, code: 'coupon_currency_mismatch' });
    assert.equal(validateCoupon(pct, ctx({ currency: 'EUR', lines: [{ ...lines[0]!, unitPrice: eur(100) }] })).ok, true, 'percent works in any currency');
  });

  test('coupon_min_total: against the order subtotal before discount', () => {
    const subtotal = 80000 + 42000 + 12000;
    assert.deepEqual(validateCoupon({ ...pct, minTotal: chf(subtotal + 1) }, ctx()), { ok: false, code: 'coupon_min_total' });
    assert.equal(validateCoupon({ ...pct, minTotal: chf(subtotal) }, ctx()).ok, true);
  });

  test('checks run in a fixed order', () => {
    const everythingWrong: Coupon = {
      ...fixed,
      amountOff: eur(1),
      validFrom: NOW + 1,
      validUntil: NOW - 1,
      maxRedemptions: 1,
      maxPerCustomer: 1,
      programIds: ['none'],
      minTotal: chf(10_000_000),
    };
    const used = { usage: { total: 1, byThisCustomer: 1 } };
    const order = ['coupon_not_started', 'coupon_expired', 'coupon_exhausted', 'coupon_already_used', 'coupon_currency_mismatch', 'coupon_not_applicable', 'coupon_min_total'];
    let c: Coupon = everythingWrong;
    const strip = [
      { validFrom: undefined },
      { validUntil: undefined },
      { maxRedemptions: undefined },
      { maxPerCustomer: undefined },
      { amountOff: chf(1) },
      { programIds: undefined },
      { minTotal: undefined },
    ];
    order.forEach((code, i) => {
      assert.deepEqual(validateCoupon(c, ctx(used)), { ok: false, code }, code);
      c = { ...c, ...strip[i] };
    });
    assert.equal(validateCoupon(c, ctx(used)).ok, true);
  });

  test('a fixed coupon larger than the eligible amount takes off only the eligible amount', () => {
    const r = validateCoupon({ ...fixed, amountOff: chf(1_000_000), programIds: ['reiki'] }, ctx());
    assert.ok(r.ok);
    const o = priceOrder({ currency: 'CHF', lines, discount: r.discount });
    assert.deepEqual(o.discountTotal, chf(12000));
    assert.deepEqual(o.lines.map((l) => l.amount.amount), [80000, 42000, 0]);
  });

  test('end to end: validated coupon → priced order', () => {
    const r = validateCoupon({ ...fixed, programIds: ['evolve'] }, ctx());
    assert.ok(r.ok);
    const o = priceOrder({ currency: 'CHF', lines, discount: r.discount });
    // 50.00 over 800 : 420 → 32.79 / 17.21 (32.786…, 17.213…)
    assert.deepEqual(o.lines.map((l) => l.discount.amount), [3279, 1721, 0]);
    assert.deepEqual(o.total, chf(134000 - 5000));
  });

  test('malformed coupons and inputs are programmer errors', () => {
    assert.throws(() => validateCoupon({ code: 'X', kind: 'percent' }, ctx()), MoneyError);
    assert.throws(() => validateCoupon({ code: 'X', kind: 'fixed' }, ctx()), MoneyError);
    assert.throws(() => validateCoupon({ code: 'X', kind: 'percent', percentBp: 12000 }, ctx()), MoneyError);
    assert.throws(() => validateCoupon({ code: 'X', kind: 'fixed', amountOff: chf(-1) }, ctx()), MoneyError);
    assert.throws(() => validateCoupon({ code: 'X', kind: 'bogus' as 'fixed' }, ctx()), MoneyError);
    assert.throws(() => validateCoupon(pct, ctx({ now: '2025-06-15T12:00:00' })), /offset/, 'no zone-less instants');
    assert.throws(() => validateCoupon(pct, ctx({ now: 'yesterday' })), MoneyError);
    assert.throws(() => validateCoupon(pct, ctx({ usage: { total: -1, byThisCustomer: 0 } })), MoneyError);
  });

  test('normalizeCode', () => {
    assert.equal(normalizeCode('  spring10 '), 'SPRING10');
  });
});
