/** Marketing consents as the caller's policies show them (the studio's owners and managers). */
import { and, desc, eq, ilike, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';

export type ConsentListed = typeof t.marketingConsents.$inferSelect & { customerName: string };

/**
 * The consent records, newest request first (then by id, so that a page ends where the next begins);
 * `customerId` / `status` filter, `q` is part of the address (any case), `after` the last row of the page before.
 */
export async function marketingConsentsOf(tx: Tx, orgId: string, filter: {
  customerId?: string | undefined; status?: string | undefined; q?: string | undefined; after?: { at: Date; id: string } | undefined; limit: number;
}): Promise<ConsentListed[]> {
  const m = t.marketingConsents;
  // The cursor carries milliseconds (a JavaScript date): order and compare at that precision, so no row is skipped or repeated.
  const requestedMs = sql`date_trunc('milliseconds', ${m.requestedAt})`;
  const like = filter.q ? `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await tx.select({ consent: m, customerName: t.customers.name }).from(m)
    .innerJoin(t.customers, and(eq(t.customers.orgId, m.orgId), eq(t.customers.id, m.customerId)))
    .where(and(eq(m.orgId, orgId),
      filter.customerId ? eq(m.customerId, filter.customerId) : undefined,
      filter.status ? eq(m.status, filter.status) : undefined,
      like ? ilike(m.email, like) : undefined,
      filter.after ? sql`(${requestedMs}, ${m.id}) < (${filter.after.at.toISOString()}::timestamptz, ${filter.after.id}::uuid)` : undefined))
    .orderBy(desc(requestedMs), desc(m.id)).limit(filter.limit);
  return rows.map((r) => ({ ...r.consent, customerName: r.customerName }));
}

/** The studio's name (every caller may read an org's name). */
export async function studioNameOf(tx: Tx, orgId: string): Promise<string> {
  const [row] = await tx.select({ name: t.orgs.name }).from(t.orgs).where(eq(t.orgs.id, orgId));
  return row?.name ?? '';
}
