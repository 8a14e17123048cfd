import type { Database } from '../../platform/db/database.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import { HOLDS_QUEUE, releaseExpiredHolds, type Released } from './holds.mutations.ts';

/** Releases an org's expired holds; enqueued for each hold's expiry. */
export function holdsJob(env: { db: Database; now: () => Date }): JobDefinition<{ orgId: string }> {
  return { name: HOLDS_QUEUE, handle: async ({ orgId }) => { await sweepExpiredHolds(env.db, env.now(), orgId); } };
}

/**
 * Releases every expired hold of one org (its `holds.release` job, due when a hold runs out).
 * Safe to run concurrently with itself and with bookings: one short transaction.
 */
export async function sweepExpiredHolds(db: Database, now: Date, orgId: string): Promise<Released> {
  return withSystem(db, orgId, 'hold sweeper: release expired holds', (tx) => releaseExpiredHolds(tx, orgId, now.getTime()));
}
