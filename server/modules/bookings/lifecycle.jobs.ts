import type { Database } from '../../platform/db/database.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import type { AppConfig } from '../../deps.ts';
import { advanceBooking, LIFECYCLE_QUEUE, type Transition } from './lifecycle.mutations.ts';

/** Applies one booking's transitions due now; enqueued at its sessions' starts and ends + grace (lifecycle.mutations.ts). */
export function lifecycleJob(env: { db: Database; now: () => Date; config: AppConfig }): JobDefinition<{ orgId: string; bookingId: string }> {
  return { name: LIFECYCLE_QUEUE, handle: async ({ orgId, bookingId }) => { await advanceBookingNow(env.db, orgId, bookingId, { now: env.now(), config: env.config }); } };
}

/** One short transaction as the server: safe to run concurrently with itself and with staff actions (the booking's row lock). */
export function advanceBookingNow(db: Database, orgId: string, bookingId: string, ctx: { now: Date; config: AppConfig }): Promise<Transition[]> {
  return withSystem(db, orgId, 'booking lifecycle: apply the transitions due now', (tx) => advanceBooking(tx, orgId, bookingId, ctx));
}
