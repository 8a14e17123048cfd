/**
 * Tagging a customer, by staff or by an automation's "add a tag". A tag is one per customer whatever
 * its case ("VIP" and "vip" are the same tag, as a segment's tag filter reads them): adding one the
 * customer has in another case keeps the one they have; removing removes it in any case. A change
 * records `customer.tag_added` / `customer.tag_removed` in the same transaction (the customer's
 * history; in-process subscribers); one that changes nothing records nothing. They are not outgoing
 * webhook events (shared/webhook-events.ts is the public list).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';

const sameTag = (tag: string) => sql`lower(${t.customerTags.tag}) = lower(${tag})`;

/** Who changed a tag: a staff member, or an automation's run. */
export type TagChangedBy = { kind: 'staff'; staff_id: string } | { kind: 'automation'; automation_id: string; run_id: string };

/** Adds the tag unless the customer has it (in any case). Returns whether it was added. */
export async function addCustomerTag(tx: Tx, ctx: EventContext, orgId: string, customerId: string, tag: string, by: TagChangedBy): Promise<boolean> {
  const [has] = await tx.select({ tag: t.customerTags.tag }).from(t.customerTags)
    .where(and(eq(t.customerTags.orgId, orgId), eq(t.customerTags.customerId, customerId), sameTag(tag)));
  if (has) return false;
  const added = await tx.insert(t.customerTags).values({ orgId, customerId, tag, createdAt: ctx.now }).onConflictDoNothing().returning({ tag: t.customerTags.tag });
  if (!added.length) return false;
  await recordEvent(tx, { orgId, type: 'customer.tag_added', subjectId: customerId, payload: { customer_id: customerId, tag, by } }, ctx);
  return true;
}

/** Removes the tag in any case. Returns whether the customer had it. */
export async function removeCustomerTag(tx: Tx, ctx: EventContext, orgId: string, customerId: string, tag: string, by: TagChangedBy): Promise<boolean> {
  const removed = await tx.delete(t.customerTags)
    .where(and(eq(t.customerTags.orgId, orgId), eq(t.customerTags.customerId, customerId), sameTag(tag)))
    .returning({ tag: t.customerTags.tag });
  for (const r of removed) {
    await recordEvent(tx, { orgId, type: 'customer.tag_removed', subjectId: customerId, payload: { customer_id: customerId, tag: r.tag, by } }, ctx);
  }
  return removed.length > 0;
}
