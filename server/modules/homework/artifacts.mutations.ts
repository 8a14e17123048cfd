/**
 * Homework uploads: the row of a file the customer uploaded for a milestone of their booking (its
 * bytes were stored before, under a key of the server's own), the event that tells the
 * instructor, and removal by the customer.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { AppError } from '../../platform/errors.ts';
import * as t from '../../../schema/db/index.ts';
import type { BookingRow } from '../bookings/index.ts';
import { bookingArtifactUsage, type ArtifactRow } from './artifacts.queries.ts';
import { MAX_BOOKING_ARTIFACT_BYTES, MAX_BOOKING_ARTIFACTS, quotaRefusal, type ArtifactKind } from './domain/index.ts';
import { HOMEWORK_OBJECTS_QUEUE } from './artifacts.jobs.ts';

export interface NewArtifact {
  id: string;
  booking: BookingRow;
  milestone: { id: string; name: string };
  storageKey: string;
  filename: string;
  kind: ArtifactKind;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/** The 409 of a booking whose homework is at its quota, with the limits and what it holds. */
export function quotaExceeded(used: { files: number; bytes: number }): AppError {
  return new AppError('homework_quota_exceeded',
    `A booking holds at most ${MAX_BOOKING_ARTIFACTS} homework files and ${MAX_BOOKING_ARTIFACT_BYTES / (1024 * 1024)} MB in all; remove a file to make room.`,
    { max_files: MAX_BOOKING_ARTIFACTS, max_bytes: MAX_BOOKING_ARTIFACT_BYTES, used_files: used.files, used_bytes: used.bytes });
}

/**
 * Writes the row and records `homework.uploaded` (the instructor's mail is queued by its subscriber).
 * The booking's quota is checked under a lock per booking, so two uploads at once cannot both take the last room.
 */
export async function recordArtifact(tx: Tx, ctx: EventContext, a: NewArtifact): Promise<ArtifactRow> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`homework:${a.booking.orgId}:${a.booking.id}`}, 0))`);
  const used = await bookingArtifactUsage(tx, a.booking.orgId, a.booking.id);
  if (quotaRefusal(used, a.sizeBytes)) throw quotaExceeded(used);
  const [row] = await tx.insert(t.bookingArtifacts).values({
    id: a.id, orgId: a.booking.orgId, bookingId: a.booking.id, milestoneId: a.milestone.id, customerId: a.booking.customerId,
    storageKey: a.storageKey, filename: a.filename, contentType: a.contentType, extension: a.kind, sizeBytes: a.sizeBytes, sha256: a.sha256, createdAt: ctx.now,
  }).returning();
  await recordEvent(tx, {
    orgId: a.booking.orgId, type: 'homework.uploaded', subjectId: a.booking.id,
    payload: { artifact_id: a.id, milestone_id: a.milestone.id, milestone: a.milestone.name, filename: a.filename, kind: a.kind, size_bytes: a.sizeBytes },
  }, ctx);
  return row!;
}

/**
 * Removes the customer's own upload; answers its storage key, undefined when there was none. The
 * bytes are removed after commit by a job queued here, in the same transaction: the row and the
 * job exist together or not at all, and one removal queues one job (keyed by the file).
 */
export async function removeArtifact(tx: Tx, ctx: EventContext, booking: BookingRow, artifactId: string): Promise<string | undefined> {
  const [gone] = await tx.delete(t.bookingArtifacts)
    .where(and(eq(t.bookingArtifacts.orgId, booking.orgId), eq(t.bookingArtifacts.bookingId, booking.id), eq(t.bookingArtifacts.id, artifactId), eq(t.bookingArtifacts.customerId, booking.customerId)))
    .returning({ storageKey: t.bookingArtifacts.storageKey, milestoneId: t.bookingArtifacts.milestoneId, filename: t.bookingArtifacts.filename });
  if (!gone) return undefined;
  await enqueue(tx, HOMEWORK_OBJECTS_QUEUE, { org_id: booking.orgId, artifact_id: artifactId, storage_key: gone.storageKey }, { singletonKey: `homework-object:${artifactId}` });
  await recordEvent(tx, { orgId: booking.orgId, type: 'homework.removed', subjectId: booking.id, payload: { artifact_id: artifactId, milestone_id: gone.milestoneId, filename: gone.filename } }, ctx);
  return gone.storageKey;
}

/** The file a signed download link names: the link is the proof (signed by the server for someone who could see it, minutes ago). */
export async function artifactForLink(db: Database, orgId: string, artifactId: string): Promise<ArtifactRow | undefined> {
  return withSystem(db, orgId, 'homework download: the signed link was issued to someone who could see the file', async (tx) => {
    const [row] = await tx.select().from(t.bookingArtifacts).where(and(eq(t.bookingArtifacts.orgId, orgId), eq(t.bookingArtifacts.id, artifactId)));
    return row;
  });
}
