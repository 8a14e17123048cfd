/**
 * Milestone progress of a booking, logged by its instructor or the studio's managers: done (the
 * first time it was marked is kept) or open again, with notes and an artifact link. One row per
 * booking and milestone (a unique key), so a repeat updates it; each change records
 * progress.logged for the booking's history.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import type { BookingRow } from './bookings.queries.ts';

export interface ProgressLog { milestoneId: string; completed: boolean; notesMd?: string | null | undefined; artifactUrl?: string | null | undefined }
export interface ProgressRow { milestoneId: string; name: string; dueDayOffset: number | null; completedAt: Date | null; artifactUrl: string | null; notesMd: string | null }

export async function logProgress(tx: Tx, ctx: EventContext, booking: BookingRow, log: ProgressLog): Promise<void> {
  const [milestone] = await tx.select({ id: t.programMilestones.id }).from(t.programMilestones)
    .where(and(eq(t.programMilestones.orgId, booking.orgId), eq(t.programMilestones.id, log.milestoneId), eq(t.programMilestones.programId, booking.programId)));
  if (!milestone) throw new AppError('not_found', 'No such milestone in this booking\'s program.');
  if (booking.status === 'cancelled' || booking.status === 'reserved') {
    throw new AppError('invalid_state', `Progress is logged on a confirmed booking, not a ${booking.status} one.`);
  }
  const completedAt = log.completed ? ctx.now : null;
  const set: Record<string, unknown> = {
    completedAt: log.completed ? sql`coalesce(${t.programProgress.completedAt}, excluded.completed_at)` : null,
  };
  if (log.notesMd !== undefined) set.notesMd = log.notesMd || null;
  if (log.artifactUrl !== undefined) set.artifactUrl = log.artifactUrl || null;
  await tx.insert(t.programProgress).values({
    orgId: booking.orgId, bookingId: booking.id, milestoneId: log.milestoneId, completedAt,
    notesMd: log.notesMd || null, artifactUrl: log.artifactUrl || null,
  }).onConflictDoUpdate({ target: [t.programProgress.orgId, t.programProgress.bookingId, t.programProgress.milestoneId], set });
  await recordEvent(tx, {
    orgId: booking.orgId, type: 'progress.logged', subjectId: booking.id,
    payload: { milestone_id: log.milestoneId, completed: log.completed, ...(log.artifactUrl ? { artifact_url: log.artifactUrl } : {}) },
  }, ctx);
}

/** The program's milestones in order with this booking's progress on each. */
export async function bookingProgress(tx: Tx, booking: BookingRow): Promise<ProgressRow[]> {
  const rows = await tx.select({ id: t.programMilestones.id, name: t.programMilestones.name, due: t.programMilestones.dueDayOffset, progress: t.programProgress })
    .from(t.programMilestones)
    .leftJoin(t.programProgress, and(eq(t.programProgress.orgId, t.programMilestones.orgId), eq(t.programProgress.milestoneId, t.programMilestones.id), eq(t.programProgress.bookingId, booking.id)))
    .where(and(eq(t.programMilestones.orgId, booking.orgId), eq(t.programMilestones.programId, booking.programId))).orderBy(asc(t.programMilestones.orderIdx));
  return rows.map((r) => ({ milestoneId: r.id, name: r.name, dueDayOffset: r.due, completedAt: r.progress?.completedAt ?? null, artifactUrl: r.progress?.artifactUrl ?? null, notesMd: r.progress?.notesMd ?? null }));
}
