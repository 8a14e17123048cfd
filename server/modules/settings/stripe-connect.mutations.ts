/**
 * Stripe Connect onboarding, started by the studio's owner: the row first (one per studio), then the
 * account at Stripe (the caller, after commit, keyed by the studio so a retry gets the same account),
 * then its id recorded. What Stripe says of the account is recorded by the owner's reads and by the
 * verified `account.updated` webhook (as the server); once charges are enabled the trigger of
 * migration 0056 makes it the studio's payment account (`orgs.stripe_account_id`).
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import type { ConnectStatus } from '../../platform/adapters/payments/stripe-provider.ts';
import type { ConnectAccountRow } from './stripe-connect.queries.ts';

/** The studio's onboarding row, made once: a second start finds the first. */
export async function startStripeConnect(tx: Tx, orgId: string, staffId: string, ctx: EventContext): Promise<ConnectAccountRow> {
  const [made] = await tx.insert(t.stripeConnectAccounts).values({ orgId, createdAt: ctx.now, updatedAt: ctx.now })
    .onConflictDoNothing({ target: t.stripeConnectAccounts.orgId }).returning();
  if (made) await recordEvent(tx, { orgId, type: 'stripe_connect.started', subjectId: null, payload: { by: staffId } }, ctx);
  const [row] = await tx.select().from(t.stripeConnectAccounts).where(eq(t.stripeConnectAccounts.orgId, orgId));
  return row!;
}

/** Stripe's account for the row (the first answer wins; a retry's is the same account). */
export async function recordConnectAccount(tx: Tx, orgId: string, account: string, status: ConnectStatus, ctx: EventContext): Promise<void> {
  const [set] = await tx.update(t.stripeConnectAccounts).set({ accountId: account, ...status, updatedAt: ctx.now })
    .where(and(eq(t.stripeConnectAccounts.orgId, orgId), isNull(t.stripeConnectAccounts.accountId))).returning({ id: t.stripeConnectAccounts.id });
  if (set) await recordEvent(tx, { orgId, type: 'stripe_connect.account_created', subjectId: null, payload: { account } }, ctx);
}

/** What Stripe says of the studio's account now; true when it changed. An account that is not the studio's changes nothing. */
export async function recordConnectStatus(tx: Tx, orgId: string, account: string, status: ConnectStatus, ctx: EventContext): Promise<boolean> {
  const [row] = await tx.select().from(t.stripeConnectAccounts).where(and(eq(t.stripeConnectAccounts.orgId, orgId), eq(t.stripeConnectAccounts.accountId, account))).for('update');
  if (!row) return false;
  if (row.chargesEnabled === status.chargesEnabled && row.payoutsEnabled === status.payoutsEnabled && row.detailsSubmitted === status.detailsSubmitted) return false;
  await tx.update(t.stripeConnectAccounts).set({ ...status, updatedAt: ctx.now }).where(eq(t.stripeConnectAccounts.id, row.id));
  await recordEvent(tx, { orgId, type: 'stripe_connect.updated', subjectId: null, payload: { account, charges_enabled: status.chargesEnabled, payouts_enabled: status.payoutsEnabled, details_submitted: status.detailsSubmitted } }, ctx);
  return true;
}

/** The verified `account.updated` webhook, as the server within the org its metadata names. */
export async function applyAccountUpdated(db: Database, event: { orgId: string; account: string } & ConnectStatus, ctx: EventContext): Promise<'recorded' | 'unchanged'> {
  const changed = await withSystem(db, event.orgId, 'stripe webhook: account.updated for the studio\'s connected account (verified signature)', (tx) => recordConnectStatus(tx, event.orgId, event.account, event, ctx));
  return changed ? 'recorded' : 'unchanged';
}
