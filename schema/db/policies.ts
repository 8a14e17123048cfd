import { sql, type SQL } from 'drizzle-orm';
import { pgPolicy, pgRole } from 'drizzle-orm/pg-core';

/**
 * The one role requests run as: not the owner of any table, no BYPASSRLS.
 * Created by the first hand-written migration; Drizzle only refers to it.
 */
export const appRole = pgRole('tandem_app').existing();

/**
 * Who the transaction acts for, read from `app.*` settings set per transaction
 * by `withTenant` (server/platform/db/identity.ts). The SQL functions live in migration 0000.
 *   anonymous   the embed widget with a publishable key
 *   customer    a customer with a manage token (app.customer_id)
 *   instructor  a staff member who conducts sessions (app.user_id)
 *   manager, owner  the whole org
 *   system      the server's own orchestration within one org (booking, webhooks, jobs)
 */
export const isManager = sql`app_role() in ('owner', 'manager', 'system')`;
export const isInstructor = sql`app_role() = 'instructor'`;
export const isCustomer = sql`app_role() = 'customer'`;
export const isAnonymous = sql`app_role() = 'anonymous'`;
export const isStaff = sql`app_role() in ('owner', 'manager', 'system', 'instructor')`;
/** The studio's people who run the org, without the server itself: settings such as keys, origins and staff. */
export const isOwnerOrManager = sql`app_role() in ('owner', 'manager')`;
export const nobody = sql`false`;

export interface TablePolicies {
  select: SQL;
  insert: SQL;
  update: SQL;
  delete: SQL;
}

/**
 * The policies of one tenant table: a restrictive "same org" policy that every
 * other policy is and-ed with, then one permissive policy per command.
 * A query that forgets `where org_id = …` still only sees the caller's org.
 */
export function tenantPolicies(table: string, rules: TablePolicies, orgColumn = 'org_id') {
  const sameOrg = sql.raw(`${orgColumn} = app_org_id()`);
  return [
    pgPolicy(`${table}: only rows of the current org`, { as: 'restrictive', for: 'all', to: appRole, using: sameOrg, withCheck: sameOrg }),
    pgPolicy(`${table}: who may read`, { for: 'select', to: appRole, using: rules.select }),
    pgPolicy(`${table}: who may add`, { for: 'insert', to: appRole, withCheck: rules.insert }),
    pgPolicy(`${table}: who may change`, { for: 'update', to: appRole, using: rules.update, withCheck: rules.update }),
    pgPolicy(`${table}: who may remove`, { for: 'delete', to: appRole, using: rules.delete }),
  ];
}

/** Shorthand: `sql` OR-ed. */
export function anyOf(...parts: SQL[]): SQL {
  return sql.join(parts.map((p) => sql`(${p})`), sql` or `);
}

/** Managers everything; nobody else anything. */
export const managersOnly: TablePolicies = { select: isManager, insert: isManager, update: isManager, delete: isManager };
