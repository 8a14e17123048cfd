import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { orgId, updatedAt } from './columns.ts';
import { programs } from './programs.ts';
import { isManager, isStaff, tenantPolicies } from './policies.ts';

/**
 * The built-in reminders and nudges of one program, as the studio edited them. A program
 * without a row has them all on, with the defaults (notifications/domain/nudges.ts).
 */
export const programNudges = pgTable('program_nudges', {
  orgId: orgId(),
  programId: uuid('program_id').notNull(),
  /** Hours before each session that the customer is reminded of it; empty: no session reminders. */
  sessionReminderHours: integer('session_reminder_hours').array().notNull().default(sql`'{48,2}'::integer[]`),
  /** "Book your next session" after each delivered session of a pack with sessions to schedule. */
  bookNext: boolean('book_next').notNull().default(true),
  /** An installment is due in 3 days. */
  installmentDue: boolean('installment_due').notNull().default(true),
  /** A reservation lapsed unpaid: one mail back to the same times. */
  abandonedReservation: boolean('abandoned_reservation').notNull().default(true),
  /** A milestone is due tomorrow (and not completed). */
  milestoneDue: boolean('milestone_due').notNull().default(true),
  /** After the program completes: asking for a review. */
  reviewRequest: boolean('review_request').notNull().default(true),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.programId] }),
  foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [programs.orgId, programs.id] }).onDelete('cascade'),
  check('program_nudges_hours', sql`cardinality(${t.sessionReminderHours}) <= 4 and 0 < all(${t.sessionReminderHours}) and 336 >= all(${t.sessionReminderHours})`),
  // Staff see what their programs send; owners and managers (and the server's jobs) change it.
  ...tenantPolicies('program_nudges', { select: isStaff, insert: isManager, update: isManager, delete: isManager }),
]).enableRLS();
