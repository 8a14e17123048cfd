import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId } from './columns.ts';
import { customers, orgs } from './tenancy.ts';
import { programBookings } from './bookings.ts';
import { anyOf, isCustomer, isManager, tenantPolicies } from './policies.ts';

/** Only the server itself: codes and their attempt counters are nobody's to read, not even the studio's. */
const serverOnly = sql`app_role() = 'system'`;

/**
 * The e-mail one-time code that proves a customer owns an address, one row per org and address
 * (known customer or not: asking for a code never tells whether the address is a customer's).
 * `code_hash` is an HMAC of the code under the server's secret; a wrong guess counts, and the
 * fifth locks the address for a while. Attempts survive a new code, so asking again does not
 * buy more guesses.
 */
export const customerLoginCodes = pgTable('customer_login_codes', {
  id: id(),
  orgId: orgId(),
  /** Lower-cased, as the booking API stores it. */
  email: text('email').notNull(),
  codeHash: text('code_hash'),
  codeExpiresAt: instant('code_expires_at'),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: instant('locked_until'),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
}, (t) => [
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  uniqueIndex('customer_login_codes_email').on(t.orgId, t.email),
  ...tenantPolicies('customer_login_codes', { select: serverOnly, insert: serverOnly, update: serverOnly, delete: serverOnly }),
]).enableRLS();

/**
 * A customer's proof of identity (`Tandem-Identity`), given for a verified code: bound to the
 * org and the customer, valid 12 hours, revocable. Only the token's SHA-256 is stored.
 */
export const customerSessions = pgTable('customer_sessions', {
  id: id(),
  orgId: orgId(),
  customerId: uuid('customer_id').notNull(),
  tokenHash: text('token_hash').notNull(),
  /** `identity`: the 12-hour proof of an e-mail code; `calendar`: the customer's subscription feed (a year, revoked when a new one is made). */
  purpose: text('purpose').notNull().default('identity'),
  expiresAt: instant('expires_at').notNull(),
  revokedAt: instant('revoked_at'),
  createdAt: createdAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }).onDelete('cascade'),
  check('customer_sessions_purpose', sql`${t.purpose} in ('identity', 'calendar')`),
  uniqueIndex('customer_sessions_token').on(t.tokenHash),
  index('customer_sessions_customer').on(t.orgId, t.customerId),
  ...tenantPolicies('customer_sessions', {
    select: anyOf(isManager, sql`(${isCustomer} and customer_id = app_customer_id())`),
    insert: serverOnly,
    // The studio or the customer may end a session (sign out everywhere); the server ends them too.
    update: anyOf(isManager, sql`(${isCustomer} and customer_id = app_customer_id())`),
    delete: sql`app_role() in ('owner', 'manager')`,
  }),
]).enableRLS();

export const linkPurpose = pgEnum('link_purpose', ['manage', 'invoice']);

/**
 * The opaque tokens in links that cannot carry headers (the manage link in mails, the invoice
 * PDF's download link): a token names no org, booking or customer; this row does. Only the
 * token's SHA-256 is stored. Expiring and revocable; one live link per booking and purpose.
 */
export const linkTokens = pgTable('link_tokens', {
  id: id(),
  orgId: orgId(),
  purpose: linkPurpose('purpose').notNull(),
  bookingId: uuid('booking_id').notNull(),
  tokenHash: text('token_hash').notNull(),
  expiresAt: instant('expires_at').notNull(),
  revokedAt: instant('revoked_at'),
  lastUsedAt: instant('last_used_at'),
  createdAt: createdAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId, t.bookingId], foreignColumns: [programBookings.orgId, programBookings.id] }).onDelete('cascade'),
  uniqueIndex('link_tokens_token').on(t.tokenHash),
  uniqueIndex('link_tokens_live').on(t.orgId, t.bookingId, t.purpose).where(sql`${t.revokedAt} is null`),
  ...tenantPolicies('link_tokens', {
    // The studio and the server: a link is a capability, nobody lists them to use them.
    select: isManager,
    insert: isManager,
    update: isManager,
    delete: sql`app_role() in ('owner', 'manager')`,
  }),
]).enableRLS();
