/**
 * Delivering one endpoint's webhooks (its `webhooks.deliver` job), strictly in the order the
 * events happened: the endpoint is leased (one worker at a time, whatever the number of
 * processes), its oldest pending delivery is sent, signed per Standard Webhooks, outside any
 * transaction, and the attempt recorded. A failure is tried again on the back-off schedule and
 * holds the later deliveries back until it succeeds or is given up (three days); an endpoint
 * failing for three days is disabled and its owner mailed. A crash mid-send leaves the lease to run
 * out and the job to be retried by the queue: at least once, never silently lost.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import type { Database, Tx } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import { enqueue, type JobDefinition } from '../../platform/jobs/queue.ts';
import { postJson, type JsonPoster, type PostResult } from '../../platform/adapters/http/post-json.ts';
import * as t from '../../../schema/db/index.ts';
import { langOf } from '../../../shared/format.ts';
import { enqueueMail } from '../notifications/index.ts';
import { DELIVERY_TIMEOUT_MS, RESPONSE_BODY_LIMIT, delivered, nextAttemptAfter, shouldDisable } from './domain/retries.ts';
import { endpointDisabledMail } from './domain/mails.ts';
import { WEBHOOK_QUEUE } from './fanout.mutations.ts';
import type { DeliveryRow, EndpointRow } from './webhooks.queries.ts';

export interface DeliveryEnv {
  db: Database;
  /** The business clock: when deliveries are due, when an endpoint has failed long enough. */
  now: () => Date;
  /** Outside production: receivers on loopback or private addresses (tests, a dev tunnel). */
  allowPrivateTargets: boolean;
  post?: JsonPoster;
  /** The signature's timestamp: the real time of sending (receivers check it against theirs). */
  signedAt?: () => Date;
  /** How long a worker holds an endpoint while it sends. */
  leaseMs?: number;
  /** Deliveries per run before the job hands over to a new one. */
  batch?: number;
}

/** `v1,<sig>` for the secret, and for the previous one while it still signs (space-separated, as the spec allows). */
export function signatures(endpoint: Pick<EndpointRow, 'secret' | 'previousSecret' | 'previousSecretUntil'>, messageId: string, at: Date, body: string, now: Date): string {
  const secrets = [endpoint.secret, ...(endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > now ? [endpoint.previousSecret] : [])];
  return secrets.map((s) => new Webhook(s).sign(messageId, at, body)).join(' ');
}

type Claim = { endpoint: EndpointRow; delivery: DeliveryRow } | null;

async function claim(tx: Tx, orgId: string, endpointId: string, now: Date, leaseMs: number): Promise<Claim> {
  const [endpoint] = await tx.update(t.webhookEndpoints).set({ leaseUntil: new Date(now.getTime() + leaseMs) })
    .where(and(eq(t.webhookEndpoints.orgId, orgId), eq(t.webhookEndpoints.id, endpointId), eq(t.webhookEndpoints.status, 'enabled'),
      sql`(${t.webhookEndpoints.leaseUntil} is null or ${t.webhookEndpoints.leaseUntil} <= ${now.toISOString()}::timestamptz)`))
    .returning();
  // Disabled, removed, or another worker is at it (its run ends by looking again).
  if (!endpoint) return null;
  const [delivery] = await tx.select().from(t.webhookDeliveries)
    .where(and(eq(t.webhookDeliveries.orgId, orgId), eq(t.webhookDeliveries.endpointId, endpointId), eq(t.webhookDeliveries.status, 'pending')))
    .orderBy(asc(t.webhookDeliveries.occurredAt), asc(t.webhookDeliveries.createdAt)).limit(1);
  const due = delivery && (delivery.nextAttemptAt === null || delivery.nextAttemptAt <= now);
  if (!due) {
    await tx.update(t.webhookEndpoints).set({ leaseUntil: null }).where(and(eq(t.webhookEndpoints.orgId, orgId), eq(t.webhookEndpoints.id, endpointId)));
    if (delivery) await enqueue(tx, WEBHOOK_QUEUE, { orgId, endpointId }, { startAfter: delivery.nextAttemptAt! });
    return null;
  }
  // Whatever happens to this worker, the endpoint is looked at again when the lease ends.
  await enqueue(tx, WEBHOOK_QUEUE, { orgId, endpointId }, { startAfter: new Date(now.getTime() + leaseMs + 1_000) });
  return { endpoint, delivery };
}

async function record(tx: Tx, c: NonNullable<Claim>, result: PostResult, now: Date): Promise<boolean> {
  const { endpoint, delivery } = c;
  const ok = delivered(result.status);
  const attempts = delivery.attempts + 1;
  await tx.insert(t.webhookAttempts).values({
    orgId: endpoint.orgId, deliveryId: delivery.id, attemptedAt: now, statusCode: result.status, error: result.error?.slice(0, 500) ?? null,
    durationMs: result.durationMs, responseBody: result.body?.slice(0, RESPONSE_BODY_LIMIT) ?? null,
  });
  const next = ok ? null : nextAttemptAfter(attempts, now.getTime());
  await tx.update(t.webhookDeliveries).set({
    attempts, lastStatusCode: result.status, lastError: ok ? null : (result.error ?? `HTTP ${result.status}`).slice(0, 500),
    status: ok ? 'succeeded' : next === null ? 'failed' : 'pending', deliveredAt: ok ? now : null, nextAttemptAt: next === null ? null : new Date(next),
  }).where(and(eq(t.webhookDeliveries.orgId, endpoint.orgId), eq(t.webhookDeliveries.id, delivery.id)));
  const failingSince = ok ? null : endpoint.failingSince ?? now;
  const disable = failingSince !== null && shouldDisable(failingSince.getTime(), now.getTime());
  await tx.update(t.webhookEndpoints).set({
    leaseUntil: null, failingSince, ...(disable ? { status: 'disabled' as const, disabledReason: 'failing', updatedAt: now } : {}),
  }).where(and(eq(t.webhookEndpoints.orgId, endpoint.orgId), eq(t.webhookEndpoints.id, endpoint.id)));
  if (disable) await mailOwner(tx, endpoint, result, now);
  else if (next !== null) await enqueue(tx, WEBHOOK_QUEUE, { orgId: endpoint.orgId, endpointId: endpoint.id }, { startAfter: new Date(next) });
  // Delivered or given up: the next one may go.
  return next === null && !disable;
}

async function mailOwner(tx: Tx, endpoint: EndpointRow, result: PostResult, now: Date): Promise<void> {
  const [[owner], [org]] = await Promise.all([
    tx.select({ email: t.staff.email }).from(t.staff).where(and(eq(t.staff.orgId, endpoint.orgId), eq(t.staff.role, 'owner'))).limit(1),
    tx.select({ locale: t.orgs.defaultLocale }).from(t.orgs).where(eq(t.orgs.id, endpoint.orgId)),
  ]);
  if (!owner) return;
  const mail = endpointDisabledMail(langOf(org?.locale), { id: endpoint.id, url: endpoint.url, last: result.status === null ? (result.error ?? 'no answer') : `HTTP ${result.status}` });
  await enqueueMail(tx, { orgId: endpoint.orgId, dedupeKey: `webhook:${endpoint.id}:disabled:${now.toISOString()}`, to: owner.email, ...mail });
}

/** Sends an endpoint's due deliveries in order, until one fails, none is due, or the batch is done. Returns how many were sent. */
export async function deliverToEndpoint(env: DeliveryEnv, orgId: string, endpointId: string): Promise<number> {
  const post = env.post ?? postJson;
  const leaseMs = env.leaseMs ?? 60_000;
  let sent = 0;
  for (let i = 0; i < (env.batch ?? 20); i++) {
    const now = env.now();
    const c = await withSystem(env.db, orgId, 'webhooks: take the endpoint\'s next delivery', (tx) => claim(tx, orgId, endpointId, now, leaseMs));
    if (!c) return sent;
    const body = JSON.stringify(c.delivery.payload);
    const at = (env.signedAt ?? (() => new Date()))();
    const result = await post(c.endpoint.url, body, {
      headers: {
        'webhook-id': c.delivery.messageId,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signatures(c.endpoint, c.delivery.messageId, at, body, now),
      },
      timeoutMs: DELIVERY_TIMEOUT_MS, bodyLimit: RESPONSE_BODY_LIMIT, allowPrivate: env.allowPrivateTargets,
    });
    sent++;
    const goOn = await withSystem(env.db, orgId, 'webhooks: record the attempt', (tx) => record(tx, c, result, env.now()));
    if (!goOn) return sent;
  }
  // A full batch: the next run goes on.
  await withSystem(env.db, orgId, 'webhooks: more to deliver', (tx) => enqueue(tx, WEBHOOK_QUEUE, { orgId, endpointId }, { startAfter: env.now() }));
  return sent;
}

export function webhookDeliveryJob(env: DeliveryEnv): JobDefinition<{ orgId: string; endpointId: string }> {
  return { name: WEBHOOK_QUEUE, retryLimit: 8, handle: async ({ orgId, endpointId }) => { await deliverToEndpoint(env, orgId, endpointId); } };
}
