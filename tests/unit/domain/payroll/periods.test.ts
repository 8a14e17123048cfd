import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { daysBetween, periodContaining, placeOn, type KnownPeriod } from '../../../../server/modules/payroll/domain/index.ts';
import { dateOfInstant } from '../../../../shared/zone.ts';
import { addDays } from '../../../../shared/dates.ts';
import { prng } from '../../../support/random.ts';

describe('payroll periods', () => {
  test('monthly, semi-monthly and biweekly periods', () => {
    assert.deepEqual(periodContaining('2026-02-14', { kind: 'monthly' }), { startsOn: '2026-02-01', endsOn: '2026-02-28' });
    assert.deepEqual(periodContaining('2028-02-29', { kind: 'monthly' }), { startsOn: '2028-02-01', endsOn: '2028-02-29' });
    assert.deepEqual(periodContaining('2026-02-15', { kind: 'semi_monthly' }), { startsOn: '2026-02-01', endsOn: '2026-02-15' });
    assert.deepEqual(periodContaining('2026-02-16', { kind: 'semi_monthly' }), { startsOn: '2026-02-16', endsOn: '2026-02-28' });
    assert.deepEqual(periodContaining('2026-12-31', { kind: 'biweekly', anchorOn: '2026-12-21' }), { startsOn: '2026-12-21', endsOn: '2027-01-03' });
    // Before the anchor too: periods run both ways.
    assert.deepEqual(periodContaining('2026-12-20', { kind: 'biweekly', anchorOn: '2026-12-21' }), { startsOn: '2026-12-07', endsOn: '2026-12-20' });
  });

  test('every date lies in exactly one period, and consecutive periods tile the calendar (property)', () => {
    const r = prng(16);
    for (const schedule of [{ kind: 'monthly' as const }, { kind: 'semi_monthly' as const }, { kind: 'biweekly' as const, anchorOn: '2025-03-24' }]) {
      let day = '2025-01-01';
      let current = periodContaining(day, schedule);
      for (let i = 0; i < 800; i++) {
        const p = periodContaining(day, schedule);
        assert.ok(p.startsOn <= day && day <= p.endsOn);
        if (p.startsOn !== current.startsOn) {
          assert.equal(p.startsOn, addDays(current.endsOn, 1), `${schedule.kind}: no gap and no overlap`);
          current = p;
        }
        if (schedule.kind === 'biweekly') assert.equal(daysBetween(p.startsOn, p.endsOn), 13);
        day = addDays(day, r.int(1, 3));
      }
    }
  });

  test('a session late on the evening of the last day of a month across DST stays in that month, by the studio\'s zone', () => {
    // 2026-03-31 23:30 in Zurich (summer time, UTC+2) is 21:30 UTC; 2026-10-31 23:30 (winter time, UTC+1) is 22:30 UTC.
    assert.equal(dateOfInstant('2026-03-31T21:30:00Z', 'Europe/Zurich'), '2026-03-31');
    assert.equal(dateOfInstant('2026-03-31T22:30:00Z', 'Europe/Zurich'), '2026-04-01');
    assert.equal(dateOfInstant('2026-10-31T22:30:00Z', 'Europe/Zurich'), '2026-10-31');
    assert.equal(dateOfInstant('2026-10-31T23:30:00Z', 'Europe/Zurich'), '2026-11-01');
  });

  test('placement: the open period holding the date; a closed one passes the row to the next open period; new periods never overlap', () => {
    const oct: KnownPeriod = { id: 'oct', startsOn: '2026-10-01', endsOn: '2026-10-31', status: 'closed' };
    const nov: KnownPeriod = { id: 'nov', startsOn: '2026-11-01', endsOn: '2026-11-30', status: 'open' };
    assert.deepEqual(placeOn('2026-11-03', [oct, nov], { kind: 'monthly' }), { period: nov });
    assert.deepEqual(placeOn('2026-10-20', [oct, nov], { kind: 'monthly' }), { period: nov });
    assert.deepEqual(placeOn('2026-10-20', [oct, { ...nov, status: 'paid' }], { kind: 'monthly' }), { create: { startsOn: '2026-12-01', endsOn: '2026-12-31' } });
    assert.deepEqual(placeOn('2027-01-05', [oct, nov], { kind: 'monthly' }), { create: { startsOn: '2027-01-01', endsOn: '2027-01-31' } });
    // The schedule changed to semi-monthly after a monthly November existed: the next period starts after it.
    const novMonthly: KnownPeriod = { id: 'n', startsOn: '2026-11-01', endsOn: '2026-11-30', status: 'closed' };
    assert.deepEqual(placeOn('2026-11-20', [novMonthly], { kind: 'semi_monthly' }), { create: { startsOn: '2026-12-01', endsOn: '2026-12-15' } });
    // Biweekly whose natural period would straddle an existing month: cut at its end.
    assert.deepEqual(placeOn('2026-12-02', [novMonthly], { kind: 'biweekly', anchorOn: '2026-11-23' }), { create: { startsOn: '2026-12-01', endsOn: '2026-12-06' } });
  });

  test('placement never lands in a closed period and created periods never overlap existing ones (property)', () => {
    const r = prng(1616);
    for (let i = 0; i < 500; i++) {
      const existing: KnownPeriod[] = [];
      let start = '2026-01-01';
      for (let k = 0; k < r.int(0, 6); k++) {
        const end = addDays(start, r.int(5, 40));
        existing.push({ id: `p${k}`, startsOn: start, endsOn: end, status: r.pick(['open', 'closed', 'paid'] as const) });
        start = addDays(end, r.int(1, 20));
      }
      const date = addDays('2026-01-01', r.int(0, 300));
      const schedule = r.pick([{ kind: 'monthly' as const }, { kind: 'semi_monthly' as const }, { kind: 'biweekly' as const, anchorOn: '2025-12-29' }]);
      const placed = placeOn(date, existing, schedule);
      if ('period' in placed) {
        assert.equal(placed.period.status, 'open');
        assert.ok(placed.period.endsOn >= date, 'never an earlier period');
      } else {
        assert.ok(placed.create.endsOn >= date && placed.create.startsOn <= placed.create.endsOn);
        for (const p of existing) assert.ok(placed.create.endsOn < p.startsOn || placed.create.startsOn > p.endsOn, `overlaps ${p.id}`);
      }
    }
  });
});
