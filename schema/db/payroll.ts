import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId } from './columns.ts';
import { staff } from './tenancy.ts';
import { anyOf, isInstructor, isManager, tenantPolicies } from './policies.ts';

const ownOrManaged = anyOf(isManager, sql`(${isInstructor} and staff_id = app_user_id())`);

/**
 * How an instructor is paid, valid from a date: a new rate is a new row, so a
 * change never rewrites past earnings.
 */
export const payrollRules = pgTable('payroll_rules', {
  id: id(),
  orgId: orgId(),
  staffId: uuid('staff_id').notNull(),
  programId: uuid('program_id'),
  kind: text('kind').notNull(),
  /** percent: basis points of the session's net value; per_session: minor units. */
  value: integer('value').notNull(),
  currency: text('currency').notNull(),
  validFrom: date('valid_from').notNull(),
  createdAt: createdAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId, t.staffId], foreignColumns: [staff.orgId, staff.id] }),
  check('payroll_rules_kind', sql`${t.kind} in ('percent', 'per_session')`),
  check('payroll_rules_value', sql`${t.value} >= 0`),
  ...tenantPolicies('payroll_rules', { select: ownOrManaged, insert: isManager, update: isManager, delete: isManager }),
]).enableRLS();

/** What an instructor earned for a delivered session, frozen when it is computed. */
export const earnings = pgTable('earnings', {
  id: id(),
  orgId: orgId(),
  staffId: uuid('staff_id').notNull(),
  sessionId: uuid('session_id'),
  bookingId: uuid('booking_id'),
  amount: integer('amount').notNull(),
  currency: text('currency').notNull(),
  ruleId: uuid('rule_id'),
  earnedAt: instant('earned_at').notNull(),
  createdAt: createdAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId, t.staffId], foreignColumns: [staff.orgId, staff.id] }),
  uniqueIndex('earnings_session').on(t.orgId, t.sessionId),
  index('earnings_staff').on(t.orgId, t.staffId, t.earnedAt),
  ...tenantPolicies('earnings', { select: ownOrManaged, insert: isManager, update: isManager, delete: isManager }),
]).enableRLS();
