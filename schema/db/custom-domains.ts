import { sql } from 'drizzle-orm';
import { check, foreignKey, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId, updatedAt } from './columns.ts';
import { orgs } from './tenancy.ts';
import { tenantPolicies } from './policies.ts';

const ownerOrServer = sql`app_role() in ('owner', 'system')`;

/**
 * A studio's own domain for its hosted pages (one per studio; a host belongs to one studio).
 * The owner names it; Tandem shows the DNS records to create (a CNAME to the pages host, a TXT
 * record `_tandem.<host>` with `verification_token`); `verified_at` is set once both are seen, and
 * only then do requests with that Host serve the studio's pages (the definer function
 * `verified_custom_domains`). The owner's setting: managers and instructors never see it.
 */
export const customDomains = pgTable('custom_domains', {
  id: id(),
  orgId: orgId(),
  host: text('host').notNull(),
  verificationToken: text('verification_token').notNull(),
  verifiedAt: instant('verified_at'),
  /** The last verification: when, and what was missing (null when it passed). */
  checkedAt: instant('checked_at'),
  lastError: text('last_error'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  uniqueIndex('custom_domains_one_per_org').on(t.orgId),
  uniqueIndex('custom_domains_host').on(t.host),
  check('custom_domains_host_form', sql`${t.host} ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$' and length(${t.host}) <= 253`),
  ...tenantPolicies('custom_domains', { select: ownerOrServer, insert: ownerOrServer, update: ownerOrServer, delete: ownerOrServer }),
]).enableRLS();
