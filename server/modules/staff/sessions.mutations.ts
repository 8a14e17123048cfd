/** Ending staff sessions: signing out (the person's own), run as the signed-in staff member. */
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';

/** Ends this session (the policies let a person end their own; owners and managers any of the studio's). */
export async function endStaffSession(tx: Tx, orgId: string, sessionId: string, now: Date): Promise<void> {
  await tx.update(t.staffSessions).set({ revokedAt: now })
    .where(and(eq(t.staffSessions.orgId, orgId), eq(t.staffSessions.id, sessionId), isNull(t.staffSessions.revokedAt)));
}
