import { sql } from 'drizzle-orm';
import { boolean, foreignKey, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, orgId, updatedAt } from './columns.ts';
import { orgs } from './tenancy.ts';
import { tenantPolicies } from './policies.ts';

/**
 * A studio's Stripe Connect account while (and after) its owner onboards it: one per studio. The
 * owner starts it (the row, then the account at Stripe, keyed by the studio); the server records what
 * Stripe says of it (`account.updated`, or a read when the owner looks). Once charges are enabled, a
 * trigger (migration 0056) names it as the studio's account (`orgs.stripe_account_id`), where card and
 * TWINT payments go; until then they stay on the platform account. Managers see the status (the
 * checklist); only the owner starts it; nobody removes it.
 */
export const stripeConnectAccounts = pgTable('stripe_connect_accounts', {
  id: id(),
  orgId: orgId(),
  /** Stripe's `acct_…`; null between the row and Stripe's answer. */
  accountId: text('account_id'),
  chargesEnabled: boolean('charges_enabled').notNull().default(false),
  payoutsEnabled: boolean('payouts_enabled').notNull().default(false),
  detailsSubmitted: boolean('details_submitted').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  uniqueIndex('stripe_connect_accounts_one_per_org').on(t.orgId),
  uniqueIndex('stripe_connect_accounts_account').on(t.accountId),
  ...tenantPolicies('stripe_connect_accounts', {
    select: sql`app_role() in ('owner', 'manager', 'system')`,
    insert: sql`app_role() = 'owner'`,
    update: sql`app_role() in ('owner', 'system')`,
    delete: sql`false`,
  }),
]).enableRLS();
