/**
 * The studio's list of program categories, as its owners and managers write it (their policies
 * allow them): add, rename (a new key moves the programs that use it along), relabel per language,
 * delete one no program uses. The first write starts the studio's own list from the built-in one.
 * Each records `program_category.*` in the transaction.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { PG } from '../../platform/db/pg-errors.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import type { CreateCategoryBody, UpdateCategoryBody } from '../../../schema/api/admin-programs.ts';
import { categoriesOf } from './categories.queries.ts';
import { guarded } from './editor.mutations.ts';

const keyTaken = () => new AppError('conflict', 'The studio has a category with this key.', { errors: [{ field: 'key', message: 'is already in the list' }] });
const notInList = () => new AppError('not_found', 'The studio has no category with this key.');

/** The studio's own list: written from the built-in one the first time the studio changes it. */
async function ownList(tx: Tx, orgId: string): Promise<void> {
  const [own] = await tx.select({ n: sql<number>`count(*)::int` }).from(t.programCategories).where(eq(t.programCategories.orgId, orgId));
  if (Number(own?.n ?? 0) > 0) return;
  const start = await categoriesOf(tx, orgId);
  await tx.insert(t.programCategories).values(start.map((c, i) => ({ orgId, key: c.key, labels: c.labels, sortOrder: i + 1 })));
}

/** Adds a category at the end of the studio's list. */
export async function createCategory(tx: Tx, orgId: string, body: CreateCategoryBody, ctx: EventContext): Promise<void> {
  await ownList(tx, orgId);
  const [last] = await tx.select({ n: sql<number>`coalesce(max(sort_order), 0)::int` }).from(t.programCategories).where(eq(t.programCategories.orgId, orgId));
  await guarded(tx, PG.uniqueViolation, keyTaken, (sp) => sp.insert(t.programCategories).values({ orgId, key: body.key, labels: body.labels as Record<string, string>, sortOrder: Number(last?.n ?? 0) + 1 }));
  await recordEvent(tx, { orgId, type: 'program_category.created', subjectId: orgId, payload: { key: body.key } }, ctx);
}

/**
 * Renames a category (`key`: the programs filed under the old key move to the new one, drafts and
 * published alike) and/or replaces its labels (a language left out has none; the widget then shows
 * the studio's language). 404 for a key the list lacks; 409 `conflict` for a key it has.
 */
export async function updateCategory(tx: Tx, orgId: string, key: string, body: UpdateCategoryBody, ctx: EventContext): Promise<void> {
  await ownList(tx, orgId);
  const [row] = await tx.select({ id: t.programCategories.id }).from(t.programCategories)
    .where(and(eq(t.programCategories.orgId, orgId), eq(t.programCategories.key, key))).for('update');
  if (!row) throw notInList();
  const next = body.key ?? key;
  await guarded(tx, PG.uniqueViolation, keyTaken, (sp) => sp.update(t.programCategories)
    .set({ key: next, ...(body.labels ? { labels: body.labels as Record<string, string> } : {}) })
    .where(eq(t.programCategories.id, row.id)));
  const moved = next === key ? [] : await tx.update(t.programs).set({ category: next, updatedAt: ctx.now })
    .where(and(eq(t.programs.orgId, orgId), eq(t.programs.category, key))).returning({ id: t.programs.id });
  await recordEvent(tx, { orgId, type: 'program_category.updated', subjectId: orgId, payload: { key, ...(next !== key ? { new_key: next, programs: moved.length } : {}), labels: body.labels !== undefined } }, ctx);
}

/** The programs filed under `key` (any status), for the 409 that refuses deleting it. */
async function programsUsing(tx: Tx, orgId: string, key: string) {
  return tx.select({ id: t.programs.id, slug: t.programs.slug, title: t.programs.title, status: t.programs.status }).from(t.programs)
    .where(and(eq(t.programs.orgId, orgId), eq(t.programs.category, key))).orderBy(asc(t.programs.title));
}

/** Deletes a category no program uses; while any does, 409 `category_in_use` with those programs. */
export async function deleteCategory(tx: Tx, orgId: string, key: string, ctx: EventContext): Promise<void> {
  await ownList(tx, orgId);
  const [row] = await tx.select({ id: t.programCategories.id }).from(t.programCategories)
    .where(and(eq(t.programCategories.orgId, orgId), eq(t.programCategories.key, key))).for('update');
  if (!row) throw notInList();
  const using = await programsUsing(tx, orgId, key);
  if (using.length) {
    throw new AppError('category_in_use', `${using.length} program(s) use this category: give them another one first.`, {
      programs: using.map((p) => ({ id: p.id, slug: p.slug, title: p.title, status: p.status })),
    });
  }
  await tx.delete(t.programCategories).where(eq(t.programCategories.id, row.id));
  await recordEvent(tx, { orgId, type: 'program_category.deleted', subjectId: orgId, payload: { key } }, ctx);
}
