/**
 * What payroll does when something happens to a booking: a session delivered (completed,
 * no-show, cancelled late), a booking completed or settled, money refunded (or a refund failed). Each adds the
 * booking's earnings job in the same transaction; the job computes after commit, so the
 * request or lifecycle step that recorded the event never waits for payroll.
 */
import { onEvent } from '../../platform/events/record.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { EARNINGS_QUEUE } from './earnings.jobs.ts';

const TRIGGERS = ['session.completed', 'session.no_show', 'session.cancelled', 'booking.completed', 'booking.settled', 'refund.created', 'refund.failed'];

for (const type of TRIGGERS) {
  onEvent(type, async (tx, e) => {
    if (!e.subjectId) return;
    await enqueue(tx, EARNINGS_QUEUE, { orgId: e.orgId, bookingId: e.subjectId, cause: type });
  });
}
