/** The jobs that start runs and sweep a studio's schedule, each in one short transaction as the server. */
import type { Database } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import { RUN_QUEUE, SWEEP_QUEUE, startRun } from './runs.mutations.ts';
import { sweepOrg } from './sweep.mutations.ts';

export function automationRunJob(env: { db: Database; now: () => Date }): JobDefinition<{ orgId: string; runId: string }> {
  return {
    name: RUN_QUEUE,
    batchSize: 10,
    handle: async ({ orgId, runId }) => { await withSystem(env.db, orgId, 'automations: start a due run', (tx) => startRun(tx, env.now(), orgId, runId)); },
  };
}

export function automationSweepJob(env: { db: Database; now: () => Date }): JobDefinition<{ orgId: string }> {
  return {
    name: SWEEP_QUEUE,
    handle: async ({ orgId }) => { await withSystem(env.db, orgId, 'automations: session times and segment entries since the last sweep', (tx) => sweepOrg(tx, env.now(), orgId)); },
  };
}
