/** A program's reminders and nudges as the studio set them, or the defaults. */
import { and, eq } from 'drizzle-orm';
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
    reviewRequest: row.reviewRequest,
  };
}

/** A program of the org by its slug, as the caller's policies show it. */
export async function programBySlug(tx: Tx, orgId: string, slug: string): Promise<{ id: string; slug: string } | undefined> {
  const [row] = await tx.select({ id: t.programs.id, slug: t.programs.slug }).from(t.programs).where(and(eq(t.programs.orgId, orgId), eq(t.programs.slug, slug)));
  return row;
}
