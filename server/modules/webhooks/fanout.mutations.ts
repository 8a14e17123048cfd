/**
 * The transactional outbox of webhooks: in the transaction that records a domain event, one
 * delivery row per endpoint subscribed to its public event (a disabled one's wait for it), with the body frozen, and
 * the endpoint's delivery job. A rolled-back change leaves neither; a committed one cannot lose them.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import type { EventContext, RecordedEvent } from '../../platform/events/record.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import * as t from '../../../schema/db/index.ts';
import { webhookEventOf, webhookPayload } from './domain/events.ts';
import { bookingSnapshot } from './webhooks.queries.ts';

/** The queue whose job delivers one endpoint's due deliveries, in order. */
export const WEBHOOK_QUEUE = 'webhooks.deliver';

/** `msg_` + the event's id: the same `webhook-id` in every attempt and replay, so receivers can de-duplicate. */
export const messageIdOf = (eventId: string) => `msg_${eventId}`;

export async function fanOutEvent(tx: Tx, event: RecordedEvent, ctx: EventContext): Promise<void> {
  const type = webhookEventOf(event.type);
  if (!type) return;
  const endpoints = await tx.select({ id: t.webhookEndpoints.id }).from(t.webhookEndpoints)
    // A disabled endpoint keeps its events too: they wait, in order, until it is enabled again.
    .where(and(eq(t.webhookEndpoints.orgId, event.orgId), sql`${type} = any(${t.webhookEndpoints.events})`));
  if (endpoints.length === 0) return;
  const booking = event.subjectId ? await bookingSnapshot(tx, event.orgId, event.subjectId) : null;
  const payload = webhookPayload(type, { id: event.id, occurredAt: ctx.now, payload: event.payload }, booking);
  await tx.insert(t.webhookDeliveries).values(endpoints.map((e) => ({
    orgId: event.orgId, endpointId: e.id, eventId: event.id, eventType: type, messageId: messageIdOf(event.id),
    payload: payload as unknown as Record<string, unknown>, occurredAt: ctx.now, nextAttemptAt: ctx.now,
    // Events of one transaction share its now(): the wall clock keeps them in the order they were recorded.
    createdAt: sql`clock_timestamp()` as unknown as Date,
  }))).onConflictDoNothing();
  for (const e of endpoints) await enqueue(tx, WEBHOOK_QUEUE, { orgId: event.orgId, endpointId: e.id }, { startAfter: ctx.now });
}
