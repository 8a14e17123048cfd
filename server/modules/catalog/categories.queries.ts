/**
 * What the catalog's answers need to name a program's category: the studio's own labels per key
 * (the built-in ones while it has written none) and the studio's language, the fallback when a
 * label is missing in the reader's.
 */
import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import type { CategoryLabels } from '../../../shared/program-categories.ts';
import { categoryList } from '../program-editor/index.ts';

export interface CategoryNames { studioLang: string; labels: Record<string, CategoryLabels> }

export async function categoryNames(tx: Tx, orgId: string): Promise<CategoryNames> {
  const [list, [org]] = await Promise.all([
    categoryList(tx, orgId),
    tx.select({ locale: t.orgs.defaultLocale }).from(t.orgs).where(eq(t.orgs.id, orgId)),
  ]);
  return { studioLang: org?.locale ?? 'en', labels: Object.fromEntries(list.map((c) => [c.key, c.labels])) };
}
