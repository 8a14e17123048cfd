/** A booking's private thread, read under the caller's own policies (the customer: their own bookings' threads only). */
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';

export interface ThreadMessage { id: string; from: 'customer' | 'staff' | 'system'; bodyMd: string; createdAt: Date }

export async function threadMessages(tx: Tx, orgId: string, bookingId: string): Promise<ThreadMessage[]> {
  const rows = await tx.select({ id: t.messages.id, from: t.messages.senderKind, bodyMd: t.messages.bodyMd, createdAt: t.messages.createdAt })
    .from(t.messages)
    .innerJoin(t.messageThreads, and(eq(t.messageThreads.orgId, t.messages.orgId), eq(t.messageThreads.id, t.messages.threadId)))
    .where(and(eq(t.messages.orgId, orgId), eq(t.messageThreads.bookingId, bookingId)))
    .orderBy(asc(t.messages.createdAt), asc(t.messages.id));
  return rows;
}
