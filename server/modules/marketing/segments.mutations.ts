import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import type { SegmentFilterJson } from '../../../schema/db/marketing.ts';

export type SegmentRow = typeof t.segments.$inferSelect;

export async function createSegment(tx: Tx, env: { now: Date }, orgId: string, input: { name: string; filter: SegmentFilterJson }): Promise<SegmentRow> {
  const [row] = await tx.insert(t.segments).values({ orgId, name: input.name, filter: input.filter, createdAt: env.now }).returning();
  return row!;
}
