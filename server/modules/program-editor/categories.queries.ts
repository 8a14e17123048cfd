/** The studio's program categories: its own list, or the built-in one while it has none. */
import { asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import { BUILT_IN_CATEGORIES, type ContentLang } from '../../../schema/db/index.ts';
import { BUILT_IN_LABELS } from './domain/index.ts';

export interface CategoryEntry { key: string; labels: Partial<Record<ContentLang, string>> }
export interface CategoryView extends CategoryEntry { programs: number }

/** The studio's own categories in its order, else the built-in list (the wizard's and the embed's alike). */
export async function categoryList(tx: Tx, orgId: string): Promise<CategoryEntry[]> {
  const rows = await tx.select({ key: t.programCategories.key, labels: t.programCategories.labels })
    .from(t.programCategories).where(eq(t.programCategories.orgId, orgId)).orderBy(asc(t.programCategories.sortOrder), asc(t.programCategories.key));
  return rows.length ? rows : BUILT_IN_CATEGORIES.map((key) => ({ key, labels: BUILT_IN_LABELS[key] ?? {} }));
}

/** The list as the wizard offers it, each category with the number of the studio's programs in it (counted by key). */
export async function categoriesOf(tx: Tx, orgId: string): Promise<CategoryView[]> {
  const [list, counted] = await Promise.all([
    categoryList(tx, orgId),
    tx.select({ key: t.programs.category, programs: sql<number>`count(*)::int` })
      .from(t.programs).where(eq(t.programs.orgId, orgId)).groupBy(t.programs.category),
  ]);
  const countOf = new Map(counted.map((c) => [c.key, Number(c.programs)]));
  return list.map((c) => ({ ...c, programs: countOf.get(c.key) ?? 0 }));
}
