import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canPayWithCredits, creditBalance, creditDebitEntry, creditRefundEntry, MoneyError } from '../../../../server/modules/billing/domain/index.ts';
import { CASES, prng } from './_helpers.ts';

describe('credits', () => {
  test('balance is the sum of the deltas', () => {
    assert.equal(creditBalance([]), 0);
    assert.equal(creditBalance([{ delta: 10 }, { delta: -3 }, { delta: 2 }]), 9);
    assert.throws(() => creditBalance([{ delta: 1.5 }]), MoneyError);
  });

  test('canPayWithCredits', () => {
    assert.deepEqual(canPayWithCredits(10, 8), { ok: true, remaining: 2 });
    assert.deepEqual(canPayWithCredits(8, 8), { ok: true, remaining: 0 });
    assert.deepEqual(canPayWithCredits(7, 8), { ok: false, code: 'credits_insufficient', missing: 1 });
    assert.deepEqual(canPayWithCredits(-2, 1), { ok: false, code: 'credits_insufficient', missing: 3 });
    assert.deepEqual(canPayWithCredits(5, null), { ok: false, code: 'credits_not_accepted' });
    assert.deepEqual(canPayWithCredits(5, undefined), { ok: false, code: 'credits_not_accepted' });
    assert.deepEqual(canPayWithCredits(0, 0), { ok: true, remaining: 0 });
    assert.throws(() => canPayWithCredits(5, -1), MoneyError);
    assert.throws(() => canPayWithCredits(5, 1.5), MoneyError);
  });

  test('the debit entry for a booking', () => {
    assert.deepEqual(creditDebitEntry({ customerId: 'c1', credits: 8, bookingId: 'b1', orderId: 'o1' }), {
      customerId: 'c1',
      delta: -8,
      reason: 'booking_debit',
      bookingId: 'b1',
      orderId: 'o1',
    });
    assert.throws(() => creditDebitEntry({ customerId: 'c1', credits: 0, bookingId: 'b1' }), MoneyError);
    assert.throws(() => creditDebitEntry({ customerId: 'c1', credits: -1, bookingId: 'b1' }), MoneyError);
  });

  test('the refund entry gives credits back; nothing to give back → no entry', () => {
    assert.deepEqual(creditRefundEntry({ customerId: 'c1', credits: 5, bookingId: 'b1' }), {
      customerId: 'c1',
      delta: 5,
      reason: 'booking_refund',
      bookingId: 'b1',
    });
    assert.equal(creditRefundEntry({ customerId: 'c1', credits: 0, bookingId: 'b1' }), null);
    assert.throws(() => creditRefundEntry({ customerId: 'c1', credits: -5, bookingId: 'b1' }), MoneyError);
  });

  test('property: pay then refund returns the balance; paying never goes below zero when allowed', () => {
    const r = prng(5);
    for (let i = 0; i < CASES; i++) {
      const ledger = Array.from({ length: r.int(0, 8) }, () => ({ delta: r.int(1, 20) }));
      const balance = creditBalance(ledger);
      const price = r.int(1, 40);
      const check = canPayWithCredits(balance, price);
      if (!check.ok) {
        assert.ok(balance < price);
        continue;
      }
      const after = [...ledger, creditDebitEntry({ customerId: 'c', credits: price, bookingId: 'b' })];
      assert.equal(creditBalance(after), check.remaining);
      assert.ok(check.remaining >= 0);
      const back = creditRefundEntry({ customerId: 'c', credits: price, bookingId: 'b' });
      assert.equal(creditBalance([...after, back!]), balance);
    }
  });
});
