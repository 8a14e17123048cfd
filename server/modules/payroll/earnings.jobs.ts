import type { Database } from '../../platform/db/database.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import { computeBookingEarnings, type EarningsWritten } from './earnings.mutations.ts';

/** The queue whose job (re)computes one booking's earnings (`{ orgId, bookingId, cause }`), added by subscribers.ts. */
export const EARNINGS_QUEUE = 'payroll.earnings';

export type EarningsJobData = { orgId: string; bookingId: string; cause: string };

export function earningsJob(env: { db: Database; now: () => Date }): JobDefinition<EarningsJobData> {
  return { name: EARNINGS_QUEUE, handle: async (data) => { await computeEarningsNow(env.db, data, env.now()); } };
}

/** One short transaction as the server (its row lock on the booking makes concurrent runs take turns). */
export function computeEarningsNow(db: Database, { orgId, bookingId, cause }: EarningsJobData, now: Date): Promise<EarningsWritten> {
  return withSystem(db, orgId, 'payroll: compute a booking\'s earnings', (tx) => computeBookingEarnings(tx, orgId, bookingId, now, cause));
}
