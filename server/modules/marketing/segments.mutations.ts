import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import type { SegmentFilterJson } from '../../../schema/db/marketing.ts';

export type SegmentRow = typeof t.segments.$inferSelect;

export async function createSegment(tx: Tx, env: { now: Date }, orgId: string, input: { name: string; filter: SegmentFilterJson }): Promise<SegmentRow> {
  const [row] = await tx.insert(t.segments).values({ orgId, name: input.name, filter: input.filter, createdAt: env.now }).returning();
  return row!;
}

/** A segment's new name and/or filter (its members are computed live, so nothing else changes); undefined for none of the org's. */
export async function updateSegment(tx: Tx, orgId: string, id: string, patch: { name?: string | undefined; filter?: SegmentFilterJson | undefined }): Promise<SegmentRow | undefined> {
  const set = { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.filter !== undefined ? { filter: patch.filter } : {}) };
  if (!Object.keys(set).length) {
    const [row] = await tx.select().from(t.segments).where(and(eq(t.segments.orgId, orgId), eq(t.segments.id, id)));
    return row;
  }
  const [row] = await tx.update(t.segments).set(set).where(and(eq(t.segments.orgId, orgId), eq(t.segments.id, id))).returning();
  return row;
}
