/**
 * A studio's endpoints (owners and managers, by their policies): created with a new secret shown
 * once, the secret rotated (the previous one keeps signing for a day), enabled again after being
 * disabled (the waiting deliveries follow), removed with their log; a delivery sent again.
 */
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import * as t from '../../../schema/db/index.ts';
import { WEBHOOK_QUEUE } from './fanout.mutations.ts';
import type { DeliveryRow, EndpointRow } from './webhooks.queries.ts';
import type { WebhookEvent } from './domain/events.ts';

/** How long a rotated-out secret still signs, beside the new one. */
export const PREVIOUS_SECRET_MS = 24 * 3_600_000;

/** A Standard Webhooks secret: `whsec_` + 32 random bytes in base64. */
export const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

export async function createEndpoint(tx: Tx, orgId: string, input: { url: string; events: WebhookEvent[] }, now: Date): Promise<EndpointRow> {
  const [row] = await tx.insert(t.webhookEndpoints).values({
    orgId, url: input.url, events: [...new Set(input.events)], secret: newSecret(), createdAt: now, updatedAt: now,
  }).returning();
  return row!;
}

export async function rotateSecret(tx: Tx, endpoint: EndpointRow, now: Date): Promise<EndpointRow> {
  const [row] = await tx.update(t.webhookEndpoints).set({
    secret: newSecret(), previousSecret: endpoint.secret, previousSecretUntil: new Date(now.getTime() + PREVIOUS_SECRET_MS), updatedAt: now,
  }).where(and(eq(t.webhookEndpoints.orgId, endpoint.orgId), eq(t.webhookEndpoints.id, endpoint.id))).returning();
  return row!;
}

/** Enabled again: the failure clock starts afresh and the waiting deliveries go, in order. */
export async function enableEndpoint(tx: Tx, endpoint: EndpointRow, now: Date): Promise<EndpointRow> {
  const [row] = await tx.update(t.webhookEndpoints).set({ status: 'enabled', disabledReason: null, failingSince: null, leaseUntil: null, updatedAt: now })
    .where(and(eq(t.webhookEndpoints.orgId, endpoint.orgId), eq(t.webhookEndpoints.id, endpoint.id))).returning();
  await enqueue(tx, WEBHOOK_QUEUE, { orgId: endpoint.orgId, endpointId: endpoint.id }, { startAfter: now });
  return row!;
}

export async function deleteEndpoint(tx: Tx, endpoint: EndpointRow): Promise<void> {
  await tx.delete(t.webhookEndpoints).where(and(eq(t.webhookEndpoints.orgId, endpoint.orgId), eq(t.webhookEndpoints.id, endpoint.id)));
}

/** Sends a delivery again (same body, same `webhook-id`), from a fresh back-off, now. */
export async function redeliver(tx: Tx, endpoint: EndpointRow, deliveryId: string, now: Date): Promise<DeliveryRow | undefined> {
  const [row] = await tx.update(t.webhookDeliveries).set({ status: 'pending', attempts: 0, nextAttemptAt: now })
    .where(and(eq(t.webhookDeliveries.orgId, endpoint.orgId), eq(t.webhookDeliveries.endpointId, endpoint.id), eq(t.webhookDeliveries.id, deliveryId)))
    .returning();
  if (row) await enqueue(tx, WEBHOOK_QUEUE, { orgId: endpoint.orgId, endpointId: endpoint.id }, { startAfter: now });
  return row;
}

