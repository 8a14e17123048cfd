/**
 * One action of a run, as a job step (`automations.action`, keyed by run and position): the step
 * row is locked, so two workers never do it twice; an action that is a row is done in the same
 * transaction that records it; a webhook is called outside any transaction (the step leased
 * meanwhile; the receiver gets the step's id as `webhook-id` to drop a repeat). A failure is
 * recorded with its error and tried again with back-off (domain/engine.ts); after the last attempt
 * the step fails, the run's later steps are skipped and the run is failed, all visible in the log.
 * A mail waits for the end of the customer's quiet hours.
 */
import { and, count, eq, gt } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import { enqueue, type JobDefinition } from '../../platform/jobs/queue.ts';
import { postJson, type JsonPoster, type PostResult } from '../../platform/adapters/http/post-json.ts';
import type { AppConfig } from '../../deps.ts';
import * as t from '../../../schema/db/index.ts';
import { DELIVERY_TIMEOUT_MS, RESPONSE_BODY_LIMIT, delivered, signatures } from '../webhooks/index.ts';
import { mailSendAt, nextActionAttempt } from './domain/index.ts';
import { PermanentActionError, performRowAction, recipientOf, type ActionResult, type RowAction } from './actions.mutations.ts';
import { ACTION_QUEUE, type RunRow } from './runs.mutations.ts';

export interface StepEnv {
  db: Database;
  now: () => Date;
  config: AppConfig;
  /** Outside production: webhook receivers on loopback or private addresses. */
  allowPrivateTargets: boolean;
  post?: JsonPoster;
  leaseMs?: number;
}

type StepRow = typeof t.automationRunActions.$inferSelect;
interface StepJob { orgId: string; runId: string; position: number }

const stepWhere = (j: StepJob) => and(eq(t.automationRunActions.orgId, j.orgId), eq(t.automationRunActions.runId, j.runId), eq(t.automationRunActions.position, j.position));
const open = (s: StepRow) => s.status === 'pending' || s.status === 'retrying';

async function runOf(tx: Tx, j: StepJob): Promise<RunRow> {
  const [run] = await tx.select().from(t.automationRuns).where(and(eq(t.automationRuns.orgId, j.orgId), eq(t.automationRuns.id, j.runId)));
  return run!;
}

async function succeed(tx: Tx, j: StepJob, step: StepRow, outcome: ActionResult, now: Date): Promise<void> {
  await tx.update(t.automationRunActions).set({ status: outcome.status, result: outcome.result, attempts: step.attempts + 1, lastError: null, nextAttemptAt: null, leaseUntil: null, finishedAt: now })
    .where(stepWhere(j));
  const [later] = await tx.select({ n: count() }).from(t.automationRunActions)
    .where(and(eq(t.automationRunActions.orgId, j.orgId), eq(t.automationRunActions.runId, j.runId), gt(t.automationRunActions.position, j.position)));
  if (Number(later?.n ?? 0) > 0) await enqueue(tx, ACTION_QUEUE, { ...j, position: j.position + 1 }, { startAfter: now });
  else await tx.update(t.automationRuns).set({ status: 'succeeded', finishedAt: now }).where(and(eq(t.automationRuns.orgId, j.orgId), eq(t.automationRuns.id, j.runId)));
}

async function fail(tx: Tx, j: StepJob, step: StepRow, error: string, permanent: boolean, now: Date, result: Record<string, unknown> | null = null): Promise<void> {
  const attempts = step.attempts + 1;
  const next = permanent ? null : nextActionAttempt(attempts, now.getTime());
  await tx.update(t.automationRunActions).set({
    status: next === null ? 'failed' : 'retrying', attempts, lastError: error.slice(0, 500), result,
    nextAttemptAt: next === null ? null : new Date(next), leaseUntil: null, finishedAt: next === null ? now : null,
  }).where(stepWhere(j));
  if (next !== null) {
    await enqueue(tx, ACTION_QUEUE, { ...j }, { startAfter: new Date(next) });
    return;
  }
  await tx.update(t.automationRunActions).set({ status: 'skipped', lastError: 'an earlier action failed', finishedAt: now })
    .where(and(eq(t.automationRunActions.orgId, j.orgId), eq(t.automationRunActions.runId, j.runId), gt(t.automationRunActions.position, j.position)));
  await tx.update(t.automationRuns).set({ status: 'failed', finishedAt: now }).where(and(eq(t.automationRuns.orgId, j.orgId), eq(t.automationRuns.id, j.runId)));
}

type Claimed = { kind: 'done' } | { kind: 'webhook'; step: StepRow; run: RunRow; url: string; body: string; endpoint: Parameters<typeof signatures>[0] };

/** The step's transaction: done here when it is a row; for a webhook, leased and handed out. */
async function claim(tx: Tx, env: StepEnv, j: StepJob, now: Date): Promise<Claimed> {
  const [step] = await tx.select().from(t.automationRunActions).where(stepWhere(j)).for('update');
  if (!step || !open(step)) return { kind: 'done' };
  if (step.nextAttemptAt && step.nextAttemptAt > now) {
    await enqueue(tx, ACTION_QUEUE, { ...j }, { startAfter: step.nextAttemptAt });
    return { kind: 'done' };
  }
  // Another worker is calling the webhook; its lease's end brings the step back.
  if (step.leaseUntil && step.leaseUntil > now) return { kind: 'done' };
  const run = await runOf(tx, j);
  const spec = step.spec;
  const who = await recipientOf(tx, run);
  if (spec.type === 'send_mail' && who) {
    const at = mailSendAt(now.getTime(), who.zone);
    if (at > now.getTime()) {
      await tx.update(t.automationRunActions).set({ nextAttemptAt: new Date(at) }).where(stepWhere(j));
      await enqueue(tx, ACTION_QUEUE, { ...j }, { startAfter: new Date(at) });
      return { kind: 'done' };
    }
  }
  if (spec.type === 'call_webhook') {
    const [endpoint] = await tx.select().from(t.webhookEndpoints).where(and(eq(t.webhookEndpoints.orgId, j.orgId), eq(t.webhookEndpoints.id, spec.endpoint_id)));
    if (!endpoint) {
      await fail(tx, j, step, 'the webhook endpoint was removed', true, now);
      return { kind: 'done' };
    }
    const leaseMs = env.leaseMs ?? 60_000;
    await tx.update(t.automationRunActions).set({ leaseUntil: new Date(now.getTime() + leaseMs) }).where(stepWhere(j));
    // Whatever happens to this worker, the step is looked at again when the lease ends.
    await enqueue(tx, ACTION_QUEUE, { ...j }, { startAfter: new Date(now.getTime() + leaseMs + 1_000) });
    const body = JSON.stringify({
      type: 'automation.action', version: 1, id: step.id, timestamp: now.toISOString(),
      data: { automation_id: run.automationId, run_id: run.id, trigger: run.context, customer: who ? { id: who.id, name: who.name, email: who.email } : null, booking_id: run.bookingId },
    });
    return { kind: 'webhook', step, run, url: endpoint.url, body, endpoint };
  }
  try {
    const outcome = await tx.transaction((sp) => performRowAction(sp as unknown as Tx, { now, config: env.config }, run, j.position, spec as RowAction, who));
    await succeed(tx, j, step, outcome, now);
  } catch (error) {
    await fail(tx, j, step, error instanceof Error ? error.message : String(error), error instanceof PermanentActionError, now);
  }
  return { kind: 'done' };
}

/** Records a webhook call's answer (the step must still be the leased, open one). */
async function recordCall(tx: Tx, j: StepJob, leased: StepRow, answer: PostResult, now: Date): Promise<void> {
  const [step] = await tx.select().from(t.automationRunActions).where(stepWhere(j)).for('update');
  if (!step || !open(step) || step.attempts !== leased.attempts) return;
  const result = { status_code: answer.status, duration_ms: answer.durationMs, response: answer.body?.slice(0, RESPONSE_BODY_LIMIT) ?? null };
  if (delivered(answer.status)) await succeed(tx, j, step, { status: 'succeeded', result }, now);
  else await fail(tx, j, step, answer.status === null ? (answer.error ?? 'no answer') : `HTTP ${answer.status}`, false, now, result);
}

/** Does one step of a run (the job's handler; also for tests). */
export async function runStep(env: StepEnv, j: StepJob): Promise<void> {
  const claimed = await withSystem(env.db, j.orgId, 'automations: do a run\'s action', (tx) => claim(tx, env, j, env.now()));
  if (claimed.kind === 'done') return;
  const at = new Date();
  const answer = await (env.post ?? postJson)(claimed.url, claimed.body, {
    headers: {
      'webhook-id': `msg_${claimed.step.id}`,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signatures(claimed.endpoint, `msg_${claimed.step.id}`, at, claimed.body, env.now()),
    },
    timeoutMs: DELIVERY_TIMEOUT_MS, bodyLimit: RESPONSE_BODY_LIMIT, allowPrivate: env.allowPrivateTargets,
  });
  await withSystem(env.db, j.orgId, 'automations: record the webhook\'s answer', (tx) => recordCall(tx, j, claimed.step, answer, env.now()));
}

export function automationStepJob(env: StepEnv): JobDefinition<StepJob> {
  return { name: ACTION_QUEUE, batchSize: 10, handle: (j) => runStep(env, j) };
}
