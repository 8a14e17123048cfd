/**
 * The transactional outbox of webhooks: in the transaction that records a domain event, one
 * delivery row per endpoint subscribed to its public event (a disabled one's wait for it), with the body frozen, and
 * the endpoint's delivery job. A rolled-back change leaves neither; a committed one cannot lose them.
 */
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import type { EventContext, RecordedEvent } from '../../platform/events/record.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import * as t from '../../../schema/db/index.ts';
import { webhookMessagesOf, webhookPayload, type WebhookEvent } from './domain/events.ts';
import { bookingSnapshot } from './webhooks.queries.ts';

/** The queue whose job delivers one endpoint's due deliveries, in order. */
export const WEBHOOK_QUEUE = 'webhooks.deliver';

/** `msg_` + the event's id: the same `webhook-id` in every attempt and replay, so receivers can de-duplicate. */
export const messageIdOf = (eventId: string) => `msg_${eventId}`;

/** A UUID derived from an event and a part of it (a session of a moved series): the same every time. */
function derivedId(eventId: string, part: string): string {
  const h = createHash('sha256').update(`${eventId}:${part}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Whether one of the org's endpoints takes any of these public events: asked in the statement of a hot path that records its event itself. */
export function webhookSubscribedSql(orgId: string, types: WebhookEvent[]) {
  return sql`exists (select 1 from webhook_endpoints where org_id = ${orgId}::uuid and events && ${`{${types.join(',')}}`}::text[])`;
}

export async function fanOutEvent(tx: Tx, event: RecordedEvent, ctx: Pick<EventContext, 'now'>): Promise<void> {
  const messages = webhookMessagesOf(event, derivedId);
  if (messages.length === 0) return;
  const types = [...new Set(messages.map((m) => m.type))];
  // A disabled endpoint keeps its events too: they wait, in order, until it is enabled again.
  const endpoints = await tx.select({ id: t.webhookEndpoints.id, events: t.webhookEndpoints.events }).from(t.webhookEndpoints)
    .where(and(eq(t.webhookEndpoints.orgId, event.orgId), sql`${t.webhookEndpoints.events} && ${`{${types.join(',')}}`}::text[]`));
  if (endpoints.length === 0) return;
  const booking = event.subjectId ? await bookingSnapshot(tx, event.orgId, event.subjectId) : null;
  const rows = messages.flatMap((m) => {
    const payload = webhookPayload(m.type, { id: m.id, occurredAt: ctx.now, payload: m.payload }, booking);
    return endpoints.filter((e) => e.events.includes(m.type)).map((e) => ({
      orgId: event.orgId, endpointId: e.id, eventId: m.id, eventType: m.type, messageId: messageIdOf(m.id),
      payload: payload as unknown as Record<string, unknown>, occurredAt: ctx.now, nextAttemptAt: ctx.now,
      // Events of one transaction share its now(): the wall clock keeps them in the order they were recorded.
      createdAt: sql`clock_timestamp()` as unknown as Date,
    }));
  });
  if (rows.length === 0) return;
  await tx.insert(t.webhookDeliveries).values(rows).onConflictDoNothing();
  for (const id of new Set(rows.map((r) => r.endpointId))) await enqueue(tx, WEBHOOK_QUEUE, { orgId: event.orgId, endpointId: id }, { startAfter: ctx.now });
}
