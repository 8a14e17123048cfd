import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MoneyError, refundForCancellation, refundForStaffCancellation,
  type CancellationPolicy, type RefundResult, type RefundSession, type SessionStatus,
} from '../../../../server/modules/billing/domain/index.ts';
import { CASES, chf, eur, prng } from './_helpers.ts';

const H = 3_600_000;
const DAY = 24 * H;
const NOW = Date.UTC(2025, 5, 1, 10, 0); // cancellation instant
const policy: CancellationPolicy = { freeCancelHours: 24, lateCancelFeeBp: 5000, noShowFeeBp: 10000, refundUnusedSessions: true };

/** 8 weekly sessions; the statuses of the first ones given, the rest scheduled, starting `firstOffset` from NOW. */
function pack(statuses: SessionStatus[], firstOffset: number, n = 8): RefundSession[] {
  return Array.from({ length: n }, (_, i) => ({ startsAt: NOW + firstOffset + i * 7 * DAY, status: statuses[i] ?? 'scheduled' }));
}
const num = (r: RefundResult, k: 'refund' | 'retained' | 'entitledRefund' | 'feesTotal' | 'consumedTotal' | 'balanceDue'): number => {
  const v = r[k];
  return typeof v === 'number' ? v : v.amount;
};
const outcomes = (r: RefundResult): string[] => r.sessions.map((s) => s.outcome);

describe('refundForCancellation (customer)', () => {
  test('early cancellation: everything back', () => {
    const r = refundForCancellation({ method: 'money', paid: chf(80000), total: chf(80000), sessions: pack([], 3 * DAY), policy, cancelledAt: NOW });
    assert.equal(r.method, 'money');
    assert.deepEqual(r.refund, chf(80000));
    assert.deepEqual(r.retained, chf(0));
    assert.deepEqual(outcomes(r), new Array(8).fill('cancelled_in_time'));
  });

  test('completed, no-show, late and early sessions: per-session reasons and fees', () => {
    // Sessions 1–2 completed, 3 a no-show, 4 starts in 5 hours (late), 5–8 in time.
    const sessions = pack(['completed', 'completed', 'no_show'], -3 * 7 * DAY + 5 * H);
    const r = refundForCancellation({ method: 'money', paid: chf(80000), total: chf(80000), sessions, policy, cancelledAt: NOW });
    assert.deepEqual(outcomes(r), ['completed', 'completed', 'no_show', 'late_cancellation', 'cancelled_in_time', 'cancelled_in_time', 'cancelled_in_time', 'cancelled_in_time']);
    assert.ok(r.method === 'money');
    assert.deepEqual(r.sessions.map((s) => [s.value.amount, s.refund.amount, s.fee.amount, s.consumed.amount]), [
      [10000, 0, 0, 10000],
      [10000, 0, 0, 10000],
      [10000, 0, 10000, 0],
      [10000, 5000, 5000, 0],
      [10000, 10000, 0, 0],
      [10000, 10000, 0, 0],
      [10000, 10000, 0, 0],
      [10000, 10000, 0, 0],
    ]);
    assert.deepEqual(r.sessions[3]?.feeBp, 5000);
    assert.deepEqual(r.refund, chf(45000));
    assert.deepEqual(r.retained, chf(35000));
    assert.deepEqual(r.feesTotal, chf(15000));
    assert.deepEqual(r.consumedTotal, chf(20000));
    assert.deepEqual(r.balanceDue, chf(0));
  });

  test('deposit-only booking: never more than was paid, never negative', () => {
    const sessions = pack(['completed', 'completed', 'no_show'], -3 * 7 * DAY + 5 * H);
    const r = refundForCancellation({ method: 'money', paid: chf(24000), total: chf(80000), sessions, policy, cancelledAt: NOW });
    // Owed 350.00 (2 consumed, a no-show, half a late session) > paid 240.00.
    assert.deepEqual(r.refund, chf(0));
    assert.deepEqual(r.retained, chf(24000));
    assert.deepEqual(r.entitledRefund, chf(45000));
    assert.deepEqual(r.balanceDue, chf(11000));

    const early = refundForCancellation({ method: 'money', paid: chf(24000), total: chf(80000), sessions: pack([], 3 * DAY), policy, cancelledAt: NOW });
    assert.deepEqual(early.refund, chf(24000));

    const oneDone = refundForCancellation({ method: 'money', paid: chf(24000), total: chf(80000), sessions: pack(['completed'], -7 * DAY + 3 * DAY), policy, cancelledAt: NOW });
    assert.deepEqual(oneDone.refund, chf(14000)); // paid 240 − owed 100
    assert.deepEqual(oneDone.retained, chf(10000));
  });

  test('the free window boundary: exactly freeCancelHours ahead is in time, a millisecond less is late', () => {
    const one = (startsAt: number) => refundForCancellation({ method: 'money', paid: chf(12000), total: chf(12000), sessions: [{ startsAt, status: 'scheduled' }], policy, cancelledAt: NOW });
    assert.deepEqual(one(NOW + 24 * H).refund, chf(12000));
    assert.deepEqual(one(NOW + 24 * H - 1).refund, chf(6000));
    assert.equal(outcomes(one(NOW + 24 * H - 1))[0], 'late_cancellation');
  });

  test('48-hour window and ISO instants', () => {
    const r = refundForCancellation({
      method: 'money',
      paid: chf(12000),
      total: chf(12000),
      sessions: [{ startsAt: '2025-06-03T09:00:00+02:00', status: 'scheduled' }],
      policy: { ...policy, freeCancelHours: 48 },
      cancelledAt: '2025-06-01T10:00:00+02:00', // 47 hours ahead
    });
    assert.deepEqual(r.refund, chf(6000));
  });

  test('a session that has already started counts as a no-show', () => {
    const r = refundForCancellation({ method: 'money', paid: chf(12000), total: chf(12000), sessions: [{ startsAt: NOW - H, status: 'scheduled' }], policy: { ...policy, noShowFeeBp: 8000 }, cancelledAt: NOW });
    assert.equal(outcomes(r)[0], 'started_before_cancellation');
    assert.deepEqual(r.refund, chf(2400));
    const atStart = refundForCancellation({ method: 'money', paid: chf(12000), total: chf(12000), sessions: [{ startsAt: NOW, status: 'scheduled' }], policy, cancelledAt: NOW });
    assert.equal(outcomes(atStart)[0], 'started_before_cancellation');
  });

  test('fees default to 100 % when the policy names none', () => {
    const bare: CancellationPolicy = { freeCancelHours: 24, refundUnusedSessions: true };
    const late = refundForCancellation({ method: 'money', paid: chf(12000), total: chf(12000), sessions: [{ startsAt: NOW + H, status: 'scheduled' }], policy: bare, cancelledAt: NOW });
    assert.deepEqual(late.refund, chf(0));
    const noShow = refundForCancellation({ method: 'money', paid: chf(12000), total: chf(12000), sessions: [{ startsAt: NOW - DAY, status: 'no_show' }], policy: bare, cancelledAt: NOW });
    assert.deepEqual(noShow.refund, chf(0));
  });

  test('sessions cancelled earlier: by the studio or in time → refunded; late by the customer → fee', () => {
    const sessions: RefundSession[] = [
      { startsAt: NOW - 10 * DAY, status: 'cancelled', cancelledBy: 'staff', cancelledAt: NOW - 10 * DAY - H },
      { startsAt: NOW - 3 * DAY, status: 'cancelled', cancelledAt: NOW - 5 * DAY },
      { startsAt: NOW - 2 * DAY, status: 'cancelled', cancelledAt: NOW - 2 * DAY - 2 * H },
      { startsAt: NOW - DAY, status: 'cancelled' },
    ];
    const r = refundForCancellation({ method: 'money', paid: chf(40000), total: chf(40000), sessions, policy, cancelledAt: NOW });
    assert.deepEqual(outcomes(r), ['cancelled_by_studio', 'cancelled_earlier', 'late_cancellation', 'cancelled_earlier']);
    assert.deepEqual(r.refund, chf(35000));
  });

  test('sessions not scheduled yet are refunded', () => {
    const r = refundForCancellation({
      method: 'money', paid: chf(80000), total: chf(80000), sessionsCount: 8,
      sessions: [{ startsAt: NOW - DAY, status: 'completed' }, { startsAt: NOW + 2 * H, status: 'scheduled' }],
      policy, cancelledAt: NOW,
    });
    assert.deepEqual(outcomes(r).slice(2), new Array(6).fill('not_scheduled'));
    assert.deepEqual(r.sessions.slice(2).map((s) => s.index), new Array(6).fill(null));
    assert.deepEqual(r.refund, chf(80000 - 10000 - 5000));
    const none = refundForCancellation({ method: 'money', paid: chf(12000), total: chf(12000), sessionsCount: 1, sessions: [], policy, cancelledAt: NOW });
    assert.deepEqual(none.refund, chf(12000));
  });

  test('non-refundable pack: nothing back, except what the studio cancelled', () => {
    const nr: CancellationPolicy = { ...policy, refundUnusedSessions: false };
    const sessions: RefundSession[] = [
      { startsAt: NOW - 7 * DAY, status: 'completed' },
      { startsAt: NOW - 3 * DAY, status: 'cancelled', cancelledBy: 'staff' },
      { startsAt: NOW + 7 * DAY, status: 'scheduled' },
    ];
    const r = refundForCancellation({ method: 'money', paid: chf(30000), total: chf(30000), sessionsCount: 4, sessions, policy: nr, cancelledAt: NOW });
    assert.deepEqual(outcomes(r), ['completed', 'cancelled_by_studio', 'non_refundable', 'non_refundable']);
    assert.deepEqual(r.refund, chf(7500));
  });

  test('uneven values: exact allocation, first sessions carry the extra Rappen', () => {
    const r = refundForCancellation({ method: 'money', paid: chf(100001), total: chf(100001), sessions: pack(['completed'], -DAY, 3), policy, cancelledAt: NOW });
    assert.ok(r.method === 'money');
    assert.deepEqual(r.sessions.map((s) => s.value.amount), [33334, 33334, 33333]);
    assert.deepEqual(r.refund, chf(66667));
  });

  test('late fee rounding: half a Rappen rounds up in favour of the fee', () => {
    const r = refundForCancellation({ method: 'money', paid: chf(333), total: chf(333), sessions: [{ startsAt: NOW + H, status: 'scheduled' }], policy, cancelledAt: NOW });
    assert.deepEqual(r.feesTotal, chf(167)); // 166.5 → 167
    assert.deepEqual(r.refund, chf(166));
  });

  test('overpaid booking: the surplus comes back too', () => {
    const r = refundForCancellation({ method: 'money', paid: chf(13000), total: chf(12000), sessions: [{ startsAt: NOW - DAY, status: 'completed' }], policy, cancelledAt: NOW });
    assert.deepEqual(r.refund, chf(1000));
  });

  test('credits method: credits back to the ledger, whole credits only', () => {
    const sessions = pack(['completed', 'completed'], -2 * 7 * DAY + 5 * H);
    const r = refundForCancellation({ method: 'credits', paid: 8, total: 8, sessions, policy, cancelledAt: NOW });
    assert.equal(r.method, 'credits');
    assert.ok(r.method === 'credits');
    // 2 consumed, 1 late (50 % of 1 credit = 0.5 → a fee of 1 credit), 5 in time.
    assert.equal(r.refund, 5);
    assert.equal(r.retained, 3);
    assert.deepEqual(r.sessions.map((s) => s.value), [1, 1, 1, 1, 1, 1, 1, 1]);

    const ten = refundForCancellation({ method: 'credits', paid: 10, total: 10, sessions: pack([], 3 * DAY, 3), policy, cancelledAt: NOW });
    assert.equal(ten.refund, 10);
    assert.deepEqual(ten.sessions.map((s) => s.value), [4, 3, 3]);
  });

  test('programmer errors', () => {
    const base = { sessions: pack([], DAY), policy, cancelledAt: NOW };
    assert.throws(() => refundForCancellation({ ...base, method: 'money', paid: eur(1), total: chf(1) }), /currency mismatch/);
    assert.throws(() => refundForCancellation({ ...base, method: 'money', paid: chf(-1), total: chf(1) }), MoneyError);
    assert.throws(() => refundForCancellation({ ...base, method: 'money', paid: chf(1), total: chf(1), sessionsCount: 2 }), /smaller/);
    assert.throws(() => refundForCancellation({ ...base, sessions: [], method: 'money', paid: chf(1), total: chf(1) }), /at least one session/);
    assert.throws(() => refundForCancellation({ ...base, method: 'credits', paid: 1.5, total: 2 }), MoneyError);
    assert.throws(() => refundForCancellation({ ...base, policy: { ...policy, lateCancelFeeBp: 12000 }, method: 'money', paid: chf(1), total: chf(1) }), MoneyError);
    assert.throws(() => refundForCancellation({ ...base, cancelledAt: '2025-06-01', method: 'money', paid: chf(1), total: chf(1) }), /offset/);
    assert.throws(
      () => refundForCancellation({ ...base, sessions: [{ startsAt: NOW, status: 'bogus' as SessionStatus }], method: 'money', paid: chf(1), total: chf(1) }),
      /unknown session status/,
    );
  });
});

describe('refundForStaffCancellation', () => {
  test('everything not delivered comes back, no fees', () => {
    const sessions = pack(['completed', 'no_show', 'cancelled'], -3 * 7 * DAY + 2 * H);
    const r = refundForStaffCancellation({ method: 'money', paid: chf(80000), total: chf(80000), sessions, cancelledAt: NOW });
    assert.deepEqual(outcomes(r), ['completed', 'no_show', 'cancelled_by_studio', ...new Array(5).fill('cancelled_by_studio')]);
    assert.deepEqual(r.feesTotal, chf(0));
    assert.deepEqual(r.consumedTotal, chf(20000));
    assert.deepEqual(r.refund, chf(60000));
  });

  test('deposit-only and credits', () => {
    const sessions = pack(['completed'], -7 * DAY + H);
    const dep = refundForStaffCancellation({ method: 'money', paid: chf(24000), total: chf(80000), sessions, cancelledAt: NOW });
    assert.deepEqual(dep.refund, chf(14000));
    const cr = refundForStaffCancellation({ method: 'credits', paid: 8, total: 8, sessions, cancelledAt: NOW });
    assert.equal(cr.refund, 7);
  });
});

describe('refunds: properties (seeded)', () => {
  test('refund + retained === paid; 0 ≤ refund ≤ paid; Σ values === total; value = refund + fee + consumed', () => {
    const r = prng(31337);
    const statuses: SessionStatus[] = ['scheduled', 'completed', 'cancelled', 'no_show'];
    for (let i = 0; i < CASES; i++) {
      const n = r.int(1, 12);
      const sessions: RefundSession[] = Array.from({ length: r.int(0, n) }, () => {
        const status = r.pick(statuses);
        const startsAt = NOW + r.int(-30 * 24, 30 * 24) * H + r.int(-59, 59) * 60_000;
        return status === 'cancelled'
          ? { startsAt, status, cancelledAt: r.next() < 0.8 ? startsAt - r.int(0, 72) * H : undefined, cancelledBy: r.pick(['customer', 'staff', undefined] as const) }
          : { startsAt, status };
      });
      const credits = r.next() < 0.3;
      const total = credits ? r.int(0, 40) : r.pick([0, 1, r.int(0, 500), r.int(0, 2_000_000)]);
      const paid = r.next() < 0.5 ? total : r.int(0, total + 100);
      const pol: CancellationPolicy = {
        freeCancelHours: r.pick([0, 12, 24, 48]),
        lateCancelFeeBp: r.pick([undefined, 0, 2500, 5000, 10000, r.int(0, 10000)]),
        noShowFeeBp: r.pick([undefined, 0, 5000, 10000]),
        refundUnusedSessions: r.next() < 0.85,
      };
      const common = { sessions, sessionsCount: n, cancelledAt: NOW };
      const results: RefundResult[] = credits
        ? [refundForCancellation({ ...common, policy: pol, method: 'credits', paid, total }), refundForStaffCancellation({ ...common, method: 'credits', paid, total })]
        : [refundForCancellation({ ...common, policy: pol, method: 'money', paid: chf(paid), total: chf(total) }), refundForStaffCancellation({ ...common, method: 'money', paid: chf(paid), total: chf(total) })];
      for (const res of results) {
        const refund = num(res, 'refund');
        assert.equal(refund + num(res, 'retained'), paid, 'refund + retained === paid');
        assert.ok(refund >= 0 && refund <= paid, 'never negative, never more than paid');
        assert.ok(Number.isSafeInteger(refund));
        const v = (x: number | { amount: number }): number => (typeof x === 'number' ? x : x.amount);
        assert.equal(res.sessions.reduce((a, s) => a + v(s.value), 0), total, 'Σ values === total');
        for (const s of res.sessions) {
          assert.equal(v(s.value), v(s.refund) + v(s.fee) + v(s.consumed));
          assert.ok(v(s.refund) >= 0 && v(s.fee) >= 0 && v(s.consumed) >= 0);
        }
        assert.equal(num(res, 'entitledRefund') + num(res, 'feesTotal') + num(res, 'consumedTotal'), total);
        if (paid <= total) assert.ok(refund <= num(res, 'entitledRefund'));
        assert.ok(num(res, 'balanceDue') >= 0);
      }
      const [customer, staff] = results as [RefundResult, RefundResult];
      assert.equal(num(staff, 'feesTotal'), 0, 'the studio cancelling charges no fees');
      if ((pol.noShowFeeBp ?? 10000) === 10000) assert.ok(num(staff, 'refund') >= num(customer, 'refund'), 'the studio cancelling never refunds less');
    }
  });
});
