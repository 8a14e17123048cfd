import type { Database } from '../../platform/db/database.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import type { AppConfig } from '../../deps.ts';
import { sendNudge, type NudgeJob } from './nudges.mutations.ts';
import { NUDGE_QUEUE } from './nudge-queue.ts';

/**
 * A reminder or nudge due now: one short transaction as the server that queues its mail (or
 * nothing, when what it is about no longer holds). A failure is retried by the queue and stays
 * visible there as failed after the last attempt; the mail itself is the outbox's.
 */
export function nudgeJob(env: { db: Database; now: () => Date; config: AppConfig }): JobDefinition<NudgeJob> {
  return {
    name: NUDGE_QUEUE,
    // Many small jobs due together (reminders): a worker takes several per fetch.
    batchSize: 20,
    handle: async (job) => {
      await withSystem(env.db, job.orgId, `notifications: ${job.kind.replace('_', ' ')}`, (tx) => sendNudge(tx, { now: env.now(), config: env.config }, job));
    },
  };
}
