import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId } from './columns.ts';
import { orgs } from './tenancy.ts';
import { isManager, tenantPolicies } from './policies.ts';

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

/**
 * Rate limits: one token bucket per row, shared by every API process. `bucket` names the limit
 * and whose it is (`hold:client:<hmac of key and client address>`, `hold:email:<hmac of the
 * address>`): no address is stored in the clear. Taken atomically by one upsert
 * (server/platform/http/rate-limit.ts); `granted` says whether that statement's take succeeded.
 * Every caller of the org takes tokens (the anonymous embed first of all), so every caller of
 * the org may read and write its org's buckets; only the studio or the server removes them.
 */
export const rateLimitBuckets = pgTable('rate_limit_buckets', {
  orgId: orgId(),
  bucket: text('bucket').notNull(),
  tokens: doublePrecision('tokens').notNull(),
  granted: boolean('granted').notNull(),
  updatedAt: instant('updated_at').notNull(),
}, (t) => [
  primaryKey({ name: 'rate_limit_buckets_pkey', columns: [t.orgId, t.bucket] }),
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  // Sweeping buckets that have long been full again.
  index('rate_limit_buckets_updated').on(t.updatedAt),
  ...tenantPolicies('rate_limit_buckets', (() => {
    const anyCallerOfTheOrg = sql`app_role() in ('anonymous', 'customer', 'instructor', 'manager', 'owner', 'system')`;
    return { select: anyCallerOfTheOrg, insert: anyCallerOfTheOrg, update: anyCallerOfTheOrg, delete: isManager };
  })()),
]).enableRLS();
