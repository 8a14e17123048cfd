/** The studio's program categories as the wizard offers them: its own list, or the built-in one while it has none. */
import { asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import { BUILT_IN_CATEGORIES, type ContentLang } from '../../../schema/db/index.ts';
import { BUILT_IN_LABELS } from './domain/index.ts';

export interface CategoryView { key: string; labels: Partial<Record<ContentLang, string>>; programs: number }

export async function categoriesOf(tx: Tx, orgId: string): Promise<CategoryView[]> {
  const rows = await tx.select({
    key: t.programCategories.key, labels: t.programCategories.labels,
    // Qualified by hand: inside a select list Drizzle names columns without their table.
    programs: sql<number>`(select count(*)::int from programs p where p.org_id = program_categories.org_id and p.category = program_categories.key)`,
  }).from(t.programCategories).where(eq(t.programCategories.orgId, orgId)).orderBy(asc(t.programCategories.sortOrder), asc(t.programCategories.key));
  if (rows.length) return rows.map((r) => ({ ...r, programs: Number(r.programs) }));
  // The built-in list has no rows to count against: its programs are counted by key.
  const counted = await tx.select({ key: t.programs.category, programs: sql<number>`count(*)::int` })
    .from(t.programs).where(eq(t.programs.orgId, orgId)).groupBy(t.programs.category);
  const countOf = new Map(counted.map((c) => [c.key, Number(c.programs)]));
  return BUILT_IN_CATEGORIES.map((key) => ({ key, labels: BUILT_IN_LABELS[key] ?? {}, programs: countOf.get(key) ?? 0 }));
}
