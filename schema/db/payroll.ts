import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, jsonb, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId, updatedAt } from './columns.ts';
import { orgs, staff } from './tenancy.ts';
import { anyOf, isInstructor, isManager, isOwnerOrManager, isStaff, nobody, tenantPolicies } from './policies.ts';

const ownOrManaged = anyOf(isManager, sql`(${isInstructor} and staff_id = app_user_id())`);

/**
 * How an instructor is paid, valid from a date (in the studio's zone): a new rate is a new row,
 * so a change never rewrites past earnings; which row applies is decided by the session's date.
 * Optionally for one program (it wins over the instructor's general rule).
 *   per_session  `value` minor units per delivered session
 *   percent      `value` basis points of the session's net revenue (its share of the order after
 *                discounts, without VAT, less what was refunded of it)
 *   flat         `value` minor units per completed booking
 * `min_amount` / `max_amount` bound what one session earns (per_session, percent).
 */
export const payrollRules = pgTable('payroll_rules', {
  id: id(),
  orgId: orgId(),
  staffId: uuid('staff_id').notNull(),
  programId: uuid('program_id'),
  kind: text('kind').notNull(),
  /** percent: basis points of the session's net value; per_session, flat: minor units. */
  value: integer('value').notNull(),
  currency: text('currency').notNull(),
  minAmount: integer('min_amount'),
  maxAmount: integer('max_amount'),
  validFrom: date('valid_from').notNull(),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
}, (t) => [
  unique('payroll_rules_org_id').on(t.orgId, t.id),
  foreignKey({ columns: [t.orgId, t.staffId], foreignColumns: [staff.orgId, staff.id] }),
  index('payroll_rules_staff').on(t.orgId, t.staffId, t.validFrom),
  check('payroll_rules_kind', sql`${t.kind} in ('percent', 'per_session', 'flat')`),
  check('payroll_rules_value', sql`${t.value} >= 0 and (${t.kind} <> 'percent' or ${t.value} <= 10000)`),
  check('payroll_rules_bounds', sql`(${t.minAmount} is null or ${t.minAmount} >= 0) and (${t.maxAmount} is null or ${t.maxAmount} >= coalesce(${t.minAmount}, 0))`),
  ...tenantPolicies('payroll_rules', { select: ownOrManaged, insert: isManager, update: isManager, delete: isManager }),
]).enableRLS();

/**
 * The studio's payroll settings (one row per org; absent: monthly, nothing on no-shows and late
 * cancellations, the org's currency). The shares are basis points of what the session would
 * have earned, paid when the studio kept money for it.
 */
export const payrollSettings = pgTable('payroll_settings', {
  orgId: uuid('org_id').primaryKey(),
  periodKind: text('period_kind').notNull().default('monthly'),
  /** For `biweekly`: a first day of a period; periods run 14 days from it, both ways. */
  anchorOn: date('anchor_on'),
  noShowShareBp: integer('no_show_share_bp').notNull().default(0),
  lateCancelShareBp: integer('late_cancel_share_bp').notNull().default(0),
  currency: text('currency').notNull(),
  updatedAt: updatedAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  check('payroll_settings_kind', sql`${t.periodKind} in ('monthly', 'semi_monthly', 'biweekly')`),
  check('payroll_settings_anchor', sql`${t.periodKind} <> 'biweekly' or ${t.anchorOn} is not null`),
  check('payroll_settings_shares', sql`${t.noShowShareBp} between 0 and 10000 and ${t.lateCancelShareBp} between 0 and 10000`),
  check('payroll_settings_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  // The studio's people decide; the server reads.
  ...tenantPolicies('payroll_settings', { select: isStaff, insert: isOwnerOrManager, update: isOwnerOrManager, delete: nobody }),
]).enableRLS();

/**
 * A payroll period: local dates in the studio's zone, both inclusive. open → closed (by a
 * manager; from then on nothing in it changes, enforced by triggers, migration 0022) → paid
 * (with a date and the payment's reference).
 */
export const payrollPeriods = pgTable('payroll_periods', {
  id: id(),
  orgId: orgId(),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  status: text('status').notNull().default('open'),
  closedAt: instant('closed_at'),
  closedBy: uuid('closed_by'),
  paidOn: date('paid_on'),
  paidReference: text('paid_reference'),
  paidAt: instant('paid_at'),
  createdAt: createdAt(),
}, (t) => [
  unique('payroll_periods_org_id').on(t.orgId, t.id),
  unique('payroll_periods_start').on(t.orgId, t.startsOn),
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  check('payroll_periods_status', sql`${t.status} in ('open', 'closed', 'paid')`),
  check('payroll_periods_dates', sql`${t.startsOn} <= ${t.endsOn}`),
  check('payroll_periods_paid', sql`${t.status} <> 'paid' or (${t.paidOn} is not null and ${t.paidReference} is not null)`),
  // Instructors see the periods (their own earnings in them are filtered by the earnings' policy).
  ...tenantPolicies('payroll_periods', { select: isStaff, insert: isManager, update: isManager, delete: nobody }),
]).enableRLS();

/**
 * What an instructor earned, frozen when it is computed (append-only):
 *   session     one delivered session (completed, or a no-show / late cancellation the studio kept money for)
 *   booking     a completed booking under a `flat` rule
 *   adjustment  a later correction of one of those (a refund after the fact): never an edit,
 *               a new row in the period open at the time, pointing at the original with its reason
 * `rule` is the rule as it was applied, `inputs` what it was applied to (net revenue share, date).
 */
export const earnings = pgTable('earnings', {
  id: id(),
  orgId: orgId(),
  staffId: uuid('staff_id').notNull(),
  periodId: uuid('period_id').notNull(),
  kind: text('kind').notNull(),
  sessionId: uuid('session_id'),
  bookingId: uuid('booking_id'),
  programId: uuid('program_id'),
  amount: integer('amount').notNull(),
  currency: text('currency').notNull(),
  ruleId: uuid('rule_id'),
  rule: jsonb('rule').$type<Record<string, unknown>>().notNull().default({}),
  inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull().default({}),
  /** The local date (studio's zone) that placed the row in its period and chose its rule. */
  earnedOn: date('earned_on').notNull(),
  earnedAt: instant('earned_at').notNull(),
  adjustsId: uuid('adjusts_id'),
  reason: text('reason'),
  createdAt: createdAt(),
}, (t) => [
  unique('earnings_org_id').on(t.orgId, t.id),
  foreignKey({ columns: [t.orgId, t.staffId], foreignColumns: [staff.orgId, staff.id] }),
  foreignKey({ columns: [t.orgId, t.periodId], foreignColumns: [payrollPeriods.orgId, payrollPeriods.id] }),
  foreignKey({ columns: [t.orgId, t.ruleId], foreignColumns: [payrollRules.orgId, payrollRules.id] }),
  foreignKey({ columns: [t.orgId, t.adjustsId], foreignColumns: [t.orgId, t.id] }),
  check('earnings_kind', sql`${t.kind} in ('session', 'booking', 'adjustment')`),
  check('earnings_links', sql`(${t.kind} = 'session' and ${t.sessionId} is not null and ${t.adjustsId} is null)
    or (${t.kind} = 'booking' and ${t.bookingId} is not null and ${t.adjustsId} is null)
    or (${t.kind} = 'adjustment' and ${t.adjustsId} is not null and ${t.reason} is not null)`),
  check('earnings_original_amount', sql`${t.kind} = 'adjustment' or ${t.amount} >= 0`),
  // One original per session and per booking: recomputing never adds a second.
  uniqueIndex('earnings_session').on(t.orgId, t.sessionId).where(sql`${t.kind} = 'session'`),
  uniqueIndex('earnings_booking').on(t.orgId, t.bookingId).where(sql`${t.kind} = 'booking'`),
  index('earnings_period').on(t.orgId, t.periodId, t.staffId),
  // A booking's rows, read by every recomputation of its earnings.
  index('earnings_booking_rows').on(t.orgId, t.bookingId),
  index('earnings_staff').on(t.orgId, t.staffId, t.earnedAt),
  index('earnings_adjusts').on(t.orgId, t.adjustsId),
  ...tenantPolicies('earnings', { select: ownOrManaged, insert: isManager, update: nobody, delete: nobody }),
]).enableRLS();
