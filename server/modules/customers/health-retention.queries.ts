/** The studio's retention of health answers as staff read it (the console's setting). */
import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';

/** Months after a booking completed that its health answers are kept (24 until the studio sets it). */
export async function healthRetentionOf(tx: Tx, orgId: string): Promise<number> {
  const [org] = await tx.select({ months: t.orgs.healthRetentionMonths }).from(t.orgs).where(eq(t.orgs.id, orgId));
  return org?.months ?? 24;
}
