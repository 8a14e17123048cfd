import { sql } from 'drizzle-orm';
import { bigint, boolean, foreignKey, index, integer, jsonb, pgEnum, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId, updatedAt } from './columns.ts';
import { anyOf, isAnonymous, isCustomer, isInstructor, isManager, isOwnerOrManager, isStaff, nobody, tenantPolicies } from './policies.ts';

export const staffRole = pgEnum('staff_role', ['owner', 'manager', 'instructor']);
export const apiKeyKind = pgEnum('api_key_kind', ['publishable', 'secret']);

/**
 * A referrer's reward: class credits, or a single-use coupon of their own (percent off in basis
 * points, or an amount off in minor units and its currency), valid for `valid_days` from its grant.
 */
export type ReferralRewardJson =
  | { kind: 'credits'; credits: number }
  | { kind: 'coupon'; percent_bp: number; amount_off?: undefined; currency?: undefined; valid_days: number }
  | { kind: 'coupon'; percent_bp?: undefined; amount_off: number; currency: string; valid_days: number };

/** A studio or an independent instructor: the tenant. `org_id` mirrors `id` so every table has the column. */
export const orgs = pgTable('orgs', {
  id: id(),
  orgId: uuid('org_id').notNull().generatedAlwaysAs(sql`id`),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  currency: text('currency').notNull(),
  defaultLocale: text('default_locale').notNull().default('en'),
  /** ISO 3166 alpha-2, given at sign-up (the billing address says it again once the profile is filled in). */
  country: text('country'),
  /** Creditor data for invoices and QR-bills: structured address, IBAN / QR-IBAN, VAT number. */
  billing: jsonb('billing').$type<{
    legal_name: string; street: string; building_number?: string; postal_code: string; city: string; country: string;
    iban?: string; qr_iban?: string; vat_number?: string; email?: string;
    /** Printed before the year and the number on invoices: `FLOW` → `FLOW-2026-0001`. */
    invoice_prefix?: string;
    /** The studio's colour (`#rrggbb`): the band with its name at the top of its mails. */
    brand_color?: string;
  }>(),
  stripeAccountId: text('stripe_account_id'),
  /** Health answers of an intake form are deleted this many months after their booking completed (the studio's setting, 1–120). */
  healthRetentionMonths: integer('health_retention_months').notNull().default(24),
  /** What a referrer earns per referee (the studio's setting); none set: the referral code's class credits. */
  referralReward: jsonb('referral_reward').$type<ReferralRewardJson>(),
  /**
   * Counts changes to what the embed's program answer shows (programs, variants, forms,
   * milestones, instructors, staff, locations, the org's billing): raised by triggers (migration
   * 0025), read with every program request to tell whether the answer kept in process still holds.
   */
  catalogVersion: bigint('catalog_version', { mode: 'number' }).notNull().default(0),
  createdAt: createdAt(),
}, () => tenantPolicies('orgs', {
  select: sql`true`,
  insert: nobody,
  update: sql`app_role() in ('owner', 'manager')`,
  delete: nobody,
}, 'id')).enableRLS();

/**
 * Origins allowed to use the org's publishable key (CORS). Like keys and staff, a setting of
 * the studio's people: the server itself (`system`) reads it but never writes it.
 */
export const orgDomains = pgTable('org_domains', {
  id: id(),
  orgId: orgId(),
  origin: text('origin').notNull(),
  createdAt: createdAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  uniqueIndex('org_domains_org_origin').on(t.orgId, t.origin),
  ...tenantPolicies('org_domains', { select: isManager, insert: isOwnerOrManager, update: isOwnerOrManager, delete: isOwnerOrManager }),
]).enableRLS();

/** Publishable (`pk_…`, stored as is: it is public) and secret (`sk_…`, only its SHA-256) keys. */
export const apiKeys = pgTable('api_keys', {
  id: id(),
  orgId: orgId(),
  kind: apiKeyKind('kind').notNull(),
  /** Shown in lists: the whole publishable key, or the first characters of a secret one. */
  prefix: text('prefix').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  label: text('label').notNull().default(''),
  /** The staff member a secret key acts as. */
  staffId: uuid('staff_id'),
  revokedAt: instant('revoked_at'),
  createdAt: createdAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  ...tenantPolicies('api_keys', { select: isManager, insert: sql`app_role() in ('owner', 'manager')`, update: sql`app_role() in ('owner', 'manager')`, delete: sql`app_role() = 'owner'` }),
]).enableRLS();

export const staff = pgTable('staff', {
  id: id(),
  orgId: orgId(),
  role: staffRole('role').notNull(),
  name: text('name').notNull(),
  email: text('email').notNull(),
  bio: text('bio'),
  photoUrl: text('photo_url'),
  timezone: text('timezone').notNull(),
  isActive: boolean('is_active').notNull().default(true),
  /** What this person is told by mail (new booking, cancellation, …); a topic not named here is on. */
  mailPreferences: jsonb('mail_preferences').$type<Partial<Record<'new_booking' | 'cancellation' | 'reschedule' | 'payment_failure' | 'message', boolean>>>().notNull().default({}),
  createdAt: createdAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  unique('staff_org_id').on(t.orgId, t.id),
  uniqueIndex('staff_org_email').on(t.orgId, t.email),
  ...tenantPolicies('staff', {
    // Instructors' public profiles are on the program page; an owner or manager who delivers a program is
    // bookable too (a solo studio's owner). The subquery is itself filtered by program_instructors' policy:
    // only programs the caller may see count.
    select: anyOf(isStaff, sql`(app_role() in ('anonymous', 'customer') and is_active and (role = 'instructor' or exists (select 1 from program_instructors pi where pi.staff_id = staff.id)))`),
    insert: sql`app_role() in ('owner', 'manager')`,
    update: anyOf(sql`app_role() in ('owner', 'manager')`, sql`(${isInstructor} and id = app_user_id())`),
    delete: sql`app_role() = 'owner'`,
  }),
]).enableRLS();

export const customers = pgTable('customers', {
  id: id(),
  orgId: orgId(),
  name: text('name').notNull(),
  email: text('email').notNull(),
  phone: text('phone'),
  locale: text('locale').notNull().default('en'),
  timezone: text('timezone'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  unique('customers_org_id').on(t.orgId, t.id),
  uniqueIndex('customers_org_email').on(t.orgId, t.email),
  ...tenantPolicies('customers', {
    select: anyOf(
      isManager,
      sql`(${isCustomer} and id = app_customer_id())`,
      // an instructor sees the people they conduct sessions for (bookings' own policy narrows the subquery)
      sql`(${isInstructor} and exists (select 1 from program_bookings b where b.customer_id = customers.id))`,
    ),
    insert: isManager,
    update: anyOf(isManager, sql`(${isCustomer} and id = app_customer_id())`),
    delete: sql`app_role() in ('owner', 'manager')`,
  }),
]).enableRLS();

export const locations = pgTable('locations', {
  id: id(),
  orgId: orgId(),
  name: text('name').notNull(),
  address: text('address').notNull().default(''),
  timezone: text('timezone').notNull(),
  createdAt: createdAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  unique('locations_org_id').on(t.orgId, t.id),
  ...tenantPolicies('locations', { select: sql`true`, insert: isManager, update: isManager, delete: isManager }),
]).enableRLS();

/** A room or other resource a session may need. */
export const resources = pgTable('resources', {
  id: id(),
  orgId: orgId(),
  locationId: uuid('location_id').notNull(),
  name: text('name').notNull(),
  createdAt: createdAt(),
}, (t) => [
  unique('resources_org_id').on(t.orgId, t.id),
  foreignKey({ columns: [t.orgId, t.locationId], foreignColumns: [locations.orgId, locations.id] }).onDelete('cascade'),
  index('resources_location').on(t.orgId, t.locationId),
  ...tenantPolicies('resources', { select: anyOf(isStaff, isAnonymous, isCustomer), insert: isManager, update: isManager, delete: isManager }),
]).enableRLS();
