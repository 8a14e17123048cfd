import { foreignKey, index, integer, jsonb, pgEnum, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId, updatedAt } from './columns.ts';
import { orgs } from './tenancy.ts';
import { isManager, managersOnly, nobody, tenantPolicies } from './policies.ts';

export const webhookEndpointStatus = pgEnum('webhook_endpoint_status', ['enabled', 'disabled']);
export const webhookDeliveryStatus = pgEnum('webhook_delivery_status', ['pending', 'succeeded', 'failed']);

/**
 * Where a studio's other systems hear of its bookings: a URL, the events it wants, and the
 * Standard Webhooks secret (`whsec_…`) every message is signed with. After a rotation the
 * previous secret signs too until `previous_secret_until`, so the receiver can switch without a gap.
 */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: id(),
  orgId: orgId(),
  url: text('url').notNull(),
  events: text('events').array().notNull(),
  secret: text('secret').notNull(),
  previousSecret: text('previous_secret'),
  previousSecretUntil: instant('previous_secret_until'),
  status: webhookEndpointStatus('status').notNull().default('enabled'),
  /** Why it was disabled (`failing`: 3 days of failed deliveries). */
  disabledReason: text('disabled_reason'),
  /** The first failure since the last success: after 3 days of failures the endpoint is disabled. */
  failingSince: instant('failing_since'),
  /** A worker delivering to it holds it until then (one delivery at a time, in order). */
  leaseUntil: instant('lease_until'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  unique('webhook_endpoints_org_id').on(t.orgId, t.id),
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  index('webhook_endpoints_org').on(t.orgId, t.status),
  ...tenantPolicies('webhook_endpoints', managersOnly),
]).enableRLS();

/**
 * One event for one endpoint: the exact body sent (frozen when the event happened, so a replay
 * sends the same bytes), its `webhook-id` (the same for every attempt and replay), and where it
 * stands. Written in the transaction that records the event: nothing for a rolled-back change.
 */
export const webhookDeliveries = pgTable('webhook_deliveries', {
  id: id(),
  orgId: orgId(),
  endpointId: uuid('endpoint_id').notNull(),
  /** The domain event it carries (domain_events.id). */
  eventId: uuid('event_id').notNull(),
  eventType: text('event_type').notNull(),
  messageId: text('message_id').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  /** When the event happened: deliveries to one endpoint go in this order. */
  occurredAt: instant('occurred_at').notNull(),
  status: webhookDeliveryStatus('status').notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: instant('next_attempt_at'),
  lastStatusCode: integer('last_status_code'),
  lastError: text('last_error'),
  deliveredAt: instant('delivered_at'),
  createdAt: createdAt(),
}, (t) => [
  unique('webhook_deliveries_org_id').on(t.orgId, t.id),
  uniqueIndex('webhook_deliveries_event').on(t.orgId, t.endpointId, t.eventId),
  foreignKey({ columns: [t.orgId, t.endpointId], foreignColumns: [webhookEndpoints.orgId, webhookEndpoints.id] }).onDelete('cascade'),
  /** The next delivery of an endpoint: its oldest pending event. */
  index('webhook_deliveries_queue').on(t.orgId, t.endpointId, t.status, t.occurredAt),
  ...tenantPolicies('webhook_deliveries', { select: isManager, insert: isManager, update: isManager, delete: nobody }),
]).enableRLS();

/** Every attempt of a delivery, as the studio reads it in the delivery log: when, the answer's status, how long, what it said (capped). */
export const webhookAttempts = pgTable('webhook_attempts', {
  id: id(),
  orgId: orgId(),
  deliveryId: uuid('delivery_id').notNull(),
  attemptedAt: instant('attempted_at').notNull(),
  statusCode: integer('status_code'),
  error: text('error'),
  durationMs: integer('duration_ms').notNull(),
  responseBody: text('response_body'),
}, (t) => [
  foreignKey({ columns: [t.orgId, t.deliveryId], foreignColumns: [webhookDeliveries.orgId, webhookDeliveries.id] }).onDelete('cascade'),
  index('webhook_attempts_delivery').on(t.orgId, t.deliveryId, t.attemptedAt),
  ...tenantPolicies('webhook_attempts', { select: isManager, insert: isManager, update: nobody, delete: nobody }),
]).enableRLS();
