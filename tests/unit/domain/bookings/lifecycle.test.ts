import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dueTransitions, lifecyclePolicy, staffSessionStatus, wakeUps, type LifecycleSession } from '../../../../server/modules/bookings/domain/lifecycle.ts';

const H = 3_600_000;
const D = 24 * H;
const t0 = Date.UTC(2026, 11, 1, 8);
const session = (id: string, startsAt: number | null, status: LifecycleSession['status'] = 'scheduled'): LifecycleSession =>
  ({ id, startsAt, endsAt: startsAt === null ? null : startsAt + H, status });
const pack = [session('s1', t0), session('s2', t0 + 7 * D), session('s3', null)];
const policy = lifecyclePolicy({ valid_days: 30 }, pack, 24);

describe('booking lifecycle (pure)', () => {
  test('the policy: grace from the program or the default, validity from the first session', () => {
    assert.deepEqual(policy, { graceMs: 24 * H, validUntil: t0 + 30 * D });
    assert.deepEqual(lifecyclePolicy({ attendance_grace_hours: 2 }, pack, 24), { graceMs: 2 * H, validUntil: null });
    assert.equal(lifecyclePolicy({ attendance_grace_hours: 0 }, pack, 24).graceMs, 0);
  });

  test('nothing is due before the first start, nor for a booking that is not live', () => {
    assert.deepEqual(dueTransitions('confirmed', pack, policy, t0 - 1), { start: null, completeSessions: [], lapseSessions: [], completeBooking: false });
    for (const status of ['reserved', 'cancelled', 'completed'] as const) {
      assert.deepEqual(dueTransitions(status, pack, policy, t0 + 100 * D), { start: null, completeSessions: [], lapseSessions: [], completeBooking: false });
    }
  });

  test('in progress at the first start; a session completes only once its grace period is over', () => {
    assert.equal(dueTransitions('confirmed', pack, policy, t0).start, 's1');
    assert.equal(dueTransitions('in_progress', pack, policy, t0).start, null);
    assert.deepEqual(dueTransitions('in_progress', pack, policy, t0 + H + 24 * H - 1).completeSessions, []);
    assert.deepEqual(dueTransitions('in_progress', pack, policy, t0 + H + 24 * H).completeSessions, ['s1']);
  });

  test('a no-show is never completed; the booking completes when nothing remains scheduled or to schedule', () => {
    const done = [session('s1', t0, 'completed'), session('s2', t0 + 7 * D, 'no_show')];
    assert.deepEqual(dueTransitions('in_progress', done, policy, t0 + 8 * D), { start: null, completeSessions: [], lapseSessions: [], completeBooking: true });
    assert.equal(dueTransitions('in_progress', pack, policy, t0 + 9 * D).completeBooking, false, 's3 is still to schedule');
  });

  test('unscheduled sessions lapse at the validity\'s end, which completes the booking when the rest is done', () => {
    const at = t0 + 30 * D;
    assert.deepEqual(dueTransitions('in_progress', pack, policy, at - 1).lapseSessions, []);
    assert.deepEqual(dueTransitions('in_progress', pack, policy, at), { start: null, completeSessions: ['s1', 's2'], lapseSessions: ['s3'], completeBooking: true });
  });

  test('applying what is due leaves nothing due at the same instant', () => {
    const at = t0 + 30 * D;
    const applied = pack.map((s) => ({ ...s, status: s.startsAt === null ? 'cancelled' as const : 'completed' as const }));
    assert.deepEqual(dueTransitions('completed', applied, policy, at), { start: null, completeSessions: [], lapseSessions: [], completeBooking: false });
  });

  test('wake-ups: each scheduled session\'s start and end + grace, and the validity while sessions are unscheduled', () => {
    assert.deepEqual(wakeUps(pack, policy), [t0, t0 + 7 * D, t0 + 25 * H, t0 + 7 * D + 25 * H, t0 + 30 * D].sort((a, b) => a - b));
    assert.deepEqual(wakeUps([session('s1', t0, 'no_show')], policy), []);
  });

  test('staff see awaiting_attendance between the end and the end of the grace period', () => {
    const s = session('s1', t0);
    assert.equal(staffSessionStatus(s, 24 * H, t0 + 30 * 60_000), 'scheduled');
    assert.equal(staffSessionStatus(s, 24 * H, t0 + H), 'awaiting_attendance');
    assert.equal(staffSessionStatus(s, 24 * H, t0 + 25 * H), 'scheduled', 'the job completes it then');
    assert.equal(staffSessionStatus({ ...s, status: 'no_show' }, 24 * H, t0 + 2 * H), 'no_show');
  });
});
