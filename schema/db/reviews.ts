import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, pgEnum, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId } from './columns.ts';
import { programs } from './programs.ts';
import { programBookings } from './bookings.ts';
import { customers } from './tenancy.ts';
import { anyOf, isAnonymous, isManager, nobody, tenantPolicies } from './policies.ts';

export const testimonialStatus = pgEnum('testimonial_status', ['pending', 'approved', 'rejected']);

/**
 * The review a customer is asked for after a completed program: the row is written when the
 * request is mailed (with the hash of the link's token), the answer (rating, text, and whether
 * the customer allows it to be published, with the words they agreed to) fills it once. The
 * studio approves or rejects it as a testimonial; only an approved one with consent is public,
 * shown under `display_name` (first name and initial, fixed when answered).
 */
export const programReviews = pgTable('program_reviews', {
  id: id(),
  orgId: orgId(),
  bookingId: uuid('booking_id').notNull(),
  programId: uuid('program_id').notNull(),
  customerId: uuid('customer_id').notNull(),
  /** SHA-256 of the review link's token (derived from the id: the mail can be sent again with the same link). */
  tokenHash: text('token_hash').notNull(),
  requestedAt: instant('requested_at').notNull(),
  rating: integer('rating'),
  text: text('text'),
  consentToPublish: boolean('consent_to_publish').notNull().default(false),
  /** The consent's words as shown to the customer, in their language. */
  consentText: text('consent_text'),
  displayName: text('display_name'),
  locale: text('locale').notNull().default('en'),
  submittedAt: instant('submitted_at'),
  status: testimonialStatus('status').notNull().default('pending'),
  moderatedAt: instant('moderated_at'),
  moderatedBy: uuid('moderated_by'),
  createdAt: createdAt(),
}, (t) => [
  unique('program_reviews_org_id').on(t.orgId, t.id),
  uniqueIndex('program_reviews_booking').on(t.orgId, t.bookingId),
  uniqueIndex('program_reviews_token').on(t.orgId, t.tokenHash),
  index('program_reviews_program').on(t.orgId, t.programId, t.status),
  foreignKey({ columns: [t.orgId, t.bookingId], foreignColumns: [programBookings.orgId, programBookings.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [programs.orgId, programs.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }).onDelete('cascade'),
  check('program_reviews_rating', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
  check('program_reviews_answered', sql`(${t.submittedAt} is null) = (${t.rating} is null)`),
  check('program_reviews_public', sql`${t.status} <> 'approved' or (${t.submittedAt} is not null and ${t.consentToPublish})`),
  ...tenantPolicies('program_reviews', {
    // The studio's owners and managers (and the server) everything; a page or the widget only approved testimonials.
    select: anyOf(isManager, sql`(${isAnonymous} and status = 'approved' and consent_to_publish)`),
    insert: isManager,
    update: isManager,
    delete: nobody,
  }),
]).enableRLS();
