/** A program's reminders and nudges as the studio set them, or the defaults. */
import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import { DEFAULT_NUDGES, type NudgeSettings } from './domain/nudges.ts';

export async function nudgeSettingsOf(tx: Tx, orgId: string, programId: string): Promise<NudgeSettings> {
  const [row] = await tx.select().from(t.programNudges).where(and(eq(t.programNudges.orgId, orgId), eq(t.programNudges.programId, programId)));
  if (!row) return DEFAULT_NUDGES;
  return {
    sessionReminderHours: row.sessionReminderHours,
    bookNext: row.bookNext,
    installmentDue: row.installmentDue,
    abandonedReservation: row.abandonedReservation,
    milestoneDue: row.milestoneDue,
    reviewRequest: row.reviewRequest,
  };
}

/** A program of the org by its slug, as the caller's policies show it. */
export async function programBySlug(tx: Tx, orgId: string, slug: string): Promise<{ id: string; slug: string } | undefined> {
  const [row] = await tx.select({ id: t.programs.id, slug: t.programs.slug }).from(t.programs).where(and(eq(t.programs.orgId, orgId), eq(t.programs.slug, slug)));
  return row;
}

/** The studio's outgoing mail as the caller's policies show it (owners and managers), newest first. */
export function outboxOf(tx: Tx, orgId: string, filter: { status?: 'pending' | 'sent' | 'failed' | 'held' | undefined; limit: number }) {
  return tx.select({
    id: t.mailOutbox.id, key: t.mailOutbox.dedupeKey, to: t.mailOutbox.toAddress, subject: t.mailOutbox.subject, status: t.mailOutbox.status,
    attempts: t.mailOutbox.attempts, lastError: t.mailOutbox.lastError, createdAt: t.mailOutbox.createdAt, sentAt: t.mailOutbox.sentAt,
  }).from(t.mailOutbox)
    .where(and(eq(t.mailOutbox.orgId, orgId), filter.status ? eq(t.mailOutbox.status, filter.status) : undefined))
    .orderBy(desc(t.mailOutbox.createdAt)).limit(filter.limit);
}
