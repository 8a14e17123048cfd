/** Marketing consents as the caller's policies show them (the studio's owners and managers). */
import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';

export type ConsentListed = typeof t.marketingConsents.$inferSelect & { customerName: string };

/** The consent records, newest request first; `customerId` / `status` filter. */
export async function marketingConsentsOf(tx: Tx, orgId: string, filter: { customerId?: string | undefined; status?: string | undefined; limit: number }): Promise<ConsentListed[]> {
  const rows = await tx.select({ consent: t.marketingConsents, customerName: t.customers.name }).from(t.marketingConsents)
    .innerJoin(t.customers, and(eq(t.customers.orgId, t.marketingConsents.orgId), eq(t.customers.id, t.marketingConsents.customerId)))
    .where(and(eq(t.marketingConsents.orgId, orgId),
      filter.customerId ? eq(t.marketingConsents.customerId, filter.customerId) : undefined,
      filter.status ? eq(t.marketingConsents.status, filter.status) : undefined))
    .orderBy(desc(t.marketingConsents.requestedAt)).limit(filter.limit);
  return rows.map((r) => ({ ...r.consent, customerName: r.customerName }));
}

/** The studio's name (every caller may read an org's name). */
export async function studioNameOf(tx: Tx, orgId: string): Promise<string> {
  const [row] = await tx.select({ name: t.orgs.name }).from(t.orgs).where(eq(t.orgs.id, orgId));
  return row?.name ?? '';
}
