import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, jsonb, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId } from './columns.ts';
import { customers } from './tenancy.ts';
import { isManager, nobody, tenantPolicies } from './policies.ts';

/**
 * A customer's consent to the studio's marketing mail, separate from any booking: asked by an
 * unticked box (at checkout), given only when the link in the confirmation mail is followed
 * (double opt-in), withdrawn by the unsubscribe link in every marketing mail (or one click from
 * the mail client, RFC 8058). One row per request, kept as the record: when, the words shown (in the
 * customer's language, with their version), where it was asked, and an HMAC of the address it came
 * from (never the address). At most one row per customer is live (pending or confirmed).
 * The studio's owners and managers and the server read them; only the server writes; nobody removes one.
 */
export const marketingConsents = pgTable('marketing_consents', {
  id: id(),
  orgId: orgId(),
  customerId: uuid('customer_id').notNull(),
  /** The address the confirmation went to (lower case), as it was then. */
  email: text('email').notNull(),
  /** pending (asked, not confirmed) · confirmed · withdrawn (unsubscribed) · expired (never confirmed). */
  status: text('status').notNull().default('pending'),
  /** Where it was asked: `checkout`. */
  source: text('source').notNull(),
  locale: text('locale').notNull(),
  /** The words next to the box, exactly as shown, and their version. */
  wording: text('wording').notNull(),
  wordingVersion: text('wording_version').notNull(),
  requestedAt: instant('requested_at').notNull(),
  /** HMAC-SHA256 (server secret) of the client's address when asked; `unknown` without one. */
  requestIpHash: text('request_ip_hash').notNull(),
  /** SHA-256 of the confirmation link's token and of the unsubscribe link's token (both derived from the id). */
  confirmTokenHash: text('confirm_token_hash').notNull(),
  unsubscribeTokenHash: text('unsubscribe_token_hash').notNull(),
  confirmedAt: instant('confirmed_at'),
  confirmIpHash: text('confirm_ip_hash'),
  withdrawnAt: instant('withdrawn_at'),
  /** How it ended: `link` (the unsubscribe page), `one_click` (RFC 8058 POST from the mail client). */
  withdrawnVia: text('withdrawn_via'),
  createdAt: createdAt(),
}, (t) => [
  unique('marketing_consents_org_id').on(t.orgId, t.id),
  foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }).onDelete('cascade'),
  uniqueIndex('marketing_consents_live').on(t.orgId, t.customerId).where(sql`status in ('pending', 'confirmed')`),
  uniqueIndex('marketing_consents_confirm_token').on(t.orgId, t.confirmTokenHash),
  uniqueIndex('marketing_consents_unsubscribe_token').on(t.orgId, t.unsubscribeTokenHash),
  index('marketing_consents_customer').on(t.orgId, t.customerId, t.requestedAt),
  check('marketing_consents_status', sql`${t.status} in ('pending', 'confirmed', 'withdrawn', 'expired')`),
  check('marketing_consents_source', sql`${t.source} in ('checkout')`),
  check('marketing_consents_confirmed', sql`${t.status} <> 'confirmed' or ${t.confirmedAt} is not null`),
  check('marketing_consents_withdrawn', sql`(${t.status} = 'withdrawn') = (${t.withdrawnAt} is not null)`),
  ...tenantPolicies('marketing_consents', { select: isManager, insert: sql`app_role() = 'system'`, update: sql`app_role() = 'system'`, delete: nobody }),
]).enableRLS();

/** What a segment selects (schema/api/admin-segments.ts SegmentFilter; every field optional, all must hold). */
export interface SegmentFilterJson {
  languages?: string[];
  program_ids?: string[];
  booking_statuses?: string[];
  last_booking_after?: string;
  last_booking_before?: string;
  min_total_paid?: number;
  min_credits?: number;
  utm_source?: string;
  consent?: 'confirmed' | 'not_confirmed';
  tags?: string[];
}

/**
 * A saved filter over the studio's customers (programs booked and their status, last booking, money
 * paid, credits, the first booking's source, language, consent): counted and listed live, never
 * stored as a member list. The studio's owners and managers and the server; nobody else.
 */
export const segments = pgTable('segments', {
  id: id(),
  orgId: orgId(),
  name: text('name').notNull(),
  filter: jsonb('filter').$type<SegmentFilterJson>().notNull(),
  createdAt: createdAt(),
}, (t) => [
  unique('segments_org_id').on(t.orgId, t.id),
  ...tenantPolicies('segments', { select: isManager, insert: isManager, update: isManager, delete: isManager }),
]).enableRLS();

/**
 * A marketing mail to a segment's members with a confirmed consent: subject and markdown per
 * language (the customer's, else English), sent at `send_at` by the campaign job, each member at
 * most once (the outbox's dedupe key `campaign:<id>:<customer>`). `queued` / `skipped` are the job's
 * count of members mailed and members left out for want of consent; delivery and unsubscribes are read
 * from the outbox and the consents.
 */
export const campaigns = pgTable('campaigns', {
  id: id(),
  orgId: orgId(),
  segmentId: uuid('segment_id').notNull(),
  name: text('name').notNull(),
  subject: jsonb('subject').$type<Record<string, string>>().notNull(),
  bodyMd: jsonb('body_md').$type<Record<string, string>>().notNull(),
  /** scheduled · sending · sent · cancelled (called off before it started sending) */
  status: text('status').notNull().default('scheduled'),
  sendAt: instant('send_at').notNull(),
  startedAt: instant('started_at'),
  finishedAt: instant('finished_at'),
  cancelledAt: instant('cancelled_at'),
  queued: integer('queued').notNull().default(0),
  skipped: integer('skipped').notNull().default(0),
  createdAt: createdAt(),
}, (t) => [
  unique('campaigns_org_id').on(t.orgId, t.id),
  foreignKey({ columns: [t.orgId, t.segmentId], foreignColumns: [segments.orgId, segments.id] }),
  check('campaigns_status', sql`${t.status} in ('scheduled', 'sending', 'sent', 'cancelled')`),
  ...tenantPolicies('campaigns', { select: isManager, insert: isManager, update: isManager, delete: nobody }),
]).enableRLS();
