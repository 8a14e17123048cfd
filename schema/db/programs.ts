import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, orgId, updatedAt } from './columns.ts';
import { orgs, resources, staff, locations } from './tenancy.ts';
import { anyOf, isAnonymous, isCustomer, isManager, isStaff, tenantPolicies } from './policies.ts';

/** The categories a studio starts with, until it defines its own (program_categories). */
export const BUILT_IN_CATEGORIES = ['coaching', 'mobility', 'reiki', 'private_class'] as const;
export const deliveryMode = pgEnum('delivery_mode', ['in_person', 'online', 'hybrid']);
export const programVisibility = pgEnum('program_visibility', ['public', 'by_link', 'hidden']);

export interface ProgramMedia {
  kind: 'image' | 'video'; url: string; alt: string; role?: 'banner' | 'thumbnail' | 'gallery';
  /** An uploaded image: where its bytes are kept (the storage's key); none for an address elsewhere. */
  storage_key?: string;
}
export interface ProgramDetails {
  itinerary?: { title: string; description: string }[];
  outcomes?: string[];
  host_bio_md?: string;
  testimonials?: { quote: string; author: string }[];
  faq?: { question: string; answer: string }[];
}
export interface ProgramPolicies {
  free_cancel_hours: number; late_cancel_fee_bp: number; no_show_fee_bp: number; notes?: string;
  /**
   * How long after a session's end staff may still mark it `no_show`; then it is `completed`.
   * Absent: DEFAULT_ATTENDANCE_GRACE_HOURS.
   */
  attendance_grace_hours?: number;
  /**
   * Days from a booking's first session within which its sessions must be scheduled; sessions
   * still unscheduled then lapse (`booking.expired`). Absent: no limit.
   */
  valid_days?: number;
  /** Moving a session is possible until this many hours before it starts. Absent: free_cancel_hours. */
  reschedule_notice_hours?: number;
  /** How often one session may be moved to another time. Absent: no limit. */
  max_reschedules_per_session?: number;
  /**
   * Fees beyond what was paid (a late cancellation or no-show of a deposit-only plan): `auto`
   * charges them off-session to the saved payment method, `balance` (the default) leaves them
   * owed on the order.
   */
  charge_fees?: 'auto' | 'balance';
}
/** The attendance grace period when a program's policies name none. */
export const DEFAULT_ATTENDANCE_GRACE_HOURS = 24;
/** A program's text in another language; what is left out falls back to the program's own text (the studio's language). */
export interface ProgramTranslation {
  title?: string; summary?: string; long_description_md?: string; host_bio_md?: string;
  outcomes?: string[]; faq?: { question: string; answer: string }[];
}
export type ContentLang = 'en' | 'de' | 'fr' | 'it';
export const CONTENT_LANGS: readonly ContentLang[] = ['en', 'de', 'fr', 'it'];
export interface SchedulingSettings {
  buffer_before_min: number; buffer_after_min: number; min_notice_min: number; horizon_days: number; slot_step_min: number;
  cadence?: { every: number; unit: 'day' | 'week' };
}

/**
 * What a customer may see of programs: active ones that are public, or by_link
 * when the transaction presents the program's link token; a customer also sees
 * the programs of their own bookings.
 */
const visibleToPublic = sql`(is_active and (visibility = 'public' or (visibility = 'by_link' and private_link_token = app_link_token())))`;

export const programs = pgTable('programs', {
  id: id(),
  orgId: orgId(),
  slug: text('slug').notNull(),
  title: text('title').notNull(),
  summary: text('summary').notNull().default(''),
  longDescriptionMd: text('long_description_md').notNull().default(''),
  /** A key of the studio's program_categories (or a built-in one while it defines none); checked by the wizard. */
  category: text('category').notNull(),
  deliveryMode: deliveryMode('delivery_mode').notNull(),
  sessionLengthMin: integer('session_length_min').notNull(),
  isMultiSession: boolean('is_multi_session').notNull().default(false),
  defaultSessionsCount: integer('default_sessions_count').notNull().default(1),
  visibility: programVisibility('visibility').notNull().default('public'),
  privateLinkToken: text('private_link_token'),
  media: jsonb('media').$type<ProgramMedia[]>().notNull().default([]),
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  details: jsonb('details').$type<ProgramDetails>().notNull().default({}),
  /** The program's text per language (`{"de": {"title": …}}`), shown to customers whose language it is. */
  translations: jsonb('translations').$type<Partial<Record<ContentLang, ProgramTranslation>>>().notNull().default({}),
  isActive: boolean('is_active').notNull().default(true),
  /**
   * Where the program is in the studio's wizard: a `draft` (not shown: `is_active` false until published),
   * `published`, or `archived` (not sold any more; its bookings stay).
   */
  status: text('status').notNull().default('published'),
  policies: jsonb('policies').$type<ProgramPolicies>().notNull().default({ free_cancel_hours: 24, late_cancel_fee_bp: 5000, no_show_fee_bp: 10000 }),
  scheduling: jsonb('scheduling').$type<SchedulingSettings>().notNull().default({ buffer_before_min: 0, buffer_after_min: 15, min_notice_min: 720, horizon_days: 90, slot_step_min: 30 }),
  locationId: uuid('location_id'),
  /** The room a session needs, if any. */
  resourceId: uuid('resource_id'),
  meetingUrl: text('meeting_url'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  unique('programs_org_id').on(t.orgId, t.id),
  unique('programs_org_slug').on(t.orgId, t.slug),
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.orgId, t.locationId], foreignColumns: [locations.orgId, locations.id] }),
  foreignKey({ columns: [t.orgId, t.resourceId], foreignColumns: [resources.orgId, resources.id] }),
  check('programs_session_length', sql`${t.sessionLengthMin} between 5 and 1440`),
  check('programs_sessions_count', sql`${t.defaultSessionsCount} between 1 and 52`),
  check('programs_status', sql`${t.status} in ('draft', 'published', 'archived')`),
  check('programs_link_token', sql`${t.visibility} <> 'by_link' or ${t.privateLinkToken} is not null`),
  ...tenantPolicies('programs', {
    select: anyOf(
      isStaff,
      sql`(${isAnonymous} and ${visibleToPublic})`,
      sql`(${isCustomer} and (${visibleToPublic} or exists (select 1 from program_bookings b where b.program_id = programs.id)))`,
    ),
    insert: isManager, update: isManager, delete: isManager,
  }),
]).enableRLS();

/** Rows that hang off a program: readable by whoever can read the program (the subquery is itself filtered by programs' policies). */
const followsProgram = { select: anyOf(isStaff, sql`program_id in (select id from programs)`), insert: isManager, update: isManager, delete: isManager };

export const programInstructors = pgTable('program_instructors', {
  orgId: orgId(),
  programId: uuid('program_id').notNull(),
  staffId: uuid('staff_id').notNull(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.programId, t.staffId] }),
  foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [programs.orgId, programs.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.orgId, t.staffId], foreignColumns: [staff.orgId, staff.id] }).onDelete('cascade'),
  ...tenantPolicies('program_instructors', followsProgram),
]).enableRLS();

/** A price tier. `price` is VAT-inclusive in minor units; `vat_rate_bp` in basis points (810 = 8.1 %). */
export const programVariants = pgTable('program_variants', {
  id: id(),
  orgId: orgId(),
  programId: uuid('program_id').notNull(),
  name: text('name').notNull(),
  sessionsCount: integer('sessions_count').notNull().default(1),
  currency: text('currency').notNull(),
  price: integer('price').notNull(),
  creditPrice: integer('credit_price'),
  vatRateBp: integer('vat_rate_bp').notNull(),
  depositAmount: integer('deposit_amount'),
  payPlanJson: jsonb('pay_plan_json').$type<{ deposit: { kind: 'fixed'; amount: number } | { kind: 'percent'; bp: number }; installments: number; every?: { weeks: number }; schedule?: 'interval' | 'session_dates' }>(),
  /** One order line per session, or one package line. */
  billing: text('billing').notNull().default('package'),
  /**
   * The ways to pay the studio allows for this variant (shared/payment-methods.ts names them); what the
   * widget offers is these, less what the currency, the studio's account or the credit price rule out.
   * Every method by default. Not part of what a booking bought: changed in place, no new version.
   */
  allowedMethods: text('allowed_methods').array().notNull().default(sql`'{card,twint,qr_bill,bank_transfer,credits}'::text[]`),
  sortOrder: integer('sort_order').notNull().default(0),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: createdAt(),
}, (t) => [
  unique('program_variants_org_id').on(t.orgId, t.id),
  foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [programs.orgId, programs.id] }).onDelete('cascade'),
  index('program_variants_program').on(t.orgId, t.programId),
  check('program_variants_price', sql`${t.price} >= 0`),
  check('program_variants_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  check('program_variants_vat', sql`${t.vatRateBp} between 0 and 10000`),
  check('program_variants_deposit', sql`${t.depositAmount} is null or (${t.depositAmount} >= 0 and ${t.depositAmount} <= ${t.price})`),
  check('program_variants_credit', sql`${t.creditPrice} is null or ${t.creditPrice} > 0`),
  check('program_variants_billing', sql`${t.billing} in ('package', 'per_session')`),
  check('program_variants_allowed_methods', sql`${t.allowedMethods} <@ '{card,twint,qr_bill,bank_transfer,credits}'::text[]`),
  ...tenantPolicies('program_variants', followsProgram),
]).enableRLS();

/** The intake form as JSON Schema; answers are stored on the booking. */
export const programIntakeForms = pgTable('program_intake_forms', {
  id: id(),
  orgId: orgId(),
  programId: uuid('program_id').notNull(),
  formSchemaJson: jsonb('form_schema_json').$type<Record<string, unknown>>().notNull(),
  isRequired: boolean('is_required').notNull().default(true),
  createdAt: createdAt(),
}, (t) => [
  unique('program_intake_forms_org_id').on(t.orgId, t.id),
  unique('program_intake_forms_program').on(t.orgId, t.programId),
  foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [programs.orgId, programs.id] }).onDelete('cascade'),
  ...tenantPolicies('program_intake_forms', followsProgram),
]).enableRLS();

export const programMilestones = pgTable('program_milestones', {
  id: id(),
  orgId: orgId(),
  programId: uuid('program_id').notNull(),
  orderIdx: integer('order_idx').notNull(),
  name: text('name').notNull(),
  descriptionMd: text('description_md').notNull().default(''),
  dueDayOffset: integer('due_day_offset'),
  createdAt: createdAt(),
}, (t) => [
  unique('program_milestones_org_id').on(t.orgId, t.id),
  unique('program_milestones_order').on(t.orgId, t.programId, t.orderIdx),
  foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [programs.orgId, programs.id] }).onDelete('cascade'),
  ...tenantPolicies('program_milestones', followsProgram),
]).enableRLS();

/**
 * The studio's own list of program categories (not a fixed enum): a key, labels per language,
 * an order. Readable by everyone of the studio (the widget shows the label), written by managers.
 */
export const programCategories = pgTable('program_categories', {
  id: id(),
  orgId: orgId(),
  key: text('key').notNull(),
  labels: jsonb('labels').$type<Partial<Record<ContentLang, string>>>().notNull().default({}),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: createdAt(),
}, (t) => [
  unique('program_categories_org_id').on(t.orgId, t.id),
  unique('program_categories_key').on(t.orgId, t.key),
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  check('program_categories_key_format', sql`${t.key} ~ '^[a-z0-9][a-z0-9_-]{0,39}$'`),
  ...tenantPolicies('program_categories', { select: sql`true`, insert: isManager, update: isManager, delete: isManager }),
]).enableRLS();
