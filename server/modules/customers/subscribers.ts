/** What the customers module does when a booking completes: its health answers get their erasure date (health-retention.mutations.ts). */
import { onEvent } from '../../platform/events/record.ts';
import { scheduleHealthErasure } from './health-retention.mutations.ts';

onEvent('booking.completed', (tx, e, ctx) => scheduleHealthErasure(tx, e.orgId, e.subjectId!, ctx.now));
