import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, orgId } from './columns.ts';
import { followsBooking, programBookings } from './bookings.ts';
import { programMilestones } from './programs.ts';
import { customers } from './tenancy.ts';
import { anyOf, isCustomer, isManager, tenantPolicies } from './policies.ts';

/** The customer writes and removes only their own uploads, on bookings their policies show them. */
const customersOwn = sql`(${isCustomer} and ${followsBooking} and customer_id = app_customer_id())`;

/**
 * Homework a customer uploaded for a milestone of their booking. The bytes live in the file
 * storage under `storage_key` (local directory or S3-compatible bucket); `content_type` and
 * `extension` are what the content sniffed as, never what the client said. Seen by the
 * customer, the booking's instructor and the studio's managers (the bookings' own policies).
 */
export const bookingArtifacts = pgTable('booking_artifacts', {
  id: id(),
  orgId: orgId(),
  bookingId: uuid('booking_id').notNull(),
  milestoneId: uuid('milestone_id').notNull(),
  customerId: uuid('customer_id').notNull(),
  storageKey: text('storage_key').notNull(),
  /** A display name: the client's name cleaned, with the sniffed extension. */
  filename: text('filename').notNull(),
  contentType: text('content_type').notNull(),
  extension: text('extension').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  createdAt: createdAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId, t.bookingId], foreignColumns: [programBookings.orgId, programBookings.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.orgId, t.milestoneId], foreignColumns: [programMilestones.orgId, programMilestones.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
  index('booking_artifacts_booking').on(t.orgId, t.bookingId, t.createdAt),
  check('booking_artifacts_size', sql`${t.sizeBytes} > 0`),
  ...tenantPolicies('booking_artifacts', {
    select: anyOf(isManager, followsBooking),
    insert: anyOf(isManager, customersOwn),
    update: isManager,
    delete: anyOf(isManager, customersOwn),
  }),
]).enableRLS();
