import { sql } from 'drizzle-orm';
import { foreignKey, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId } from './columns.ts';
import { orgs } from './tenancy.ts';
import { tenantPolicies } from './policies.ts';

/**
 * The first answer to a mutating request, by `Idempotency-Key`. The row is
 * written in the same transaction as the mutation. Only the transaction that
 * presents the key (app.idempotency_key) can see its row: keys are never listable.
 */
export const idempotencyKeys = pgTable('idempotency_keys', {
  id: id(),
  orgId: orgId(),
  key: text('key').notNull(),
  /** Which surface and route the key was used on, e.g. `POST /v1/embed/bookings`. */
  scope: text('scope').notNull(),
  requestHash: text('request_hash').notNull(),
  responseStatus: integer('response_status'),
  responseBody: jsonb('response_body'),
  createdAt: createdAt(),
  expiresAt: instant('expires_at').notNull().default(sql`now() + interval '24 hours'`),
}, (t) => [
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  uniqueIndex('idempotency_keys_key').on(t.orgId, t.scope, t.key),
  ...tenantPolicies('idempotency_keys', (() => {
    const presented = sql`key = app_idempotency_key()`;
    return { select: presented, insert: presented, update: presented, delete: sql`app_role() = 'system'` };
  })()),
]).enableRLS();
