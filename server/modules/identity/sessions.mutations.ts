/**
 * Identity sessions: the proof (`Tandem-Identity`) a customer gives before stored value or
 * stored personal data is used. Checked by the token's hash, within the caller's org.
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import { asSystem, withSystem } from '../../platform/db/escalation.ts';
import { withCrossTenant } from '../../platform/db/identity.ts';
import { rowsOf } from '../../platform/db/rows.ts';
import * as t from '../../../schema/db/index.ts';
import { randomUUID } from 'node:crypto';
import { derivedToken, tokenHash } from './secrets.ts';

/** Who a valid identity token proves to be, within one org. */
export interface ProvenCustomer { customerId: string; sessionId: string }

/**
 * The customer a live (unexpired, unrevoked) identity token of this org proves, or null. Only
 * the session the token opens is read.
 */
export async function provenCustomer(tx: Tx, orgId: string, token: string | undefined, now: Date): Promise<ProvenCustomer | null> {
  if (!token) return null;
  await asSystem(tx, 'identity token: the token is the proof, checked by hash below');
  const [row] = await tx.select({ id: t.customerSessions.id, customerId: t.customerSessions.customerId }).from(t.customerSessions)
    .where(and(eq(t.customerSessions.orgId, orgId), eq(t.customerSessions.tokenHash, tokenHash(token)), eq(t.customerSessions.purpose, 'identity'),
      isNull(t.customerSessions.revokedAt), gt(t.customerSessions.expiresAt, now)));
  return row ? { customerId: row.customerId, sessionId: row.id } : null;
}

/** Ends the session this token opens (signing out). Ending an ended one does nothing. */
export async function revokeSession(tx: Tx, orgId: string, token: string | undefined, now: Date): Promise<void> {
  if (!token) return;
  await asSystem(tx, 'identity token: the token is the proof, checked by hash below');
  await tx.update(t.customerSessions).set({ revokedAt: now })
    .where(and(eq(t.customerSessions.orgId, orgId), eq(t.customerSessions.tokenHash, tokenHash(token)), isNull(t.customerSessions.revokedAt)));
}

/** Ends every live session of a customer (the studio, or the customer signing out everywhere). Runs as the caller or the server. */
export async function revokeCustomerSessions(tx: Tx, orgId: string, customerId: string, now: Date): Promise<number> {
  const ended = await tx.update(t.customerSessions).set({ revokedAt: now })
    .where(and(eq(t.customerSessions.orgId, orgId), eq(t.customerSessions.customerId, customerId), isNull(t.customerSessions.revokedAt)))
    .returning({ id: t.customerSessions.id });
  return ended.length;
}

/** Which org an identity token's session belongs to (found by its hash), whatever its state. */
async function sessionOrg(db: Database, token: string): Promise<string | null> {
  return withCrossTenant(db, 'identity token: which org it belongs to', async (tx) =>
    (rowsOf(await tx.execute(sql`select customer_session_org(${tokenHash(token)}) as org_id`))[0]?.org_id as string | null | undefined) ?? null);
}

/**
 * The customer a live identity token proves, when no key names the org (the portal's bearer):
 * the org is found by the one definer function that reads past RLS (customer_session_org),
 * the session itself within that org. Null for an unknown, expired or revoked token.
 */
export async function openIdentityToken(db: Database, token: string | undefined, now: Date): Promise<{ orgId: string; customerId: string } | null> {
  if (!token) return null;
  const orgId = await sessionOrg(db, token);
  if (!orgId) return null;
  return withSystem(db, orgId, 'identity token: the token is the proof, checked by hash below', async (tx) => {
    const proven = await provenCustomer(tx, orgId, token, now);
    return proven ? { orgId, customerId: proven.customerId } : null;
  });
}

/** Signing out of the portal with an identity token (no key names its org). Ending an ended one does nothing. */
export async function revokeIdentityToken(db: Database, token: string | undefined, now: Date): Promise<void> {
  if (!token) return;
  const orgId = await sessionOrg(db, token);
  if (orgId) await withSystem(db, orgId, 'signing out: the token is the proof', (tx) => revokeSession(tx, orgId, token, now));
}

/** A calendar feed's token lasts a year; making a new one revokes the old. */
export const CALENDAR_TOKEN_DAYS = 365;
export const CALENDAR_PREFIX = 'cal_';

export function calendarToken(secret: string, sessionId: string): string {
  return `${CALENDAR_PREFIX}${derivedToken(secret, 'calendar', sessionId)}`;
}

/** The `token` of a feed URL as a calendar token, or undefined when it cannot be one. */
export function calendarTokenOf(raw: string | undefined): string | undefined {
  return raw && /^cal_[A-Za-z0-9_-]{43}$/.test(raw) ? raw : undefined;
}

/**
 * The customer's calendar subscription (a URL a calendar app polls, so it carries its token): a new
 * token, the earlier ones revoked. The customer was proven by the caller (portal bearer). Answers the
 * session's id: its token is `calendarToken(secret, id)`, never stored.
 */
export async function issueCalendarToken(tx: Tx, env: { now: Date; secret: string }, orgId: string, customerId: string): Promise<string> {
  await asSystem(tx, 'calendar feed: the customer was proven by the portal bearer');
  await tx.update(t.customerSessions).set({ revokedAt: env.now })
    .where(and(eq(t.customerSessions.orgId, orgId), eq(t.customerSessions.customerId, customerId), eq(t.customerSessions.purpose, 'calendar'), isNull(t.customerSessions.revokedAt)));
  const id = randomUUID();
  const token = calendarToken(env.secret, id);
  await tx.insert(t.customerSessions).values({
    id, orgId, customerId, purpose: 'calendar', tokenHash: tokenHash(token), createdAt: env.now,
    expiresAt: new Date(env.now.getTime() + CALENDAR_TOKEN_DAYS * 86_400_000),
  });
  return id;
}

/** The customer a live calendar token speaks for; null when unknown, expired or revoked. */
export async function openCalendarToken(db: Database, token: string | undefined, now: Date): Promise<{ orgId: string; customerId: string } | null> {
  if (!token) return null;
  const orgId = await sessionOrg(db, token);
  if (!orgId) return null;
  return withSystem(db, orgId, 'calendar feed: the token is the proof, checked by hash below', async (tx) => {
    const [row] = await tx.select({ customerId: t.customerSessions.customerId }).from(t.customerSessions)
      .where(and(eq(t.customerSessions.orgId, orgId), eq(t.customerSessions.tokenHash, tokenHash(token)), eq(t.customerSessions.purpose, 'calendar'),
        isNull(t.customerSessions.revokedAt), gt(t.customerSessions.expiresAt, now)));
    return row ? { orgId, customerId: row.customerId } : null;
  });
}
