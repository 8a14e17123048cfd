/** A customer's tags (staff's and automations' `add_tag`), as the caller's policies show them: the studio's owners and managers. */
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';

/** The customer's tags, alphabetical (as written). */
export async function tagsOfCustomer(tx: Tx, orgId: string, customerId: string): Promise<string[]> {
  const rows = await tx.select({ tag: t.customerTags.tag }).from(t.customerTags)
    .where(and(eq(t.customerTags.orgId, orgId), eq(t.customerTags.customerId, customerId))).orderBy(asc(t.customerTags.tag));
  return rows.map((r) => r.tag);
}
