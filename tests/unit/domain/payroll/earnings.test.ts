import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  earningTargets, frozenRules, frozenShares, periodTotals, reconcile, ruleInForce, sessionNetRevenue, sessionPay, statementsOf, writtenOff,
  type PayBooking, type PayRule, type Recorded, type Target,
} from '../../../../server/modules/payroll/domain/index.ts';
import { addDays } from '../../../../shared/dates.ts';
import { prng } from '../../../support/random.ts';

const rule = (over: Partial<PayRule>): PayRule => ({
  id: 'r', staffId: 'mara', programId: null, kind: 'per_session', value: 5000, currency: 'CHF', minAmount: null, maxAmount: null, validFrom: '2026-01-01', createdAt: 0, ...over,
});
const settings = { noShowShareBp: 5000, lateCancelShareBp: 0 };
const netOfRefund = (g: number, net: number, gross: number) => (gross === 0 ? 0 : Math.round((g * net) / gross));

/** Writes what reconcile asks for, as the job does, and returns the new rows. */
function apply(targets: Target[], recorded: Recorded[]): Recorded[] {
  const { originals, adjustments } = reconcile(targets, recorded);
  let n = recorded.length;
  const added: Recorded[] = [
    ...originals.map((t) => ({ id: `e${n++}`, key: t.key, amount: t.amount, adjustsId: null, rule: t.rule })),
    ...adjustments.map((a) => ({ id: `e${n++}`, key: null, amount: a.amount, adjustsId: a.adjustsId, rule: recorded.find((r) => r.id === a.adjustsId)!.rule })),
  ];
  return [...recorded, ...added];
}

describe('pay rules', () => {
  test('the rule of the session\'s date; a program\'s own rule wins; the later entry of the same day wins', () => {
    const rules = [
      rule({ id: 'a', validFrom: '2026-01-01', value: 5000 }),
      rule({ id: 'b', validFrom: '2026-12-15', value: 6000 }),
      rule({ id: 'p', validFrom: '2026-06-01', programId: 'evolve', kind: 'percent', value: 4000 }),
      rule({ id: 'b2', validFrom: '2026-12-15', value: 6500, createdAt: 5 }),
    ];
    assert.equal(ruleInForce(rules, { staffId: 'mara', programId: 'reiki', on: '2026-12-14' })!.id, 'a');
    assert.equal(ruleInForce(rules, { staffId: 'mara', programId: 'reiki', on: '2026-12-15' })!.id, 'b2');
    assert.equal(ruleInForce(rules, { staffId: 'mara', programId: 'evolve', on: '2026-12-20' })!.id, 'p');
    assert.equal(ruleInForce(rules, { staffId: 'mara', programId: 'evolve', on: '2026-05-31' })!.id, 'a');
    assert.equal(ruleInForce(rules, { staffId: 'luca', programId: 'evolve', on: '2026-12-20' }), null);
    assert.equal(ruleInForce(rules, { staffId: 'mara', programId: 'reiki', on: '2025-12-31' }), null);
  });

  test('per session, percent of net revenue, bounds', () => {
    assert.equal(sessionPay(rule({}), 123_45), 5000);
    assert.equal(sessionPay(rule({ kind: 'percent', value: 4000 }), 18_501), 7400); // 7400.4
    assert.equal(sessionPay(rule({ kind: 'percent', value: 4000, minAmount: 8000 }), 18_501), 8000);
    assert.equal(sessionPay(rule({ kind: 'percent', value: 4000, maxAmount: 7000 }), 18_501), 7000);
    assert.equal(sessionPay(rule({ kind: 'flat', value: 20000 }), 18_501), 0);
  });
});

describe('a session\'s net revenue', () => {
  test('the order\'s net split evenly; a booking refund comes off undelivered sessions first', () => {
    const sessions = [1, 2, 3, 4].map((seq) => ({ id: `s${seq}`, seq, tier: seq <= 2 ? 'consumed' as const : 'undelivered' as const, refundedGross: 0 }));
    const base = { gross: 108_100, net: 100_000, sessionsCount: 4, sessions, refundedGross: 0 };
    assert.deepEqual([...sessionNetRevenue(base).values()], [25_000, 25_000, 25_000, 25_000]);
    // Half refunded: exactly the two undelivered sessions' value; the delivered keep theirs.
    assert.deepEqual([...sessionNetRevenue({ ...base, refundedGross: 54_050 }).values()], [25_000, 25_000, 0, 0]);
    // Everything refunded: the delivered sessions' revenue is gone too.
    assert.deepEqual([...sessionNetRevenue({ ...base, refundedGross: 108_100 }).values()], [0, 0, 0, 0]);
    // A refund tied to session 2 comes off session 2 only.
    const tied = sessions.map((s) => (s.seq === 2 ? { ...s, refundedGross: 13_512 } : s));
    // A no-show's refunded half (its fee was 50 %) comes off the no-show before any completed session.
    const withNoShow = sessions.map((s) => (s.seq === 2 ? { ...s, tier: 'kept' as const } : s));
    assert.deepEqual([...sessionNetRevenue({ ...base, sessions: withNoShow, refundedGross: 54_050 + 13_512 }).values()], [25_000, 12_500, 0, 0]);
    assert.deepEqual([...sessionNetRevenue({ ...base, sessions: tied, refundedGross: 13_512 }).values()], [25_000, 12_500, 25_000, 25_000]);
  });

  test('a credit note writes off only what it credits beyond the refund it documents', () => {
    assert.equal(writtenOff(43_500, 500), 43_000, 'a deposit plan cancelled: CHF 5 refunded, CHF 430 no longer claimed');
    assert.equal(writtenOff(14_500, 14_500), 0, 'a paid-in-full refund: the refund row already counts');
    assert.equal(writtenOff(21_750, 0), 21_750, 'nothing paid back: all of it unpaid and written off');
    assert.equal(writtenOff(1_000, 2_000), 0, 'never negative');
    assert.equal(writtenOff(1_000, null), 0, 'a note that does not say is taken as documenting a refund');
  });

  test('Σ delivered revenue = net − refunded net beyond the undelivered share, never negative (property)', () => {
    const r = prng(7);
    for (let i = 0; i < 3000; i++) {
      const count = r.int(1, 10);
      const rows = r.int(0, count);
      const net = r.int(0, 500_000);
      const gross = net + r.int(0, 50_000);
      const sessions = Array.from({ length: rows }, (_, k) => ({ id: `s${k}`, seq: k + 1, tier: r.pick(['undelivered', 'kept', 'consumed'] as const), refundedGross: 0 }));
      const refunded = r.int(0, gross);
      const rev = sessionNetRevenue({ gross, net, sessionsCount: count, sessions, refundedGross: refunded });
      for (const v of rev.values()) assert.ok(Number.isSafeInteger(v) && v >= 0);
      const total = [...rev.values()].reduce((a, b) => a + b, 0);
      assert.ok(total <= net, 'never more than the order\'s net');
      if (refunded === 0 && rows === count) assert.equal(total, net, 'without refunds the sessions share the whole net');
      if (refunded === gross) assert.equal(total, 0, 'all refunded: no revenue left');
      const delivered = (s: { tier: string }) => s.tier !== 'undelivered';
      const deliveredSum = sessions.filter(delivered).reduce((a, s) => a + rev.get(s.id)!, 0);
      const noRefund = sessionNetRevenue({ gross, net, sessionsCount: count, sessions, refundedGross: 0 });
      const deliveredBefore = sessions.filter(delivered).reduce((a, s) => a + noRefund.get(s.id)!, 0);
      assert.ok(deliveredSum <= deliveredBefore, 'a refund never raises what a delivered session brought');
      // A completed session loses revenue only once every other session's is gone.
      const consumedLost = sessions.some((s) => s.tier === 'consumed' && rev.get(s.id)! < noRefund.get(s.id)!);
      if (consumedLost) for (const s of sessions.filter((x) => x.tier !== 'consumed')) assert.equal(rev.get(s.id), 0, 'refunds reach completed sessions last');
      if (rows === count && refunded < gross) assert.ok(total >= net - netOfRefund(refunded, net, gross) - 1 && total <= net - netOfRefund(refunded, net, gross) + 1, 'Σ = net − refunded net');
    }
  });
});

describe('earnings', () => {
  const booking = (over: Partial<PayBooking> = {}): PayBooking => ({
    bookingId: 'b1', staffId: 'mara', programId: 'evolve', completed: false,
    sessions: [
      { id: 's1', seq: 1, outcome: 'completed', on: '2026-12-01', netRevenue: 25_000 },
      { id: 's2', seq: 2, outcome: 'no_show', on: '2026-12-08', netRevenue: 25_000 },
      { id: 's3', seq: 3, outcome: 'late_cancel', on: '2026-12-15', netRevenue: 25_000 },
      { id: 's4', seq: 4, outcome: 'none', on: '2026-12-22', netRevenue: 25_000 },
    ],
    ...over,
  });

  test('completed sessions earn in full, a no-show its share by the settings, a late cancellation with share 0 nothing', () => {
    const targets = earningTargets(booking(), [rule({ kind: 'percent', value: 4000 })], settings);
    assert.deepEqual(targets.map((t) => [t.key, t.amount]), [['session:s1', 10_000], ['session:s2', 5000]]);
    assert.equal(targets[0]!.inputs.net_revenue, 25_000);
    assert.equal(targets[0]!.rule.kind, 'percent');
  });

  test('a flat rule pays once per completed booking, on the date of its last delivered session', () => {
    const rules = [rule({ kind: 'flat', value: 30_000 })];
    assert.deepEqual(earningTargets(booking(), rules, settings), []);
    const done = earningTargets(booking({ completed: true }), rules, settings);
    assert.deepEqual(done.map((t) => [t.key, t.amount, t.on]), [['booking:b1', 30_000, '2026-12-08']]);
  });

  test('recomputing with the same facts writes nothing (idempotent)', () => {
    const rules = [rule({ kind: 'percent', value: 4000 })];
    const first = apply(earningTargets(booking(), rules, settings), []);
    const again = reconcile(earningTargets(booking(), rules, settings, frozenRules(first)), first);
    assert.deepEqual(again, { originals: [], adjustments: [] });
  });

  test('a rule change dated later leaves earlier earnings untouched (property)', () => {
    const r = prng(99);
    for (let i = 0; i < 1000; i++) {
      const sessions = Array.from({ length: r.int(1, 8) }, (_, k) => ({
        id: `s${k}`, seq: k + 1, outcome: r.pick(['completed', 'completed', 'no_show', 'late_cancel', 'none'] as const), on: addDays('2026-11-01', k * 7), netRevenue: r.int(0, 40_000),
      }));
      const b = booking({ sessions });
      const old = rule({ id: 'old', kind: r.pick(['percent', 'per_session'] as const), value: r.int(0, 10_000), validFrom: '2026-01-01' });
      const recorded = apply(earningTargets(b, [old], settings), []);
      const changeOn = addDays('2026-11-01', r.int(0, 70));
      const newer = rule({ id: 'new', kind: r.pick(['percent', 'per_session', 'flat'] as const), value: r.int(0, 10_000), validFrom: changeOn, minAmount: r.next() < 0.3 ? 100 : null });
      const after = apply(earningTargets(b, [old, newer], settings, frozenRules(recorded)), recorded);
      for (const row of recorded) assert.deepEqual(after.find((x) => x.id === row.id), row, 'an earlier row is never changed');
      assert.equal(after.filter((x) => x.adjustsId).length, 0, 'a new rule adjusts nothing already earned');
    }
  });

  test('a refund after close adds exactly one adjustment of the right sign and size (property)', () => {
    const r = prng(2026);
    for (let i = 0; i < 1000; i++) {
      const before = r.int(1, 50_000);
      const refundedTo = r.int(0, before);
      const rules = [rule({ kind: 'percent', value: r.int(1, 10_000) })];
      const one = (net: number) => booking({ sessions: [{ id: 's1', seq: 1, outcome: 'completed', on: '2026-12-01', netRevenue: net }] });
      const recorded = apply(earningTargets(one(before), rules, settings), []);
      const paidAmount = recorded.reduce((a, x) => a + x.amount, 0);
      const { originals, adjustments } = reconcile(earningTargets(one(refundedTo), rules, settings, frozenRules(recorded)), recorded);
      const expected = sessionPay(rules[0]!, refundedTo) - paidAmount;
      assert.equal(originals.length, 0);
      if (expected === 0) assert.equal(adjustments.length, 0);
      else {
        assert.equal(adjustments.length, 1);
        assert.equal(adjustments[0]!.amount, expected);
        assert.ok(adjustments[0]!.amount < 0, 'a refund lowers pay');
        assert.equal(adjustments[0]!.adjustsId, recorded[0]!.id);
      }
      // And once written, nothing more.
      const written = apply(earningTargets(one(refundedTo), rules, settings, frozenRules(recorded)), recorded);
      assert.deepEqual(reconcile(earningTargets(one(refundedTo), rules, settings, frozenRules(written)), written), { originals: [], adjustments: [] });
    }
  });

  test('a later change of the no-show share leaves a computed no-show as it was; a refund is adjusted with the share it was computed with', () => {
    const rules = [rule({ kind: 'percent', value: 4000 })];
    const written = apply(earningTargets(booking(), rules, settings), []);
    const recorded = written.map((r) => (r.key === 'session:s2' ? { ...r, outcome: 'no_show' as const, shareBp: 5000 } : r));
    const outcomes = new Map(booking().sessions.map((s) => [`session:${s.id}`, s.outcome]));
    const changed = { noShowShareBp: 10_000, lateCancelShareBp: 0 };
    assert.deepEqual(reconcile(earningTargets(booking(), rules, changed, frozenRules(recorded), frozenShares(recorded, outcomes)), recorded), { originals: [], adjustments: [] });
    const halfRefunded = booking({ sessions: booking().sessions.map((s) => (s.id === 's2' ? { ...s, netRevenue: 12_500 } : s)) });
    const { adjustments } = reconcile(earningTargets(halfRefunded, rules, changed, frozenRules(recorded), frozenShares(recorded, outcomes)), recorded);
    assert.deepEqual(adjustments.map((a) => [a.key, a.amount]), [['session:s2', -2500]]);
    // Without the frozen share, the new setting would have crept in.
    const { adjustments: crept } = reconcile(earningTargets(booking(), rules, changed, frozenRules(recorded)), recorded);
    assert.deepEqual(crept.map((a) => [a.key, a.amount]), [['session:s2', 5000]]);
  });

  test('a session that no longer earns is adjusted to zero', () => {
    const rules = [rule({ kind: 'percent', value: 4000 })];
    const recorded = apply(earningTargets(booking(), rules, settings), []);
    const refunded = booking({ sessions: booking().sessions.map((s) => ({ ...s, netRevenue: s.id === 's2' ? 0 : s.netRevenue })) });
    const { adjustments } = reconcile(earningTargets(refunded, rules, settings, frozenRules(recorded)), recorded);
    assert.deepEqual(adjustments.map((a) => [a.key, a.amount]), [['session:s2', -5000]]);
  });

  test('Σ of a period = Σ of its rows, per instructor and in the statements (property)', () => {
    const r = prng(5);
    for (let i = 0; i < 500; i++) {
      const lines = Array.from({ length: r.int(0, 60) }, (_, k) => ({
        id: `e${k}`, staffId: r.pick(['a', 'b', 'c']), kind: r.pick(['session', 'booking', 'adjustment'] as const), amount: r.int(-20_000, 50_000), currency: r.pick(['CHF', 'CHF', 'EUR']),
      }));
      const totals = periodTotals(lines);
      for (const cur of ['CHF', 'EUR']) {
        assert.equal(totals.filter((t) => t.currency === cur).reduce((a, t) => a + t.amount, 0), lines.filter((l) => l.currency === cur).reduce((a, l) => a + l.amount, 0));
      }
      const statements = statementsOf(lines);
      assert.equal(statements.reduce((a, s) => a + s.sessions.length + s.bookings.length + s.adjustments.length, 0), lines.length);
      for (const s of statements) {
        for (const t of s.totals) assert.equal(t.amount, lines.filter((l) => l.staffId === s.staffId && l.currency === t.currency).reduce((a, l) => a + l.amount, 0));
      }
    }
  });
});
