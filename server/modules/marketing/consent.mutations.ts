/**
 * Marketing consent: asked at checkout (an unticked box), confirmed through the link in a mail
 * (double opt-in), withdrawn through the unsubscribe link of any marketing mail or by the mail
 * client's one-click POST (RFC 8058). Marketing mail goes out only under a confirmed consent and
 * always carries the unsubscribe link and the `List-Unsubscribe` / `List-Unsubscribe-Post` header
 * fields; transactional mail (bookings, payments, reminders) never asks about consent.
 * The links' tokens are derived from the consent's id (only their hashes are stored).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import { asSystem, withSystem } from '../../platform/db/escalation.ts';
import { derivedToken, tokenHash } from '../../platform/derived-tokens.ts';
import type { AppConfig } from '../../deps.ts';
import * as t from '../../../schema/db/index.ts';
import { langOf } from '../../../shared/format.ts';
import { enqueueMail, linkLines, toHtml } from '../notifications/index.ts';
import {
  CONSENT_CONFIRM_DAYS, CONSENT_WORDING_VERSION, consentConfirmMail, consentWording, unsubscribeFooter, unsubscribeHeaders,
} from './domain/consent.ts';

const DAY_MS = 86_400_000;
export type ConsentRow = typeof t.marketingConsents.$inferSelect;

export const consentConfirmToken = (secret: string, consentId: string) => derivedToken(secret, 'marketing-consent-confirm', consentId);
export const unsubscribeToken = (secret: string, consentId: string) => derivedToken(secret, 'marketing-unsubscribe', consentId);
export const consentConfirmUrl = (config: AppConfig, orgId: string, consentId: string) => `${config.publicOrigin}/consent/${orgId}/${consentConfirmToken(config.secret, consentId)}`;
export const unsubscribeUrl = (config: AppConfig, orgId: string, consentId: string) => `${config.publicOrigin}/unsubscribe/${orgId}/${unsubscribeToken(config.secret, consentId)}`;

/** What the record keeps of the client's address: an HMAC under the server's secret (the same address gives the same value), never the address. */
export function addressHash(secret: string, address: string): string {
  return createHmac('sha256', secret).update(`tandem:consent-address\n${address}`).digest('hex');
}

export type ConsentRequestOutcome = 'requested' | 'pending_already' | 'confirmed_already';

/**
 * The customer ticked the box (the caller has decided the customer is the booking's): a pending
 * consent with the words shown, and the confirmation mail, in the caller's transaction. A live
 * consent is left as it is (a repeated checkout sends no second mail); a pending one whose link has
 * expired is marked `expired` and asked anew.
 */
export async function requestMarketingConsent(tx: Tx, env: { now: Date; config: AppConfig }, input: { orgId: string; customerId: string; source: 'checkout'; address: string }): Promise<ConsentRequestOutcome> {
  await asSystem(tx, 'marketing consent: the customer ticked the box on their own checkout');
  const { orgId, customerId } = input;
  await tx.update(t.marketingConsents).set({ status: 'expired' }).where(and(
    eq(t.marketingConsents.orgId, orgId), eq(t.marketingConsents.customerId, customerId), eq(t.marketingConsents.status, 'pending'),
    lt(t.marketingConsents.requestedAt, new Date(env.now.getTime() - CONSENT_CONFIRM_DAYS * DAY_MS)),
  ));
  const [who] = await tx.select({ email: t.customers.email, locale: t.customers.locale, studio: t.orgs.name }).from(t.customers)
    .innerJoin(t.orgs, eq(t.orgs.id, t.customers.orgId))
    .where(and(eq(t.customers.orgId, orgId), eq(t.customers.id, customerId)));
  if (!who) throw new Error(`customer ${customerId} not found`);
  const lang = langOf(who.locale);
  const wording = consentWording(lang, who.studio);
  const id = randomUUID();
  const inserted = await tx.insert(t.marketingConsents).values({
    id, orgId, customerId, email: who.email.toLowerCase(), status: 'pending', source: input.source, locale: lang, wording, wordingVersion: CONSENT_WORDING_VERSION,
    requestedAt: env.now, requestIpHash: addressHash(env.config.secret, input.address),
    confirmTokenHash: tokenHash(consentConfirmToken(env.config.secret, id)), unsubscribeTokenHash: tokenHash(unsubscribeToken(env.config.secret, id)),
    createdAt: env.now,
  }).onConflictDoNothing().returning({ id: t.marketingConsents.id });
  if (!inserted.length) {
    const [live] = await tx.select({ status: t.marketingConsents.status }).from(t.marketingConsents).where(and(
      eq(t.marketingConsents.orgId, orgId), eq(t.marketingConsents.customerId, customerId), inArray(t.marketingConsents.status, ['pending', 'confirmed'])));
    return live?.status === 'confirmed' ? 'confirmed_already' : 'pending_already';
  }
  const url = consentConfirmUrl(env.config, orgId, id);
  const mail = consentConfirmMail({ lang, studio: who.studio, wording, url });
  const text = linkLines(mail.paragraphs.join('\n\n'));
  await enqueueMail(tx, { orgId, dedupeKey: `consent:${id}:confirm`, to: who.email, subject: mail.subject, text, html: toHtml(text, [url]) });
  return 'requested';
}

/** A consent and its studio's name, by one of its links' tokens; null for a token that names none of the org's. */
export async function consentByToken(db: Database, orgId: string, link: 'confirm' | 'unsubscribe', token: string): Promise<{ consent: ConsentRow; studio: string } | null> {
  return withSystem(db, orgId, `marketing consent: the consent its ${link} link names`, async (tx) => {
    const column = link === 'confirm' ? t.marketingConsents.confirmTokenHash : t.marketingConsents.unsubscribeTokenHash;
    const [row] = await tx.select({ consent: t.marketingConsents, studio: t.orgs.name }).from(t.marketingConsents)
      .innerJoin(t.orgs, eq(t.orgs.id, t.marketingConsents.orgId))
      .where(and(eq(t.marketingConsents.orgId, orgId), eq(column, tokenHash(token))));
    return row ?? null;
  });
}

export type ConfirmOutcome = 'confirmed' | 'confirmed_already' | 'expired' | 'withdrawn' | 'unknown';

/** The confirmation link was followed (its page's button): the consent is given, once, with when and from where. */
export async function confirmMarketingConsent(db: Database, env: { now: Date; config: AppConfig }, orgId: string, token: string, address: string): Promise<ConfirmOutcome> {
  return withSystem(db, orgId, 'marketing consent: confirming the consent its link names', async (tx) => {
    const [row] = await tx.select().from(t.marketingConsents)
      .where(and(eq(t.marketingConsents.orgId, orgId), eq(t.marketingConsents.confirmTokenHash, tokenHash(token)))).for('update');
    if (!row) return 'unknown';
    if (row.status === 'confirmed') return 'confirmed_already';
    if (row.status === 'withdrawn') return 'withdrawn';
    if (row.status === 'expired' || row.requestedAt.getTime() + CONSENT_CONFIRM_DAYS * DAY_MS <= env.now.getTime()) return 'expired';
    await tx.update(t.marketingConsents).set({ status: 'confirmed', confirmedAt: env.now, confirmIpHash: addressHash(env.config.secret, address) })
      .where(and(eq(t.marketingConsents.orgId, orgId), eq(t.marketingConsents.id, row.id), eq(t.marketingConsents.status, 'pending')));
    return 'confirmed';
  });
}

export type WithdrawOutcome = 'withdrawn' | 'withdrawn_already' | 'unknown';

/**
 * The unsubscribe link (its page's button, or the mail client's RFC 8058 one-click POST): the
 * consent ends now, and marketing mail still waiting in the outbox under it is held, not sent.
 */
export async function withdrawMarketingConsent(db: Database, env: { now: Date }, orgId: string, token: string, via: 'link' | 'one_click'): Promise<WithdrawOutcome> {
  return withSystem(db, orgId, 'marketing consent: the unsubscribe link names this consent', async (tx) => {
    const [row] = await tx.select().from(t.marketingConsents)
      .where(and(eq(t.marketingConsents.orgId, orgId), eq(t.marketingConsents.unsubscribeTokenHash, tokenHash(token)))).for('update');
    if (!row) return 'unknown';
    if (row.status === 'withdrawn') return 'withdrawn_already';
    await tx.update(t.marketingConsents).set({ status: 'withdrawn', withdrawnAt: env.now, withdrawnVia: via })
      .where(and(eq(t.marketingConsents.orgId, orgId), eq(t.marketingConsents.id, row.id)));
    await tx.update(t.mailOutbox).set({ status: 'held', lastError: 'held: the customer unsubscribed from marketing mail' })
      .where(and(eq(t.mailOutbox.orgId, orgId), eq(t.mailOutbox.consentId, row.id), eq(t.mailOutbox.status, 'pending')));
    return 'withdrawn';
  });
}

export type StaffConsentChange = { ok: true; consent: ConsentRow } | { ok: false; reason: 'not_found' | 'not_live' | 'expired' };

/**
 * Staff record a withdrawal the customer asked for another way (in person, by phone, by a reply):
 * the consent ends now (`withdrawn_via: staff`) and marketing mail waiting under it is held.
 * A withdrawn consent stays as it is; one that was never confirmed and has expired has nothing to end.
 */
export async function recordConsentWithdrawal(tx: Tx, env: { now: Date }, orgId: string, consentId: string): Promise<StaffConsentChange> {
  // Read as the staff member (their policies decide whether they see it), then changed as the server: the table is the server's to write.
  const [seen] = await tx.select({ id: t.marketingConsents.id }).from(t.marketingConsents).where(and(eq(t.marketingConsents.orgId, orgId), eq(t.marketingConsents.id, consentId)));
  if (!seen) return { ok: false, reason: 'not_found' };
  await asSystem(tx, 'marketing consent: a staff member records the customer\'s withdrawal');
  const [row] = await tx.select().from(t.marketingConsents).where(and(eq(t.marketingConsents.orgId, orgId), eq(t.marketingConsents.id, consentId))).for('update');
  if (row!.status === 'withdrawn') return { ok: true, consent: row! };
  if (row!.status === 'expired') return { ok: false, reason: 'not_live' };
  const [updated] = await tx.update(t.marketingConsents).set({ status: 'withdrawn', withdrawnAt: env.now, withdrawnVia: 'staff' })
    .where(and(eq(t.marketingConsents.orgId, orgId), eq(t.marketingConsents.id, row!.id))).returning();
  await tx.update(t.mailOutbox).set({ status: 'held', lastError: 'held: the customer withdrew marketing consent (recorded by staff)' })
    .where(and(eq(t.mailOutbox.orgId, orgId), eq(t.mailOutbox.consentId, row!.id), eq(t.mailOutbox.status, 'pending')));
  return { ok: true, consent: updated! };
}

/**
 * The confirmation mail of a pending consent once more (the customer did not find it), with the same
 * link and words; at most one a day (asking twice the same day sends nothing more).
 */
export async function resendConsentConfirmation(tx: Tx, env: { now: Date; config: AppConfig }, orgId: string, consentId: string): Promise<StaffConsentChange> {
  const [row] = await tx.select({ consent: t.marketingConsents, studio: t.orgs.name, to: t.customers.email }).from(t.marketingConsents)
    .innerJoin(t.orgs, eq(t.orgs.id, t.marketingConsents.orgId))
    .innerJoin(t.customers, and(eq(t.customers.orgId, t.marketingConsents.orgId), eq(t.customers.id, t.marketingConsents.customerId)))
    .where(and(eq(t.marketingConsents.orgId, orgId), eq(t.marketingConsents.id, consentId)));
  if (!row) return { ok: false, reason: 'not_found' };
  const c = row.consent;
  if (c.status !== 'pending') return { ok: false, reason: 'not_live' };
  if (c.requestedAt.getTime() + CONSENT_CONFIRM_DAYS * DAY_MS <= env.now.getTime()) return { ok: false, reason: 'expired' };
  const url = consentConfirmUrl(env.config, orgId, c.id);
  const mail = consentConfirmMail({ lang: langOf(c.locale), studio: row.studio, wording: c.wording, url });
  const text = linkLines(mail.paragraphs.join('\n\n'));
  await enqueueMail(tx, { orgId, dedupeKey: `consent:${c.id}:confirm:${env.now.toISOString().slice(0, 10)}`, to: row.to, subject: mail.subject, text, html: toHtml(text, [url]) });
  return { ok: true, consent: c };
}

export interface MarketingMail {
  orgId: string;
  customerId: string;
  /** One mail per key and org, ever (e.g. `campaign:<id>:<customer>`). */
  dedupeKey: string;
  subject: string;
  /** Plain-text paragraphs, blank-line separated; the footer with the unsubscribe link is added. */
  text: string;
  /** URLs in `text` that the HTML part may turn into links. */
  links?: string[];
  /** The HTML body (already safe: rendered from the studio's markdown); absent: made from `text`. The footer is added to both. */
  html?: string;
}

export type MarketingMailOutcome = { queued: true } | { queued: false; reason: 'no_consent' | 'duplicate' };

/**
 * Queues a marketing mail in the caller's transaction (which may read consents: the studio's or the
 * server's), only under the customer's confirmed consent: its unsubscribe link as the last paragraph
 * and in `List-Unsubscribe`, with `List-Unsubscribe-Post: List-Unsubscribe=One-Click`.
 */
export async function enqueueMarketingMail(tx: Tx, env: { config: AppConfig }, mail: MarketingMail): Promise<MarketingMailOutcome> {
  const [row] = await tx.select({ consent: t.marketingConsents, email: t.customers.email, locale: t.customers.locale, studio: t.orgs.name })
    .from(t.marketingConsents)
    .innerJoin(t.customers, and(eq(t.customers.orgId, t.marketingConsents.orgId), eq(t.customers.id, t.marketingConsents.customerId)))
    .innerJoin(t.orgs, eq(t.orgs.id, t.marketingConsents.orgId))
    .where(and(eq(t.marketingConsents.orgId, mail.orgId), eq(t.marketingConsents.customerId, mail.customerId), eq(t.marketingConsents.status, 'confirmed')));
  if (!row) return { queued: false, reason: 'no_consent' };
  const url = unsubscribeUrl(env.config, mail.orgId, row.consent.id);
  const footer = unsubscribeFooter(langOf(row.locale), row.studio, url);
  const text = linkLines(`${mail.text.trimEnd()}\n\n--\n${footer}`);
  const html = mail.html === undefined ? toHtml(text, [...(mail.links ?? []), url])
    : `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em;overflow-wrap:anywhere">${mail.html}\n<hr>${toHtmlParagraphs(footer, url)}</body></html>`;
  const added = await enqueueMail(tx, {
    orgId: mail.orgId, dedupeKey: mail.dedupeKey, to: row.email, subject: mail.subject, text, html,
    headers: unsubscribeHeaders(url), consentId: row.consent.id,
  });
  return added ? { queued: true } : { queued: false, reason: 'duplicate' };
}

/** The footer as HTML paragraphs, its one link live (the body of toHtml's document). */
function toHtmlParagraphs(text: string, url: string): string {
  return /<body[^>]*>([\s\S]*)<\/body>/.exec(toHtml(text, [url]))?.[1] ?? '';
}

/** Whether the customer may be sent marketing mail now (a confirmed consent). */
export async function hasMarketingConsent(tx: Tx, orgId: string, customerId: string): Promise<boolean> {
  const [row] = await tx.select({ n: sql<number>`1` }).from(t.marketingConsents)
    .where(and(eq(t.marketingConsents.orgId, orgId), eq(t.marketingConsents.customerId, customerId), eq(t.marketingConsents.status, 'confirmed')));
  return Boolean(row);
}
