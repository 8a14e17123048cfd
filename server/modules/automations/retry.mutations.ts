/**
 * Staff retrying a failed run from the console: the action that failed after its last attempt, and
 * the ones skipped after it, are pending again with a fresh set of attempts (the back-off starts
 * over), the run is running again and the failed action is queued now. Actions done before it are
 * not done again. Only a failed run: any other is left as it is.
 */
import { and, eq, gt } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import * as t from '../../../schema/db/index.ts';
import { ACTION_QUEUE, type RunRow } from './runs.mutations.ts';

export type RetryOutcome = { ok: true } | { ok: false; reason: 'not_found' | 'not_failed' };

export async function retryFailedRun(tx: Tx, now: Date, orgId: string, automationId: string, runId: string): Promise<RetryOutcome> {
  const [run]: RunRow[] = await tx.select().from(t.automationRuns)
    .where(and(eq(t.automationRuns.orgId, orgId), eq(t.automationRuns.automationId, automationId), eq(t.automationRuns.id, runId))).for('update');
  if (!run) return { ok: false, reason: 'not_found' };
  if (run.status !== 'failed') return { ok: false, reason: 'not_failed' };
  const steps = t.automationRunActions;
  const [failed] = await tx.select({ position: steps.position }).from(steps)
    .where(and(eq(steps.orgId, orgId), eq(steps.runId, runId), eq(steps.status, 'failed'))).orderBy(steps.position).limit(1);
  if (!failed) return { ok: false, reason: 'not_failed' };
  // The failed action keeps its last error until it runs again; the ones skipped after it lose "an earlier action failed".
  await tx.update(steps).set({ status: 'pending', attempts: 0, nextAttemptAt: now, leaseUntil: null, finishedAt: null })
    .where(and(eq(steps.orgId, orgId), eq(steps.runId, runId), eq(steps.position, failed.position)));
  await tx.update(steps).set({ status: 'pending', attempts: 0, nextAttemptAt: null, lastError: null, finishedAt: null })
    .where(and(eq(steps.orgId, orgId), eq(steps.runId, runId), gt(steps.position, failed.position), eq(steps.status, 'skipped')));
  await tx.update(t.automationRuns).set({ status: 'running', finishedAt: null }).where(and(eq(t.automationRuns.orgId, orgId), eq(t.automationRuns.id, runId)));
  await enqueue(tx, ACTION_QUEUE, { orgId, runId, position: failed.position }, { startAfter: now });
  return { ok: true };
}
