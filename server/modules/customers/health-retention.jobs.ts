import type { Database } from '../../platform/db/database.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import type { AppConfig } from '../../deps.ts';
import { eraseHealthAnswers, HEALTH_RETENTION_QUEUE, type HealthRetentionJob } from './health-retention.mutations.ts';

/** Deletes one completed booking's health answers once the studio's retention has passed (health-retention.mutations.ts). */
export function healthRetentionJob(env: { db: Database; now: () => Date; config: AppConfig }): JobDefinition<HealthRetentionJob> {
  return {
    name: HEALTH_RETENTION_QUEUE,
    handle: async (job) => {
      await withSystem(env.db, job.orgId, 'customers: delete a completed booking\'s health answers after the studio\'s retention', (tx) => eraseHealthAnswers(tx, { now: env.now(), config: env.config }, job));
    },
  };
}
