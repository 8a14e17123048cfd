import { and, asc, eq } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rowsOf } from '../../platform/db/rows.ts';
import * as t from '../../../schema/db/index.ts';

/** A studio named by its slug: its org and the publishable key its hosted pages hand to the widget. */
export interface StudioRef { orgId: string; publishableKey: string | null }

/**
 * Resolves a studio's slug (a SECURITY DEFINER function: the org is not known before the slug is).
 * Call it in a cross-tenant transaction; everything else is read afterwards as the org's anonymous caller.
 */
export async function studioBySlug(tx: Tx, slug: string): Promise<StudioRef | undefined> {
  const row = rowsOf<{ org_id: string; publishable_key: string | null }>(await tx.execute(sql`select org_id, publishable_key from studio_by_slug(${slug})`))[0];
  return row ? { orgId: String(row.org_id), publishableKey: row.publishable_key ?? null } : undefined;
}

/** The studios that have pages to index, for the sitemap index (a SECURITY DEFINER function, cross-tenant). */
export async function studiosWithPublicPages(tx: Tx): Promise<{ slug: string; lastmod: Date }[]> {
  const rows = rowsOf<{ slug: string; lastmod: string | Date }>(await tx.execute(sql`select slug, lastmod from studios_with_public_pages()`));
  return rows.map((r) => ({ slug: r.slug, lastmod: new Date(r.lastmod) }));
}

/** The studio as its pages present it (orgs are readable to every caller of the org). */
export async function studioProfile(tx: Tx, orgId: string) {
  const [org] = await tx.select({ slug: t.orgs.slug, name: t.orgs.name, defaultLocale: t.orgs.defaultLocale, billing: t.orgs.billing })
    .from(t.orgs).where(eq(t.orgs.id, orgId)).limit(1);
  return org;
}

/** The public programs of a studio with their last change, for its sitemap (the policies decide what the caller sees). */
export async function publicProgramsChanged(tx: Tx, orgId: string): Promise<{ slug: string; updatedAt: Date; translations: typeof t.programs.$inferSelect['translations'] }[]> {
  return tx.select({ slug: t.programs.slug, updatedAt: t.programs.updatedAt, translations: t.programs.translations }).from(t.programs)
    .where(and(eq(t.programs.orgId, orgId), eq(t.programs.visibility, 'public'), eq(t.programs.isActive, true)))
    .orderBy(asc(t.programs.slug));
}
