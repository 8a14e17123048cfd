/**
 * Opaque links for what cannot send headers: the manage link in mails and the invoice PDF's
 * download link. A link's token is 256 bits derived from its row's random id; it names no org,
 * booking or customer. The row (link_tokens) says which booking it opens, until when, and
 * whether it was revoked; only the token's hash is stored. One live link per booking and
 * purpose: asking again gives the same link (its validity extended), after expiry or
 * revocation a new one.
 */
import { randomUUID } from 'node:crypto';
import { derivedToken, tokenHash } from '../../platform/derived-tokens.ts';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import { withCrossTenant } from '../../platform/db/identity.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import { rowsOf } from '../../platform/db/rows.ts';
import * as t from '../../../schema/db/index.ts';

export type LinkPurpose = 'manage' | 'invoice';

const DAY_MS = 86_400_000;
/** A manage link works 30 days past the booking's last session, and at least 90 days from when it is given. */
export const MANAGE_LINK_DAYS_AFTER = 30;
export const MANAGE_LINK_MIN_DAYS = 90;
/** An invoice link works 30 days from when it is given. */
export const INVOICE_LINK_DAYS = 30;

export interface LinkEnv { now: Date; config: { publicOrigin: string; secret: string } }

/** 256 bits derived from the row's id and purpose under the server's secret: the same row always gives the same token. */
function linkToken(secret: string, purpose: LinkPurpose, rowId: string): string {
  return derivedToken(secret, `link:${purpose}`, rowId);
}

/** A link token as a URL carries it, or undefined when it cannot be one. */
export function linkTokenOf(raw: string | undefined): string | undefined {
  return raw && /^[A-Za-z0-9_-]{43}$/.test(raw) ? raw : undefined;
}

/**
 * The token of the booking's live link for `purpose`, valid at least until `until`. Runs in
 * a transaction that acts as the server (after the caller was authorised) or as staff.
 */
export async function bookingLinkToken(tx: Tx, env: LinkEnv, orgId: string, bookingId: string, purpose: LinkPurpose, until: Date): Promise<string> {
  const live = and(eq(t.linkTokens.orgId, orgId), eq(t.linkTokens.bookingId, bookingId), eq(t.linkTokens.purpose, purpose), isNull(t.linkTokens.revokedAt));
  for (let attempt = 0; attempt < 2; attempt++) {
    const [row] = await tx.select().from(t.linkTokens).where(live).for('update');
    if (row && row.expiresAt.getTime() > env.now.getTime()) {
      if (row.expiresAt.getTime() < until.getTime()) await tx.update(t.linkTokens).set({ expiresAt: until }).where(eq(t.linkTokens.id, row.id));
      return linkToken(env.config.secret, purpose, row.id);
    }
    // An expired link stays dead: it is retired, and the booking gets a new one.
    if (row) await tx.update(t.linkTokens).set({ revokedAt: env.now }).where(eq(t.linkTokens.id, row.id));
    const id = randomUUID();
    const token = linkToken(env.config.secret, purpose, id);
    const added = await tx.insert(t.linkTokens).values({ id, orgId, bookingId, purpose, tokenHash: tokenHash(token), expiresAt: until, createdAt: env.now })
      .onConflictDoNothing().returning({ id: t.linkTokens.id });
    if (added.length) return token;
  }
  throw new Error(`booking ${bookingId}: no live ${purpose} link could be kept`);
}

/** The manage link (the customer portal's entry) of a booking whose last session ends at `lastEnd` (null: none scheduled). */
export async function manageLink(tx: Tx, env: LinkEnv, orgId: string, bookingId: string, lastEnd: Date | null): Promise<string> {
  const now = env.now.getTime();
  const until = new Date(Math.max(now + MANAGE_LINK_MIN_DAYS * DAY_MS, (lastEnd?.getTime() ?? now) + MANAGE_LINK_DAYS_AFTER * DAY_MS));
  return `${env.config.publicOrigin}/manage/${await bookingLinkToken(tx, env, orgId, bookingId, 'manage', until)}`;
}

/** The download link of a booking's invoice PDF, for mails and `<a href download>`. */
export async function invoiceLink(tx: Tx, env: LinkEnv, orgId: string, bookingId: string): Promise<string> {
  const until = new Date(env.now.getTime() + INVOICE_LINK_DAYS * DAY_MS);
  return `${env.config.publicOrigin}/v1/embed/invoices/${await bookingLinkToken(tx, env, orgId, bookingId, 'invoice', until)}.pdf`;
}

/** Which org a link token's hash belongs to, whatever the link's state (link_token_org, the one definer function for it). */
async function linkOrg(db: Database, hash: string): Promise<string | null> {
  return withCrossTenant(db, 'link token: which org it belongs to', async (tx) =>
    (rowsOf(await tx.execute(sql`select link_token_org(${hash}) as org_id`))[0]?.org_id as string | null | undefined) ?? null);
}

/**
 * The booking a link token opens for `purpose`, when it is live; otherwise null. The org is
 * found by the one definer function that reads past RLS (link_token_org), everything else
 * within that org and its policies. Records when the link was last used.
 */
export async function openLink(db: Database, rawToken: string | undefined, purpose: LinkPurpose, now: Date): Promise<{ orgId: string; bookingId: string } | null> {
  const token = linkTokenOf(rawToken);
  if (!token) return null;
  const hash = tokenHash(token);
  const orgId = await linkOrg(db, hash);
  if (!orgId) return null;
  return withSystem(db, orgId, 'link token: the token is the proof, checked by hash', async (tx) => {
    const [row] = await tx.update(t.linkTokens).set({ lastUsedAt: now })
      .where(and(eq(t.linkTokens.orgId, orgId), eq(t.linkTokens.tokenHash, hash), eq(t.linkTokens.purpose, purpose), isNull(t.linkTokens.revokedAt), gt(t.linkTokens.expiresAt, now)))
      .returning({ bookingId: t.linkTokens.bookingId });
    return row ? { orgId, bookingId: row.bookingId } : null;
  });
}

/** Revokes a booking's live links (all purposes, or one). Runs as the server or staff. */
export async function revokeBookingLinks(tx: Tx, orgId: string, bookingId: string, now: Date, purpose?: LinkPurpose): Promise<number> {
  const done = await tx.update(t.linkTokens).set({ revokedAt: now })
    .where(and(eq(t.linkTokens.orgId, orgId), eq(t.linkTokens.bookingId, bookingId), isNull(t.linkTokens.revokedAt), ...(purpose ? [eq(t.linkTokens.purpose, purpose)] : [])))
    .returning({ id: t.linkTokens.id });
  return done.length;
}

/** Who a live manage link speaks for: its booking's customer, for that booking only, in the booking's language. */
export interface ManageLinkHolder { orgId: string; bookingId: string; customerId: string; locale: string | null }

/** The booking and customer a live manage link opens; null when the link is unknown, expired or revoked. */
export async function openManageLink(db: Database, rawToken: string | undefined, now: Date): Promise<ManageLinkHolder | null> {
  const link = await openLink(db, rawToken, 'manage', now);
  if (!link) return null;
  const { orgId, bookingId } = link;
  return withSystem(db, orgId, 'manage link: the token is the proof, opened above', async (tx) => {
    const [row] = await tx.select({ customerId: t.programBookings.customerId, locale: t.programBookings.customerLocale, customerLocale: t.customers.locale })
      .from(t.programBookings)
      .innerJoin(t.customers, and(eq(t.customers.orgId, t.programBookings.orgId), eq(t.customers.id, t.programBookings.customerId)))
      .where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.id, bookingId)));
    return row ? { orgId, bookingId, customerId: row.customerId, locale: row.locale ?? row.customerLocale } : null;
  });
}

/**
 * What the manage page needs of a manage token, whatever the link's state: the booking's org,
 * booking and language, whether the link still works, and the studio's name and publishable key
 * (the page's booking widget parts ask for free times with it). Null for a forged token.
 */
export interface ManageLinkPage { orgId: string; bookingId: string; live: boolean; locale: string | null; studio: string; publishableKey: string | null }

export async function manageLinkPage(db: Database, rawToken: string | undefined, now: Date): Promise<ManageLinkPage | null> {
  const token = linkTokenOf(rawToken);
  if (!token) return null;
  const hash = tokenHash(token);
  const orgId = await linkOrg(db, hash);
  if (!orgId) return null;
  return withSystem(db, orgId, 'manage link: the page of its booking, opened by the token', async (tx) => {
    const [row] = await tx.select({
      bookingId: t.linkTokens.bookingId, expiresAt: t.linkTokens.expiresAt, revokedAt: t.linkTokens.revokedAt,
      locale: t.programBookings.customerLocale, customerLocale: t.customers.locale, studio: t.orgs.name,
    }).from(t.linkTokens)
      .innerJoin(t.programBookings, and(eq(t.programBookings.orgId, t.linkTokens.orgId), eq(t.programBookings.id, t.linkTokens.bookingId)))
      .innerJoin(t.customers, and(eq(t.customers.orgId, t.programBookings.orgId), eq(t.customers.id, t.programBookings.customerId)))
      .innerJoin(t.orgs, eq(t.orgs.id, t.linkTokens.orgId))
      .where(and(eq(t.linkTokens.orgId, orgId), eq(t.linkTokens.tokenHash, hash), eq(t.linkTokens.purpose, 'manage')));
    if (!row) return null;
    const [key] = await tx.select({ prefix: t.apiKeys.prefix }).from(t.apiKeys)
      .where(and(eq(t.apiKeys.orgId, orgId), eq(t.apiKeys.kind, 'publishable'), isNull(t.apiKeys.revokedAt)))
      .orderBy(t.apiKeys.createdAt, t.apiKeys.id).limit(1);
    return {
      orgId, bookingId: row.bookingId, live: row.revokedAt === null && row.expiresAt.getTime() > now.getTime(),
      locale: row.locale ?? row.customerLocale, studio: row.studio, publishableKey: key?.prefix ?? null,
    };
  });
}

/** Signing out of the portal with a manage link: the booking's live manage link stops working. */
export async function revokeManageLink(db: Database, orgId: string, bookingId: string, now: Date): Promise<void> {
  await withSystem(db, orgId, 'signing out: the manage link was the proof', (tx) => revokeBookingLinks(tx, orgId, bookingId, now, 'manage'));
}
