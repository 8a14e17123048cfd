import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  creditBalance, MoneyError, priceOrder, referrerRewardFor, validateReferral, type OrderLineInput, type ReferralCode, type ReferralContext,
} from '../../../../server/modules/billing/domain/index.ts';
import { chf, eur } from './_helpers.ts';

const lines: OrderLineInput[] = [
  { description: 'EVOLVE 8', unitPrice: chf(80000), quantity: 1, vatRateBp: 810, programId: 'evolve' },
  { description: 'Reiki', unitPrice: chf(12000), quantity: 1, vatRateBp: 0, programId: 'reiki' },
];
const anna: ReferralCode = {
  code: 'ANNA-7Q2',
  referrerCustomerId: 'cust-anna',
  refereeDiscount: { kind: 'fixed', amountOff: chf(2000) },
  referrerReward: { kind: 'credits', credits: 2 },
};
const ctx = (over: Partial<ReferralContext> = {}): ReferralContext => ({ customerId: 'cust-ben', priorOrders: 0, currency: 'CHF', lines, ...over });

describe('validateReferral', () => {
  test('first order of another customer: discount for the referee, reward for the referrer', () => {
    const r = validateReferral(anna, ctx());
    assert.deepEqual(r, {
      ok: true,
      discount: { source: 'referral', code: 'ANNA-7Q2', rule: { kind: 'fixed', amountOff: chf(2000) }, eligibleLines: [0, 1] },
      reward: { kind: 'credits', credits: 2 },
      referrerCustomerId: 'cust-anna',
    });
    assert.ok(r.ok);
    const o = priceOrder({ currency: 'CHF', lines, discount: r.discount });
    assert.deepEqual(o.discountTotal, chf(2000));
    assert.deepEqual(o.lines.map((l) => l.discount.amount), [1739, 261]); // 1739.13… / 260.86…
    assert.deepEqual(o.total, chf(90000));
    assert.deepEqual(o.vatTotal.amount, o.lines[0]?.vatAmount.amount);
  });

  test('percent referral discount is applied the same way', () => {
    const r = validateReferral({ ...anna, refereeDiscount: { kind: 'percent', percentBp: 1500 } }, ctx());
    assert.ok(r.ok);
    const o = priceOrder({ currency: 'CHF', lines, discount: r.discount });
    assert.deepEqual(o.discountTotal, chf(13800));
  });

  test('referral_self', () => {
    assert.deepEqual(validateReferral(anna, ctx({ customerId: 'cust-anna' })), { ok: false, code: 'referral_self' });
    assert.deepEqual(validateReferral(anna, ctx({ customerId: 'cust-anna', priorOrders: 3 })), { ok: false, code: 'referral_self' }, 'self is checked first');
  });

  test('referral_not_first_order', () => {
    assert.deepEqual(validateReferral(anna, ctx({ priorOrders: 1 })), { ok: false, code: 'referral_not_first_order' });
  });

  test('referral_currency_mismatch and referral_not_applicable', () => {
    assert.deepEqual(validateReferral({ ...anna, refereeDiscount: { kind: 'fixed', amountOff: eur(2000) } }, ctx()), {
      ok: false,
      code: 'referral_currency_mismatch',
    });
    assert.deepEqual(validateReferral(anna, ctx({ lines: [] })), { ok: false, code: 'referral_not_applicable' });
  });

  test('malformed referral codes throw', () => {
    assert.throws(() => validateReferral({ ...anna, referrerReward: { kind: 'credits', credits: 1.5 } }, ctx()), MoneyError);
    assert.throws(() => validateReferral({ ...anna, refereeDiscount: { kind: 'percent', percentBp: 20000 } }, ctx()), MoneyError);
    assert.throws(() => validateReferral(anna, ctx({ priorOrders: -1 })), MoneyError);
  });
});

describe('referrerRewardFor', () => {
  test('nothing until the order is confirmed', () => {
    for (const status of ['pending', 'cancelled', 'refunded'] as const) {
      assert.equal(referrerRewardFor(anna, { orderId: 'o1', status }), null, status);
    }
  });

  test('credits: a ledger entry for the referrer', () => {
    const g = referrerRewardFor(anna, { orderId: 'o1', status: 'confirmed' });
    assert.deepEqual(g, {
      kind: 'credits',
      entry: { customerId: 'cust-anna', delta: 2, reason: 'referral_reward', orderId: 'o1', note: 'referral ANNA-7Q2' },
    });
    assert.equal(creditBalance([{ delta: 3 }, g!.kind === 'credits' ? g!.entry : { delta: 0 }]), 5);
  });

  test('money credit', () => {
    const g = referrerRewardFor({ ...anna, referrerReward: { kind: 'money', amount: chf(1500) } }, { orderId: 'o1', status: 'confirmed' });
    assert.deepEqual(g, { kind: 'money', customerId: 'cust-anna', amount: chf(1500), orderId: 'o1' });
  });

  test('a zero reward grants nothing', () => {
    assert.equal(referrerRewardFor({ ...anna, referrerReward: { kind: 'credits', credits: 0 } }, { orderId: 'o1', status: 'confirmed' }), null);
    assert.equal(referrerRewardFor({ ...anna, referrerReward: { kind: 'money', amount: chf(0) } }, { orderId: 'o1', status: 'confirmed' }), null);
  });
});
