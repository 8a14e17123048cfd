/**
 * What the bookings module does when something happens: a confirmed booking, and every session
 * moved later, gets its lifecycle jobs (in_progress at the first start, completed at each end +
 * grace, expiry at the validity's end), added in the same transaction.
 */
import { onEvent } from '../../platform/events/record.ts';
import { scheduleLifecycle } from './lifecycle.mutations.ts';

onEvent('booking.confirmed', (tx, e) => scheduleLifecycle(tx, e.orgId, e.subjectId!));

onEvent<{ session_id: string }>('session.rescheduled', (tx, e) => scheduleLifecycle(tx, e.orgId, e.subjectId!, { sessionIds: [e.payload.session_id] }));

onEvent<{ sessions: { session_id: string }[] }>('series.rescheduled', (tx, e) => scheduleLifecycle(tx, e.orgId, e.subjectId!, { sessionIds: e.payload.sessions.map((s) => s.session_id) }));
