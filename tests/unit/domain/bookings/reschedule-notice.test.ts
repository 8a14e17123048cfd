import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mayReschedule, rescheduleNoticeHours } from '../../../../server/modules/bookings/domain/reschedule-notice.ts';

const H = 3_600_000;
const start = Date.UTC(2026, 11, 21, 9);

describe('reschedule policy (pure)', () => {
  test('the notice is reschedule_notice_hours, else free_cancel_hours, else none', () => {
    assert.equal(rescheduleNoticeHours({ free_cancel_hours: 48, reschedule_notice_hours: 24 }), 24);
    assert.equal(rescheduleNoticeHours({ free_cancel_hours: 48 }), 48);
    assert.equal(rescheduleNoticeHours({}), 0);
    assert.equal(rescheduleNoticeHours({ reschedule_notice_hours: 0, free_cancel_hours: 48 }), 0, 'zero is a notice, not a missing one');
  });

  test('exactly at the deadline a move is allowed; a millisecond later it is not, with the deadline and hours', () => {
    const policy = { reschedule_notice_hours: 24 };
    assert.deepEqual(mayReschedule(start, 0, policy, start - 24 * H), { ok: true, deadline: start - 24 * H, left: null });
    assert.deepEqual(mayReschedule(start, 0, policy, start - 24 * H + 1), { ok: false, reason: 'window_closed', deadline: start - 24 * H, hours: 24 });
    assert.deepEqual(mayReschedule(start, 0, policy, start), { ok: false, reason: 'started', deadline: start - 24 * H, hours: 24 });
  });

  test('the limit counts the moves already made and comes before the notice', () => {
    const policy = { reschedule_notice_hours: 24, max_reschedules_per_session: 2 };
    assert.deepEqual(mayReschedule(start, 1, policy, start - 48 * H), { ok: true, deadline: start - 24 * H, left: 1 });
    assert.deepEqual(mayReschedule(start, 2, policy, start - 48 * H), { ok: false, reason: 'limit_reached', limit: 2, reschedules: 2 });
    assert.deepEqual(mayReschedule(start, 2, policy, start - H), { ok: false, reason: 'limit_reached', limit: 2, reschedules: 2 });
    assert.equal(mayReschedule(start, 0, { max_reschedules_per_session: 0 }, start - 48 * H).ok, false, 'zero: never movable by the customer');
  });
});
