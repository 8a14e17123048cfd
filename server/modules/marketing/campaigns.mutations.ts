/**
 * Campaigns: a marketing mail to a segment's members who have confirmed consent, now or at a set
 * time, through the campaign job. Each member is mailed at most once per campaign (the outbox's
 * dedupe key `campaign:<id>:<customer>`), however often the job runs or how many runners there are;
 * members without consent are counted as skipped, never mailed. A test send goes to one address,
 * marked as a test, outside the counts. Like reminders, no member is mailed in their quiet hours
 * (22:00–07:00 in their zone): those wait for their morning. A scheduled campaign can be edited or
 * cancelled until it starts sending.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { renderMarkdown } from '../../platform/adapters/markdown.ts';
import type { AppConfig } from '../../deps.ts';
import * as t from '../../../schema/db/index.ts';
import { langOf, type Lang } from '../../../shared/format.ts';
import { enqueueMail, outsideQuietHours } from '../notifications/index.ts';
import { enqueueMarketingMail } from './consent.mutations.ts';
import { segmentMembers } from './segments.queries.ts';

export const CAMPAIGN_QUEUE = 'marketing.campaign';
export type CampaignRow = typeof t.campaigns.$inferSelect;

/** Members mailed per round of the job; a full round queues the next. */
const ROUND = 200;

/** A campaign's words in a language: that language's, else English. */
export function campaignText(c: Pick<CampaignRow, 'subject' | 'bodyMd'>, lang: Lang): { subject: string; bodyMd: string } {
  const subject = c.subject[lang]?.trim() ? c.subject[lang]! : c.subject.en!;
  const bodyMd = c.bodyMd[lang]?.trim() ? c.bodyMd[lang]! : c.bodyMd.en!;
  return { subject, bodyMd };
}

export async function createCampaign(tx: Tx, env: { now: Date }, orgId: string, input: { name: string; segmentId: string; subject: Record<string, string>; bodyMd: Record<string, string>; sendAt?: Date | undefined }): Promise<CampaignRow | null> {
  const [segment] = await tx.select({ id: t.segments.id }).from(t.segments).where(and(eq(t.segments.orgId, orgId), eq(t.segments.id, input.segmentId)));
  if (!segment) return null;
  const sendAt = input.sendAt && input.sendAt.getTime() > env.now.getTime() ? input.sendAt : env.now;
  const [row] = await tx.insert(t.campaigns).values({ orgId, segmentId: segment.id, name: input.name, subject: input.subject, bodyMd: input.bodyMd, status: 'scheduled', sendAt, createdAt: env.now }).returning();
  await enqueue(tx, CAMPAIGN_QUEUE, { orgId, campaignId: row!.id }, { startAfter: sendAt });
  return row!;
}

export type CampaignEdit = { name?: string | undefined; segmentId?: string | undefined; subject?: Record<string, string> | undefined; bodyMd?: Record<string, string> | undefined; sendAt?: Date | undefined };
export type CampaignChange = { ok: true; row: CampaignRow } | { ok: false; reason: 'not_found' | 'segment_not_found' | 'not_scheduled' };

/**
 * A scheduled campaign's words, segment or time, until it starts sending (locked: a round that has
 * begun wins). A new time gets a job of its own; the earlier job finds the time later and waits again.
 */
export async function updateCampaign(tx: Tx, env: { now: Date }, orgId: string, id: string, edit: CampaignEdit): Promise<CampaignChange> {
  const [row] = await tx.select().from(t.campaigns).where(and(eq(t.campaigns.orgId, orgId), eq(t.campaigns.id, id))).for('update');
  if (!row) return { ok: false, reason: 'not_found' };
  if (row.status !== 'scheduled') return { ok: false, reason: 'not_scheduled' };
  if (edit.segmentId !== undefined) {
    const [segment] = await tx.select({ id: t.segments.id }).from(t.segments).where(and(eq(t.segments.orgId, orgId), eq(t.segments.id, edit.segmentId)));
    if (!segment) return { ok: false, reason: 'segment_not_found' };
  }
  const sendAt = edit.sendAt === undefined ? undefined : edit.sendAt.getTime() > env.now.getTime() ? edit.sendAt : env.now;
  const [updated] = await tx.update(t.campaigns).set({
    ...(edit.name !== undefined ? { name: edit.name } : {}), ...(edit.segmentId !== undefined ? { segmentId: edit.segmentId } : {}),
    ...(edit.subject !== undefined ? { subject: edit.subject } : {}), ...(edit.bodyMd !== undefined ? { bodyMd: edit.bodyMd } : {}),
    ...(sendAt !== undefined ? { sendAt } : {}),
  }).where(and(eq(t.campaigns.orgId, orgId), eq(t.campaigns.id, id))).returning();
  if (sendAt !== undefined) await enqueue(tx, CAMPAIGN_QUEUE, { orgId, campaignId: id }, { startAfter: sendAt });
  return { ok: true, row: updated! };
}

/** A scheduled campaign is called off (its job then finds it cancelled and sends nothing); cancelling it again changes nothing. */
export async function cancelCampaign(tx: Tx, env: { now: Date }, orgId: string, id: string): Promise<CampaignChange> {
  const [row] = await tx.select().from(t.campaigns).where(and(eq(t.campaigns.orgId, orgId), eq(t.campaigns.id, id))).for('update');
  if (!row) return { ok: false, reason: 'not_found' };
  if (row.status === 'cancelled') return { ok: true, row };
  if (row.status !== 'scheduled') return { ok: false, reason: 'not_scheduled' };
  const [updated] = await tx.update(t.campaigns).set({ status: 'cancelled', cancelledAt: env.now }).where(and(eq(t.campaigns.orgId, orgId), eq(t.campaigns.id, id))).returning();
  return { ok: true, row: updated! };
}

/** One test mail to `to`, in `lang`, subject marked; no consent needed (it goes to the studio), no counts. */
export async function sendCampaignTest(tx: Tx, env: { now: Date }, campaign: CampaignRow, to: string, lang: Lang): Promise<void> {
  const { subject, bodyMd } = campaignText(campaign, lang);
  await enqueueMail(tx, {
    orgId: campaign.orgId, dedupeKey: `campaign-test:${campaign.id}:${env.now.getTime()}:${to}`, to, subject: `[TEST] ${subject}`,
    text: bodyMd, html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em">${renderMarkdown(bodyMd)}</body></html>`,
  });
}

/** `waiting`: members it is night for get the mail in their morning (the next round is queued for then). */
export type CampaignRound = { state: 'not_due' | 'done' | 'more' | 'waiting' | 'unknown'; queued: number; skipped: number };

/**
 * One round of the campaign job (the server's transaction): when due, the segment's members
 * (evaluated now) get the mail under their consent; those already mailed by an earlier round are
 * skipped by the dedupe key. Marks the campaign sent when no member is left.
 */
export async function runCampaignRound(tx: Tx, env: { now: Date; config: AppConfig }, orgId: string, campaignId: string): Promise<CampaignRound> {
  const [campaign] = await tx.select().from(t.campaigns).where(and(eq(t.campaigns.orgId, orgId), eq(t.campaigns.id, campaignId))).for('update');
  if (!campaign) return { state: 'unknown', queued: 0, skipped: 0 };
  if (campaign.status === 'sent' || campaign.status === 'cancelled') return { state: 'done', queued: 0, skipped: 0 };
  if (campaign.sendAt.getTime() > env.now.getTime()) {
    await enqueue(tx, CAMPAIGN_QUEUE, { orgId, campaignId }, { startAfter: campaign.sendAt });
    return { state: 'not_due', queued: 0, skipped: 0 };
  }
  const [segment] = await tx.select().from(t.segments).where(and(eq(t.segments.orgId, orgId), eq(t.segments.id, campaign.segmentId)));
  const members = segment ? await segmentMembers(tx, orgId, segment.filter, { limit: 1_000_000 }) : [];
  const [org] = await tx.select({ timezone: t.orgs.timezone }).from(t.orgs).where(eq(t.orgs.id, orgId));
  let queued = 0;
  // The earliest morning of a member it is night for (quiet hours, as for reminders): the next round then.
  let resumeAt: number | null = null;
  // Counted once, at the first round: the members the campaign leaves out for want of consent.
  const skipped = campaign.status === 'scheduled' ? members.filter((m) => !m.consent).length : 0;
  for (const m of members) {
    const dedupeKey = `campaign:${campaign.id}:${m.id}`;
    if (!m.consent) continue;
    if (queued >= ROUND) break;
    const [seen] = await tx.select({ n: sql<number>`1` }).from(t.mailOutbox).where(and(eq(t.mailOutbox.orgId, orgId), eq(t.mailOutbox.dedupeKey, dedupeKey)));
    if (seen) continue;
    const morning = outsideQuietHours(env.now.getTime(), m.timezone ?? org?.timezone ?? 'UTC');
    if (morning > env.now.getTime()) {
      resumeAt = Math.min(resumeAt ?? morning, morning);
      continue;
    }
    const { subject, bodyMd } = campaignText(campaign, langOf(m.locale));
    const outcome = await enqueueMarketingMail(tx, env, { orgId, customerId: m.id, dedupeKey, subject, text: bodyMd, html: renderMarkdown(bodyMd) });
    if (outcome.queued) queued++;
  }
  const more = queued >= ROUND;
  const waiting = !more && resumeAt !== null;
  await tx.update(t.campaigns).set({
    status: more || waiting ? 'sending' : 'sent', startedAt: campaign.startedAt ?? env.now, finishedAt: more || waiting ? null : env.now,
    queued: sql`${t.campaigns.queued} + ${queued}`, skipped: sql`${t.campaigns.skipped} + ${skipped}`,
  }).where(and(eq(t.campaigns.orgId, orgId), eq(t.campaigns.id, campaign.id)));
  if (more) await enqueue(tx, CAMPAIGN_QUEUE, { orgId, campaignId });
  else if (waiting) await enqueue(tx, CAMPAIGN_QUEUE, { orgId, campaignId }, { startAfter: new Date(resumeAt!) });
  if (waiting) return { state: 'waiting', queued, skipped };
  return { state: more ? 'more' : 'done', queued, skipped };
}

