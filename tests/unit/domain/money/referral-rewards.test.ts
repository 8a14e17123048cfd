import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mailboxOf, referralCodeFor, referralRewardDecision, referralRewardDueAt, validateReferral } from '../../../../server/modules/billing/domain/referrals.ts';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('referral rewards (pure)', () => {
  test('the mailbox: case and a +tag do not make another person', () => {
    assert.equal(mailboxOf(' Ana.Muster+yoga@Example.CH '), 'ana.muster@example.ch');
    assert.equal(mailboxOf('ana@example.ch'), 'ana@example.ch');
    assert.notEqual(mailboxOf('ana@example.ch'), mailboxOf('anna@example.ch'));
  });

  test('self-referral by the same mailbox under another customer is refused', () => {
    const code = { code: 'ANA-7Q2K', referrerCustomerId: 'c1', referrerEmail: 'ana@example.ch', refereeDiscount: { kind: 'percent' as const, percentBp: 1000 }, referrerReward: { kind: 'credits' as const, credits: 1 } };
    const lines = [{ description: 'Reiki', unitPrice: { amount: 14000, currency: 'CHF' as const }, quantity: 1, vatRateBp: 810 }];
    const base = { customerId: 'c2', priorOrders: 0, currency: 'CHF' as const, lines } as Parameters<typeof validateReferral>[1];
    assert.deepEqual(validateReferral(code, { ...base, customerEmail: 'ANA+2@example.ch' }), { ok: false, code: 'referral_self' });
    assert.equal(validateReferral(code, { ...base, customerEmail: 'ben@example.ch' }).ok, true);
  });

  test('due when the first scheduled session\'s free window has passed, never before payment', () => {
    const confirmed = at('2026-11-25T08:00:00Z');
    assert.equal(referralRewardDueAt([at('2026-12-09T09:00:00Z'), at('2026-12-02T09:00:00Z')], 24, confirmed), at('2026-12-01T09:00:00Z'));
    assert.equal(referralRewardDueAt([at('2026-11-25T20:00:00Z')], 48, confirmed), confirmed, 'booked inside the window: due at payment');
    assert.equal(referralRewardDueAt([null, null], 24, confirmed), confirmed, 'nothing scheduled yet: due at payment');
    assert.equal(referralRewardDueAt([at('2026-12-02T09:00:00Z'), null], 0, confirmed), at('2026-12-02T09:00:00Z'));
    assert.equal(referralRewardDueAt([at('2026-12-02T09:00:00Z')], 24, confirmed) + 24 * H, at('2026-12-02T09:00:00Z'));
  });

  test('granted only for a booking that stands and an order not refunded', () => {
    assert.deepEqual(referralRewardDecision({ status: 'confirmed' }, { status: 'paid' }), { grant: true });
    assert.deepEqual(referralRewardDecision({ status: 'completed' }, { status: 'paid' }), { grant: true });
    assert.deepEqual(referralRewardDecision({ status: 'cancelled' }, { status: 'paid' }), { grant: false, reason: 'booking_cancelled' });
    assert.deepEqual(referralRewardDecision({ status: 'confirmed' }, { status: 'refunded' }), { grant: false, reason: 'order_refunded' });
  });

  test('a code from the first name, plain capitals, and four unmistakable characters', () => {
    let i = 0;
    const seq = [0, 8, 31, 13];
    assert.equal(referralCodeFor('Léa-Sophie Bühler', () => seq[i++ % 4]!), 'LEASOPHI-AJ9P');
    assert.equal(referralCodeFor('   ', () => 0), 'FRIEND-AAAA');
  });
});
