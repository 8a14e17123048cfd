import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.ts';
import { orgs } from './tenancy.ts';
import { tenantPolicies } from './policies.ts';

const server = sql`app_role() = 'system'`;

/**
 * A studio signed up at /admin/signup and waiting for its owner to prove the address with the
 * mailed one-time code: the studio and its owner exist (the owner inactive, so nothing signs
 * in) until the code is right. Only the code's keyed hash is kept; the address's and the
 * client's HMACs count sign-ups per address and per network (SECURITY DEFINER
 * `sign_up_recent`) before any studio is known. Only the server reads or writes it.
 */
export const studioSignUps = pgTable('studio_sign_ups', {
  orgId: uuid('org_id').primaryKey(),
  ownerId: uuid('owner_id').notNull(),
  emailHash: text('email_hash').notNull(),
  clientHash: text('client_hash').notNull(),
  codeHash: text('code_hash'),
  codeExpiresAt: instant('code_expires_at'),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: instant('locked_until'),
  verifiedAt: instant('verified_at'),
  createdAt: createdAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  index('studio_sign_ups_email').on(t.emailHash, t.createdAt),
  index('studio_sign_ups_client').on(t.clientHash, t.createdAt),
  ...tenantPolicies('studio_sign_ups', { select: server, insert: server, update: server, delete: server }),
]).enableRLS();
