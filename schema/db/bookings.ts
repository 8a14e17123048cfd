import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, jsonb, pgEnum, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId, updatedAt } from './columns.ts';
import { customers, locations, staff } from './tenancy.ts';
import { programs, programMilestones, programVariants } from './programs.ts';
import { anyOf, isCustomer, isInstructor, isManager, tenantPolicies } from './policies.ts';

export const bookingStatus = pgEnum('booking_status', ['reserved', 'confirmed', 'in_progress', 'completed', 'cancelled']);
export const sessionStatus = pgEnum('session_status', ['scheduled', 'completed', 'cancelled', 'no_show']);
/** Why a booking is cancelled: its hold ran out before payment, or someone cancelled it. */
export const cancellationReason = pgEnum('cancellation_reason', ['hold_expired', 'staff', 'customer']);

/** A customer's purchase of a program. `client_token_hash` is the SHA-256 of the token the widget holds. */
export const programBookings = pgTable('program_bookings', {
  id: id(),
  orgId: orgId(),
  programId: uuid('program_id').notNull(),
  variantId: uuid('variant_id').notNull(),
  customerId: uuid('customer_id').notNull(),
  instructorId: uuid('instructor_id').notNull(),
  status: bookingStatus('status').notNull().default('reserved'),
  orderId: uuid('order_id'),
  currency: text('currency').notNull(),
  totalPrice: integer('total_price').notNull(),
  sessionsCount: integer('sessions_count').notNull(),
  /** Where the booking came from: the widget, the admin, and the host page's UTM / gclid. */
  source: jsonb('source').$type<Record<string, string>>().notNull().default({}),
  /**
   * The customer's details as this booking's request gave them: what its documents (invoice,
   * mails) show. A booking made without proof of identity never reads or overwrites the stored
   * customer's details. Null on bookings made before these columns existed (the customer row's then).
   */
  customerName: text('customer_name'),
  customerPhone: text('customer_phone'),
  customerLocale: text('customer_locale'),
  customerTimezone: text('customer_timezone'),
  /**
   * The widget's funnel visit that made the booking (the random id its funnel events carry), so
   * that a payment the studio records later counts as that visit's `paid` step. Null for bookings
   * made elsewhere.
   */
  funnelVisit: text('funnel_visit'),
  intakeAnswers: jsonb('intake_answers').$type<Record<string, unknown>>().notNull().default({}),
  privateLinkToken: text('private_link_token'),
  /** Staff's private note on the booking (markdown): staff answers show it, the customer's never do. */
  notesPrivateMd: text('notes_private_md'),
  clientTokenHash: text('client_token_hash').notNull(),
  holdExpiresAt: instant('hold_expires_at'),
  /**
   * Who asked for the hold: an HMAC of the publishable key and the client's address (never the
   * address itself), so that the number of live holds per client can be capped. Null for
   * bookings made elsewhere (admin, imports).
   */
  holdClient: text('hold_client'),
  paymentOverdue: boolean('payment_overdue').notNull().default(false),
  cancelledAt: instant('cancelled_at'),
  /** Set with `cancelled_at`. A payment that arrives after `hold_expired` may still confirm the booking (confirm.ts). */
  cancellationReason: cancellationReason('cancellation_reason'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  unique('program_bookings_org_id').on(t.orgId, t.id),
  foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [programs.orgId, programs.id] }),
  foreignKey({ columns: [t.orgId, t.variantId], foreignColumns: [programVariants.orgId, programVariants.id] }),
  foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
  foreignKey({ columns: [t.orgId, t.instructorId], foreignColumns: [staff.orgId, staff.id] }),
  index('program_bookings_customer').on(t.orgId, t.customerId),
  index('program_bookings_instructor').on(t.orgId, t.instructorId),
  // The hold sweeper's search: reserved bookings by expiry.
  index('program_bookings_hold_expiry').on(t.holdExpiresAt).where(sql`${t.status} = 'reserved'`),
  // The live holds of one client (the cap on holds per client).
  index('program_bookings_hold_client').on(t.orgId, t.holdClient).where(sql`${t.status} = 'reserved'`),
  check('program_bookings_total', sql`${t.totalPrice} >= 0`),
  check('program_bookings_funnel_visit', sql`${t.funnelVisit} ~ '^[A-Za-z0-9-]{8,64}$'`),
  check('program_bookings_hold', sql`${t.status} <> 'reserved' or ${t.holdExpiresAt} is not null`),
  ...tenantPolicies('program_bookings', {
    select: anyOf(isManager, sql`(${isCustomer} and customer_id = app_customer_id())`, sql`(${isInstructor} and instructor_id = app_user_id())`),
    insert: isManager,
    update: anyOf(isManager, sql`(${isInstructor} and instructor_id = app_user_id())`),
    delete: sql`app_role() in ('owner', 'manager')`,
  }),
]).enableRLS();

/** Rows hanging off a booking: visible to whoever sees the booking (the subquery is filtered by the bookings' policy). */
const followsBooking = sql`booking_id in (select id from program_bookings)`;
const instructorOfBooking = sql`(${isInstructor} and ${followsBooking})`;

export const programSessions = pgTable('program_sessions', {
  id: id(),
  orgId: orgId(),
  bookingId: uuid('booking_id').notNull(),
  seq: integer('seq').notNull(),
  startsAt: instant('starts_at'),
  endsAt: instant('ends_at'),
  timezone: text('timezone').notNull(),
  locationId: uuid('location_id'),
  meetingUrl: text('meeting_url'),
  status: sessionStatus('status').notNull().default('scheduled'),
  /** Raised on every reschedule: the calendar file's SEQUENCE. */
  revision: integer('revision').notNull().default(0),
  /** Times this session was moved to another time (`max_reschedules_per_session` counts these). */
  reschedules: integer('reschedules').notNull().default(0),
  checkInAt: instant('check_in_at'),
  notesPrivateMd: text('notes_private_md'),
  /** For a session cancelled on its own (late: it counts as used and its fee applies): when, and by whom. */
  cancelledAt: instant('cancelled_at'),
  cancelledBy: text('cancelled_by'),
  createdAt: createdAt(),
}, (t) => [
  unique('program_sessions_org_id').on(t.orgId, t.id),
  unique('program_sessions_seq').on(t.orgId, t.bookingId, t.seq),
  foreignKey({ columns: [t.orgId, t.bookingId], foreignColumns: [programBookings.orgId, programBookings.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.orgId, t.locationId], foreignColumns: [locations.orgId, locations.id] }),
  check('program_sessions_time', sql`(${t.startsAt} is null and ${t.endsAt} is null) or ${t.startsAt} < ${t.endsAt}`),
  ...tenantPolicies('program_sessions', {
    select: anyOf(isManager, followsBooking),
    insert: anyOf(isManager, instructorOfBooking),
    update: anyOf(isManager, instructorOfBooking),
    delete: isManager,
  }),
]).enableRLS();

export const programProgress = pgTable('program_progress', {
  id: id(),
  orgId: orgId(),
  bookingId: uuid('booking_id').notNull(),
  milestoneId: uuid('milestone_id').notNull(),
  completedAt: instant('completed_at'),
  artifactUrl: text('artifact_url'),
  notesMd: text('notes_md'),
  createdAt: createdAt(),
}, (t) => [
  unique('program_progress_milestone').on(t.orgId, t.bookingId, t.milestoneId),
  foreignKey({ columns: [t.orgId, t.bookingId], foreignColumns: [programBookings.orgId, programBookings.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.orgId, t.milestoneId], foreignColumns: [programMilestones.orgId, programMilestones.id] }),
  ...tenantPolicies('program_progress', {
    select: anyOf(isManager, followsBooking),
    insert: anyOf(isManager, instructorOfBooking),
    update: anyOf(isManager, instructorOfBooking),
    delete: anyOf(isManager, instructorOfBooking),
  }),
]).enableRLS();

export { followsBooking };
