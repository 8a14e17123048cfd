/**
 * What a payment brought beyond what an open order claims (domain/overpayment.ts): the examples the
 * settlement meets, then properties under seeded random cases.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dueBefore, heldBeyondClaim, MoneyError, overpaymentExcess } from '../../../../server/modules/billing/domain/index.ts';
import { CASES, prng } from './_helpers.ts';

describe('overpayment: examples', () => {
  const pack = { total: 58000, credited: 0, refunded: 0 };

  test('an installment charged for its old amount after a fee was brought forward: the fee\'s part is excess', () => {
    // Deposit 150 + fee 140 paid; the installment (430, lowered to 290) taken at 430.
    assert.equal(overpaymentExcess(pack, 29000, 72000), 14000);
    assert.equal(dueBefore(pack, 29000), 29000);
  });

  test('a payment that only pays what is owed brings no excess', () => {
    assert.equal(overpaymentExcess(pack, 15000, 58000), 0);
    assert.equal(overpaymentExcess(pack, 15000, 43000), 0);
    assert.equal(overpaymentExcess(pack, 15000, 15000), 0);
  });

  test('what a credit note took off the claim counts: after a settlement credited the unpaid part, all of a late charge is excess', () => {
    const settled = { total: 58000, credited: 43000, refunded: 0 };
    assert.equal(overpaymentExcess(settled, 15000, 58000), 43000);
    assert.equal(dueBefore(settled, 15000), 0);
  });

  test('refunds on their way count as gone: the second look at the same figures finds nothing', () => {
    assert.equal(overpaymentExcess({ ...pack, refunded: 14000 }, 72000, 72000), 0);
    assert.equal(heldBeyondClaim({ ...pack, refunded: 14000 }, 72000), 0);
  });

  test('an order holding too much already (a failed refund) is not refunded again: only what the new payment added', () => {
    // 500 over after a refund failed; a transfer of 1,000 arrives.
    assert.equal(heldBeyondClaim(pack, 58500), 500);
    assert.equal(overpaymentExcess(pack, 58500, 59500), 1000);
  });

  test('a transfer of more than was due on a QR-bill: the difference', () => {
    assert.equal(overpaymentExcess({ total: 14000, credited: 0, refunded: 0 }, 0, 14500), 500);
    assert.equal(overpaymentExcess({ total: 14000, credited: 0, refunded: 500 }, 14500, 28500), 14000, 'a second transfer on an order paid in full: all of it');
  });

  test('amounts must be non-negative integers', () => {
    assert.throws(() => overpaymentExcess(pack, 0, 1.5), MoneyError);
    assert.throws(() => overpaymentExcess({ ...pack, credited: -1 }, 0, 1), MoneyError);
  });
});

describe('overpayment: properties (seeded)', () => {
  test('never negative, never more than the payment brought; refunding it leaves the order holding exactly its claim (or what it held before)', () => {
    const r = prng(1313);
    for (let i = 0; i < CASES; i++) {
      const total = r.int(0, 200_000);
      const credited = r.int(0, total);
      const refunded = r.int(0, 50_000);
      const paidBefore = r.int(0, 250_000);
      const paidAfter = paidBefore + r.int(0, 100_000);
      const o = { total, credited, refunded };
      const excess = overpaymentExcess(o, paidBefore, paidAfter);
      assert.ok(excess >= 0 && excess <= paidAfter - paidBefore, JSON.stringify({ o, paidBefore, paidAfter, excess }));
      // Once refunded (the refund counts as gone), the same payment seen again brings nothing more.
      const after = { ...o, refunded: refunded + excess };
      assert.equal(overpaymentExcess(after, paidAfter, paidAfter), 0);
      assert.equal(heldBeyondClaim(after, paidAfter), heldBeyondClaim(o, paidBefore), 'what was held beyond the claim before stays, no more');
    }
  });
});
