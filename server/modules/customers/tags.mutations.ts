/**
 * Staff tagging a customer. A tag is one per customer whatever its case ("VIP" and "vip" are the
 * same tag, as a segment's tag filter reads them): adding one the customer has in another case
 * keeps the one they have; removing removes it in any case.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';

const sameTag = (tag: string) => sql`lower(${t.customerTags.tag}) = lower(${tag})`;

export async function addCustomerTag(tx: Tx, now: Date, orgId: string, customerId: string, tag: string): Promise<void> {
  const [has] = await tx.select({ tag: t.customerTags.tag }).from(t.customerTags)
    .where(and(eq(t.customerTags.orgId, orgId), eq(t.customerTags.customerId, customerId), sameTag(tag)));
  if (has) return;
  await tx.insert(t.customerTags).values({ orgId, customerId, tag, createdAt: now }).onConflictDoNothing();
}

export async function removeCustomerTag(tx: Tx, orgId: string, customerId: string, tag: string): Promise<void> {
  await tx.delete(t.customerTags).where(and(eq(t.customerTags.orgId, orgId), eq(t.customerTags.customerId, customerId), sameTag(tag)));
}
