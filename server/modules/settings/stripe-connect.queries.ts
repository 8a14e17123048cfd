/** The studio's Stripe Connect account as its owner and managers see it (the checklist, the payments settings). */
import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';

export type ConnectAccountRow = typeof t.stripeConnectAccounts.$inferSelect;

/**
 * Where the studio is with Stripe: `not_connected` (no account yet), `details_pending` (an account,
 * but Stripe does not let it take charges yet), `charges_enabled`. A studio whose account was set
 * by hand (`orgs.stripe_account_id`, before onboarding existed) counts as connected.
 */
export type ConnectState = 'not_connected' | 'details_pending' | 'charges_enabled';

export interface StudioConnect { row: ConnectAccountRow | undefined; account: string | null; state: ConnectState }

export async function studioConnectOf(tx: Tx, orgId: string): Promise<StudioConnect> {
  const [[row], [org]] = await Promise.all([
    tx.select().from(t.stripeConnectAccounts).where(eq(t.stripeConnectAccounts.orgId, orgId)),
    tx.select({ account: t.orgs.stripeAccountId }).from(t.orgs).where(eq(t.orgs.id, orgId)),
  ]);
  const account = row?.accountId ?? org?.account ?? null;
  const state: ConnectState = row?.chargesEnabled || (!row?.accountId && org?.account) ? 'charges_enabled' : row?.accountId ? 'details_pending' : 'not_connected';
  return { row, account, state };
}

/** What creating the account at Stripe needs: the studio's name and country and the owner's address. */
export async function connectApplicantOf(tx: Tx, orgId: string, staffId: string): Promise<{ name: string; country: string | null; email: string }> {
  const [[org], [owner]] = await Promise.all([
    tx.select({ name: t.orgs.name, country: t.orgs.country, billing: t.orgs.billing }).from(t.orgs).where(eq(t.orgs.id, orgId)),
    tx.select({ email: t.staff.email }).from(t.staff).where(eq(t.staff.id, staffId)),
  ]);
  return { name: org?.billing?.legal_name || org!.name, country: org?.billing?.country ?? org?.country ?? null, email: org?.billing?.email ?? owner!.email };
}
