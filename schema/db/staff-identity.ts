import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, pgPolicy, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId } from './columns.ts';
import { staff } from './tenancy.ts';
import { appRole, nobody, tenantPolicies } from './policies.ts';


/**
 * The staff sign-in code of one e-mail address, across studios: a person may work for several,
 * and signing in comes before any studio is known, so this is the one table without `org_id`.
 * It names no studio and holds no address (`email_hash` is an HMAC of the lower-cased address
 * under the server's secret). A row exists for every address anyone asked a code for, known or
 * not, so attempts count and lock alike and nothing tells whether an address is staff anywhere.
 * No policy lets a request read or write it: only the SECURITY DEFINER functions
 * `staff_sign_in_code` and `staff_sign_in_code_save` (migration) do.
 */
export const staffSignInCodes = pgTable('staff_sign_in_codes', {
  emailHash: text('email_hash').primaryKey(),
  codeHash: text('code_hash'),
  codeExpiresAt: instant('code_expires_at'),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: instant('locked_until'),
  updatedAt: instant('updated_at').notNull().defaultNow(),
}, () => [
  pgPolicy('staff_sign_in_codes: nobody through a request', { for: 'all', to: appRole, using: nobody, withCheck: nobody }),
]).enableRLS();

const ownSession = sql`(app_role() = 'instructor' and staff_id = app_user_id())`;
const studioPeople = sql`app_role() in ('owner', 'manager')`;

/**
 * A staff member's signed-in session in one studio (the console's HttpOnly cookie): 12 hours,
 * extended while in use, revocable. Only the token's SHA-256 is stored. The studio's owners and
 * managers see and end sessions; an instructor their own; only the server starts one.
 */
export const staffSessions = pgTable('staff_sessions', {
  id: id(),
  orgId: orgId(),
  staffId: uuid('staff_id').notNull(),
  tokenHash: text('token_hash').notNull(),
  expiresAt: instant('expires_at').notNull(),
  lastSeenAt: instant('last_seen_at').notNull().defaultNow(),
  revokedAt: instant('revoked_at'),
  createdAt: createdAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId, t.staffId], foreignColumns: [staff.orgId, staff.id] }).onDelete('cascade'),
  uniqueIndex('staff_sessions_token').on(t.tokenHash),
  index('staff_sessions_staff').on(t.orgId, t.staffId),
  ...tenantPolicies('staff_sessions', {
    select: sql`(${studioPeople} or app_role() = 'system' or ${ownSession})`,
    insert: sql`app_role() = 'system'`,
    update: sql`(${studioPeople} or app_role() = 'system' or ${ownSession})`,
    delete: studioPeople,
  }),
]).enableRLS();
