import { sql } from 'drizzle-orm';
import { bigint, foreignKey, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, instant, orgId } from './columns.ts';
import { orgs } from './tenancy.ts';
import { isManager, nobody, tenantPolicies } from './policies.ts';

/**
 * What happened, recorded in the same transaction as the change itself (append-only): a
 * booking reserved, confirmed, cancelled, a session moved, a payment settled. Subscribers
 * registered per module act on it in that transaction (queuing mail in the outbox) or after
 * commit as jobs keyed by the event's id; staff views, webhooks and payroll read it later.
 */
export const domainEvents = pgTable('domain_events', {
  id: id(),
  orgId: orgId(),
  /** e.g. `booking.confirmed`, `session.rescheduled`. */
  type: text('type').notNull(),
  /** The booking (or order, …) the event is about. */
  subjectId: uuid('subject_id'),
  /** Who caused it: the transaction's `app.role` and `app.user_id` / `app.customer_id`. */
  actorRole: text('actor_role').notNull().default(sql`app_role()`),
  actorId: uuid('actor_id').default(sql`coalesce(app_user_id(), app_customer_id())`),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
  occurredAt: instant('occurred_at').notNull().defaultNow(),
  /** The order events were recorded in: events of one transaction share `occurred_at`. */
  seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
}, (t) => [
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  index('domain_events_subject').on(t.orgId, t.subjectId, t.occurredAt),
  ...tenantPolicies('domain_events', { select: isManager, insert: isManager, update: nobody, delete: nobody }),
]).enableRLS();
