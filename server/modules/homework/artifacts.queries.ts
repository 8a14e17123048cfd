/** Homework files, read under the caller's own policies (the customer: their own bookings'; an instructor: the bookings they conduct). */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import type { ArtifactUsage } from './domain/index.ts';

export type ArtifactRow = typeof t.bookingArtifacts.$inferSelect;

export async function bookingArtifactList(tx: Tx, orgId: string, bookingId: string): Promise<ArtifactRow[]> {
  return tx.select().from(t.bookingArtifacts)
    .where(and(eq(t.bookingArtifacts.orgId, orgId), eq(t.bookingArtifacts.bookingId, bookingId)))
    .orderBy(asc(t.bookingArtifacts.createdAt), asc(t.bookingArtifacts.id));
}

export async function bookingArtifact(tx: Tx, orgId: string, bookingId: string, artifactId: string): Promise<ArtifactRow | undefined> {
  const [row] = await tx.select().from(t.bookingArtifacts)
    .where(and(eq(t.bookingArtifacts.orgId, orgId), eq(t.bookingArtifacts.bookingId, bookingId), eq(t.bookingArtifacts.id, artifactId)));
  return row;
}

/** A milestone of the booking's own program, as the caller sees it; undefined otherwise. */
export async function milestoneOfBooking(tx: Tx, orgId: string, bookingId: string, milestoneId: string): Promise<{ id: string; name: string } | undefined> {
  const [row] = await tx.select({ id: t.programMilestones.id, name: t.programMilestones.name }).from(t.programMilestones)
    .innerJoin(t.programBookings, and(eq(t.programBookings.orgId, t.programMilestones.orgId), eq(t.programBookings.programId, t.programMilestones.programId)))
    .where(and(eq(t.programMilestones.orgId, orgId), eq(t.programMilestones.id, milestoneId), eq(t.programBookings.id, bookingId)));
  return row;
}

/** How many files (and bytes) the booking holds, for its quota. */
export async function bookingArtifactUsage(tx: Tx, orgId: string, bookingId: string): Promise<ArtifactUsage> {
  const [row] = await tx.select({ files: sql<number>`count(*)::int`, bytes: sql<number>`coalesce(sum(${t.bookingArtifacts.sizeBytes}), 0)::bigint` }).from(t.bookingArtifacts)
    .where(and(eq(t.bookingArtifacts.orgId, orgId), eq(t.bookingArtifacts.bookingId, bookingId)));
  return { files: Number(row?.files ?? 0), bytes: Number(row?.bytes ?? 0) };
}
