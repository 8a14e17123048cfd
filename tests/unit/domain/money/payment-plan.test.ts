import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import {
  buildPaymentPlan, depositFor, MoneyError, validatePayPlan, type PayPlan, type PaymentPlan,
} from '../../../../server/modules/billing/domain/index.ts';
import { CASES, chf, eur, prng } from './_helpers.ts';

const ZH = 'Europe/Zurich';
const DAY = 86_400_000;
const at = (iso: string): number => DateTime.fromISO(iso, { setZone: true }).toMillis();
const local = (ms: number, zone = ZH): string => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) as string;
const amounts = (p: PaymentPlan): number[] => p.installments.map((i) => i.amount.amount);
const planSum = (p: PaymentPlan): number => p.deposit.amount + amounts(p).reduce((a, b) => a + b, 0);

const every4: PayPlan = { deposit: { kind: 'fixed', amount: 30000 }, installments: 3, every: { weeks: 4 } };

describe('buildPaymentPlan: amounts', () => {
  test('fixed deposit, remainder split evenly, extra Rappen on the first installments', () => {
    const p = buildPaymentPlan(chf(100000), every4, { firstDueAt: '2025-06-02T10:00:00+02:00', zone: ZH });
    assert.deepEqual(p.deposit, chf(30000));
    assert.deepEqual(amounts(p), [23334, 23333, 23333]);
    assert.equal(planSum(p), 100000);
    assert.equal(p.reduced, undefined);
    assert.deepEqual(p.installments.map((i) => i.seq), [1, 2, 3]);
  });

  test('percent deposit, rounded half up', () => {
    const plan: PayPlan = { deposit: { kind: 'percent', bp: 3000 }, installments: 3, every: { weeks: 4 } };
    const p = buildPaymentPlan(chf(100001), plan, { firstDueAt: 0, zone: ZH });
    assert.deepEqual(p.deposit, chf(30000)); // 30000.3
    assert.deepEqual(amounts(p), [23334, 23334, 23333]);
    assert.equal(planSum(p), 100001);
    assert.deepEqual(depositFor(chf(5), { kind: 'percent', bp: 1000 }), chf(1)); // 0.5 → 1
    assert.deepEqual(depositFor(chf(4), { kind: 'percent', bp: 1000 }), chf(0));
  });

  test('the currency follows the total', () => {
    const p = buildPaymentPlan(eur(9000), every4, { firstDueAt: 0, zone: ZH });
    assert.deepEqual(p.deposit, eur(9000));
    assert.deepEqual(p.installments, []);
  });

  test('deposit ≥ total: capped at the total, no installments', () => {
    const p = buildPaymentPlan(chf(20000), every4, { firstDueAt: 0, zone: ZH });
    assert.deepEqual(p.deposit, chf(20000));
    assert.deepEqual(p.installments, []);
    const full = buildPaymentPlan(chf(20000), { ...every4, deposit: { kind: 'percent', bp: 10000 } }, { firstDueAt: 0, zone: ZH });
    assert.deepEqual(full.deposit, chf(20000));
    assert.deepEqual(full.installments, []);
  });

  test('zero deposit: everything in installments', () => {
    const p = buildPaymentPlan(chf(1000), { ...every4, deposit: { kind: 'percent', bp: 0 } }, { firstDueAt: 0, zone: ZH });
    assert.deepEqual(p.deposit, chf(0));
    assert.deepEqual(amounts(p), [334, 333, 333]);
  });

  test('tiny totals: fewer installments rather than zero ones', () => {
    const plan: PayPlan = { deposit: { kind: 'fixed', amount: 0 }, installments: 3, every: { weeks: 4 } };
    const two = buildPaymentPlan(chf(2), plan, { firstDueAt: 0, zone: ZH });
    assert.deepEqual(amounts(two), [1, 1]);
    assert.equal(two.reduced, 'small_amount');
    const zero = buildPaymentPlan(chf(0), plan, { firstDueAt: 0, zone: ZH });
    assert.deepEqual(zero.deposit, chf(0));
    assert.deepEqual(zero.installments, []);
    const oneLeft = buildPaymentPlan(chf(30001), every4, { firstDueAt: 0, zone: ZH });
    assert.deepEqual(amounts(oneLeft), [1]);
  });

  test('minInstallment: no installment smaller than asked, unless only one is left', () => {
    const plan: PayPlan = { deposit: { kind: 'fixed', amount: 0 }, installments: 3, every: { weeks: 4 } };
    const p = buildPaymentPlan(chf(2500), plan, { firstDueAt: 0, zone: ZH, minInstallment: 1000 });
    assert.deepEqual(amounts(p), [1250, 1250]);
    assert.equal(p.reduced, 'small_amount');
    const q = buildPaymentPlan(chf(500), plan, { firstDueAt: 0, zone: ZH, minInstallment: 1000 });
    assert.deepEqual(amounts(q), [500]);
  });
});

describe('buildPaymentPlan: due dates (interval)', () => {
  test('every N weeks at the same local time; the deposit at firstDueAt', () => {
    const first = '2025-06-02T10:00:00+02:00';
    const p = buildPaymentPlan(chf(100000), { ...every4, every: { weeks: 2 } }, { firstDueAt: first, zone: ZH });
    assert.equal(p.depositDueAt, at(first));
    assert.deepEqual(p.installments.map((i) => local(i.dueAt)), ['2025-06-16T10:00:00+02:00', '2025-06-30T10:00:00+02:00', '2025-07-14T10:00:00+02:00']);
    assert.deepEqual(p.installments.map((i) => i.dueDate), ['2025-06-16', '2025-06-30', '2025-07-14']);
  });

  test('DST spring forward (30 Mar 2025): still 10:00 local, one hour less elapsed', () => {
    const first = '2025-03-10T10:00:00+01:00';
    const p = buildPaymentPlan(chf(100000), every4, { firstDueAt: first, zone: ZH });
    assert.equal(local(p.installments[0]!.dueAt), '2025-04-07T10:00:00+02:00');
    assert.equal(p.installments[0]!.dueAt - at(first), 28 * DAY - 3_600_000);
  });

  test('DST fall back (26 Oct 2025): still 10:00 local, one hour more elapsed', () => {
    const first = '2025-10-06T10:00:00+02:00';
    const p = buildPaymentPlan(chf(100000), every4, { firstDueAt: first, zone: ZH });
    assert.equal(local(p.installments[0]!.dueAt), '2025-11-03T10:00:00+01:00');
    assert.equal(p.installments[0]!.dueAt - at(first), 28 * DAY + 3_600_000);
  });

  test('a local time that does not exist on the due date moves forward, without drifting later dates', () => {
    const first = '2025-03-02T02:30:00+01:00';
    const p = buildPaymentPlan(chf(100000), every4, { firstDueAt: first, zone: ZH });
    assert.deepEqual(p.installments.map((i) => local(i.dueAt)), ['2025-03-30T03:30:00+02:00', '2025-04-27T02:30:00+02:00', '2025-05-25T02:30:00+02:00']);
  });

  test('the zone decides the local date', () => {
    const first = '2025-06-02T23:30:00Z'; // 01:30 on 3 June in Zurich, 19:30 on 2 June in New York
    const zh = buildPaymentPlan(chf(100000), every4, { firstDueAt: first, zone: ZH });
    const ny = buildPaymentPlan(chf(100000), every4, { firstDueAt: first, zone: 'America/New_York' });
    assert.equal(zh.installments[0]!.dueDate, '2025-07-01');
    assert.equal(ny.installments[0]!.dueDate, '2025-06-30');
  });
});

describe('buildPaymentPlan: never past the last session (interval)', () => {
  // EVOLVE: 8 weekly sessions from 1 Dec 2026, the last on 19 Jan 2027; 3 installments every 4 weeks from 25 Nov.
  const first = '2026-11-25T09:00:00+01:00';
  const last = at('2027-01-19T09:00:00+01:00');

  test('installments after the last session\'s day are not made; the rest is spread over those left', () => {
    const p = buildPaymentPlan(chf(108000), every4, { firstDueAt: first, zone: ZH, lastSessionAt: last });
    assert.deepEqual(p.installments.map((i) => i.dueDate), ['2026-12-23']);
    assert.equal(p.deposit.amount + p.installments.reduce((s, i) => s + i.amount.amount, 0), 108000);
    assert.equal(p.reduced, 'past_last_session');
    assert.ok(p.installments.every((i) => i.dueAt <= last));
  });

  test('not even the first interval fits: one installment on the last session\'s day', () => {
    const soon = at('2026-12-09T18:00:00+01:00');
    const p = buildPaymentPlan(chf(108000), every4, { firstDueAt: first, zone: ZH, lastSessionAt: soon });
    assert.deepEqual(p.installments.map((i) => local(i.dueAt)), ['2026-12-09T00:00:00+01:00']);
    assert.equal(p.reduced, 'past_last_session');
  });

  test('a plan that ends before the last session is kept as it is', () => {
    const p = buildPaymentPlan(chf(108000), every4, { firstDueAt: first, zone: ZH, lastSessionAt: at('2027-03-01T09:00:00+01:00') });
    assert.equal(p.installments.length, 3);
    assert.equal(p.reduced, undefined);
  });
});

describe('buildPaymentPlan: due dates (session_dates)', () => {
  const plan: PayPlan = { deposit: { kind: 'percent', bp: 2500 }, installments: 3, schedule: 'session_dates' };
  const sessions = ['2025-03-18T18:00:00+01:00', '2025-03-25T18:00:00+01:00', '2025-04-01T18:00:00+02:00', '2025-04-08T00:30:00+02:00'].map(at);

  test('installments due at the start of the local day of sessions 2..n', () => {
    const p = buildPaymentPlan(chf(80000), plan, { firstDueAt: '2025-03-10T09:00:00+01:00', sessionStarts: [...sessions].reverse(), zone: ZH });
    assert.deepEqual(p.deposit, chf(20000));
    assert.deepEqual(amounts(p), [20000, 20000, 20000]);
    assert.deepEqual(p.installments.map((i) => local(i.dueAt)), ['2025-03-25T00:00:00+01:00', '2025-04-01T00:00:00+02:00', '2025-04-08T00:00:00+02:00']);
    assert.deepEqual(p.installments.map((i) => i.dueDate), ['2025-03-25', '2025-04-01', '2025-04-08']);
  });

  test('never before firstDueAt', () => {
    const p = buildPaymentPlan(chf(80000), plan, { firstDueAt: '2025-03-25T12:00:00+01:00', sessionStarts: sessions, zone: ZH });
    assert.equal(p.installments[0]!.dueAt, at('2025-03-25T12:00:00+01:00'));
  });

  test('fewer later sessions than installments: fewer installments', () => {
    const p = buildPaymentPlan(chf(80000), plan, { firstDueAt: 0, sessionStarts: sessions.slice(0, 3), zone: ZH });
    assert.deepEqual(amounts(p), [30000, 30000]);
    assert.equal(p.reduced, 'too_few_sessions');
  });

  test('no later session known: the rest is due with the deposit', () => {
    const first = at('2025-03-10T09:00:00+01:00');
    const p = buildPaymentPlan(chf(80000), plan, { firstDueAt: first, sessionStarts: sessions.slice(0, 1), zone: ZH });
    assert.deepEqual(p.installments.map((i) => [i.dueAt, i.amount.amount]), [[first, 60000]]);
    assert.equal(p.reduced, 'too_few_sessions');
  });

  test('sessionStarts are required', () => {
    assert.throws(() => buildPaymentPlan(chf(80000), plan, { firstDueAt: 0, zone: ZH }), MoneyError);
  });
});

describe('validatePayPlan and programmer errors', () => {
  test('valid plans have no issues', () => {
    assert.deepEqual(validatePayPlan(every4), []);
    assert.deepEqual(validatePayPlan({ deposit: { kind: 'percent', bp: 3000 }, installments: 7, schedule: 'session_dates' }), []);
  });

  test('invalid plans list their issues', () => {
    assert.equal(validatePayPlan({ deposit: { kind: 'percent', bp: 12000 }, installments: 0 }).length, 3); // bp, count, every
    assert.equal(validatePayPlan({ deposit: { kind: 'fixed', amount: 1.5 }, installments: 2, every: { weeks: 0 } }).length, 2);
  });

  test('buildPaymentPlan throws on invalid plans and inputs', () => {
    assert.throws(() => buildPaymentPlan(chf(100), { ...every4, every: undefined }, { firstDueAt: 0, zone: ZH }), /every.weeks/);
    assert.throws(() => buildPaymentPlan(chf(-100), every4, { firstDueAt: 0, zone: ZH }), MoneyError);
    assert.throws(() => buildPaymentPlan(chf(100.5), every4, { firstDueAt: 0, zone: ZH }), MoneyError);
    assert.throws(() => buildPaymentPlan(chf(100), every4, { firstDueAt: 0, zone: 'Mars/Olympus' }), /time zone/);
    assert.throws(() => buildPaymentPlan(chf(100), every4, { firstDueAt: '2025-06-02T10:00:00', zone: ZH }), /offset/);
  });
});

describe('buildPaymentPlan: properties (seeded)', () => {
  test('deposit + installments === total; no zero installment; deposit ≤ total; dates ordered', () => {
    const r = prng(99);
    const zones = [ZH, 'America/New_York', 'Australia/Sydney', 'UTC'];
    for (let i = 0; i < CASES; i++) {
      const total = r.pick([0, 1, 2, 3, r.int(0, 100), r.int(0, 10_000_000)]);
      const deposit = r.next() < 0.5 ? { kind: 'fixed' as const, amount: r.pick([0, r.int(0, 200_000)]) } : { kind: 'percent' as const, bp: r.int(0, 10000) };
      const bySessions = r.next() < 0.3;
      const plan: PayPlan = bySessions
        ? { deposit, installments: r.int(1, 12), schedule: 'session_dates' }
        : { deposit, installments: r.int(1, 24), every: { weeks: r.int(1, 8) } };
      const zone = r.pick(zones);
      const firstDueAt = Date.UTC(2025, 0, 1) + r.int(0, 365 * 2) * DAY + r.int(0, 24 * 60) * 60_000;
      const sessionStarts = bySessions ? Array.from({ length: r.int(1, 10) }, () => firstDueAt + r.int(0, 120) * DAY + r.int(0, 1440) * 60_000) : undefined;
      const minInstallment = r.next() < 0.2 ? r.int(1, 5000) : undefined;
      const p = buildPaymentPlan(chf(total), plan, { firstDueAt, sessionStarts, zone, minInstallment });

      assert.equal(planSum(p), total, `sum for ${total} ${JSON.stringify(plan)}`);
      assert.ok(p.deposit.amount >= 0 && p.deposit.amount <= total);
      assert.ok(p.installments.length <= plan.installments);
      for (const inst of p.installments) assert.ok(inst.amount.amount > 0 && Number.isSafeInteger(inst.amount.amount));
      const a = amounts(p);
      assert.ok(a.length === 0 || Math.max(...a) - Math.min(...a) <= 1, 'even split');
      if (a.length > 1 && minInstallment) assert.ok(Math.min(...a) >= minInstallment);
      let prev = p.depositDueAt;
      for (const inst of p.installments) {
        assert.ok(inst.dueAt >= prev, 'due dates never go backwards');
        prev = inst.dueAt;
      }
      if (!bySessions) {
        const start = DateTime.fromMillis(firstDueAt, { zone });
        p.installments.forEach((inst, k) => {
          const due = DateTime.fromMillis(inst.dueAt, { zone });
          const days = due.startOf('day').diff(start.startOf('day'), 'days').days;
          assert.equal(Math.round(days), (k + 1) * plan.every!.weeks * 7, 'same local date + weeks');
        });
      }
    }
  });
});
