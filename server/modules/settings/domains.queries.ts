import { eq } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rowsOf } from '../../platform/db/rows.ts';
import * as t from '../../../schema/db/index.ts';

export type CustomDomainRow = typeof t.customDomains.$inferSelect;

/** The studio's own domain, as the owner's policies show it (none to anyone else). */
export async function customDomainOfStudio(tx: Tx, orgId: string): Promise<CustomDomainRow | undefined> {
  const [row] = await tx.select().from(t.customDomains).where(eq(t.customDomains.orgId, orgId));
  return row;
}

/** Every verified domain with its studio's slug: only a cross-tenant transaction gets them (the definer function). */
export async function verifiedCustomDomains(tx: Tx): Promise<{ host: string; slug: string }[]> {
  return rowsOf<{ host: string; slug: string }>(await tx.execute(sql`select host, slug from verified_custom_domains()`));
}
