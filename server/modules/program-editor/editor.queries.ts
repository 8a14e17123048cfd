/** Programs as the studio's wizard reads them (drafts included), as the staff member. */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import { missingForPublish } from './domain/index.ts';
import { offeredMethods } from '../../../shared/payment-methods.ts';

export type EditorProgramRow = typeof t.programs.$inferSelect;
export type EditorVariantRow = typeof t.programVariants.$inferSelect;

export interface ProgramEditorView {
  program: EditorProgramRow;
  instructorIds: string[];
  variants: EditorVariantRow[];
  form: typeof t.programIntakeForms.$inferSelect | undefined;
  milestones: (typeof t.programMilestones.$inferSelect)[];
  /** The studio's account (which bank method a variant can offer). */
  orgBilling: (typeof t.orgs.$inferSelect)['billing'];
  missing: string[];
}

export async function programsForStaff(tx: Tx, orgId: string) {
  return tx.select({
    id: t.programs.id, slug: t.programs.slug, title: t.programs.title, status: t.programs.status, category: t.programs.category,
    visibility: t.programs.visibility, updatedAt: t.programs.updatedAt,
    // Qualified by hand: inside a select list Drizzle names columns without their table.
    variants: sql<number>`(select count(*)::int from program_variants v where v.org_id = programs.org_id and v.program_id = programs.id and v.is_active)`,
  }).from(t.programs).where(eq(t.programs.orgId, orgId)).orderBy(asc(t.programs.title));
}

export async function programForEditor(tx: Tx, orgId: string, id: string): Promise<ProgramEditorView | undefined> {
  const [[program], instructors, variants, [form], milestones, [org]] = await Promise.all([
    tx.select().from(t.programs).where(and(eq(t.programs.orgId, orgId), eq(t.programs.id, id))),
    tx.select({ id: t.programInstructors.staffId }).from(t.programInstructors).where(and(eq(t.programInstructors.orgId, orgId), eq(t.programInstructors.programId, id))),
    tx.select().from(t.programVariants).where(and(eq(t.programVariants.orgId, orgId), eq(t.programVariants.programId, id)))
      .orderBy(desc(t.programVariants.isActive), asc(t.programVariants.sortOrder), asc(t.programVariants.createdAt)),
    tx.select().from(t.programIntakeForms).where(and(eq(t.programIntakeForms.orgId, orgId), eq(t.programIntakeForms.programId, id))),
    tx.select().from(t.programMilestones).where(and(eq(t.programMilestones.orgId, orgId), eq(t.programMilestones.programId, id))).orderBy(asc(t.programMilestones.orderIdx)),
    tx.select({ billing: t.orgs.billing }).from(t.orgs).where(eq(t.orgs.id, orgId)),
  ]);
  if (!program) return undefined;
  const missing = missingForPublish({
    title: program.title, summary: program.summary, sessionLengthMin: program.sessionLengthMin, deliveryMode: program.deliveryMode,
    locationId: program.locationId, meetingUrl: program.meetingUrl, instructors: instructors.length, activeVariants: variants.filter((v) => v.isActive).length,
    variantsWithoutMethod: variants.filter((v) => v.isActive && offeredMethods(v.currency, org?.billing, v.creditPrice, v.allowedMethods).length === 0).length,
  });
  return { program, instructorIds: instructors.map((i) => i.id), variants, form, milestones, orgBilling: org?.billing ?? null, missing };
}

/** Where a program is in the wizard (`draft`, `published`, `archived`), as the caller sees it. */
export async function programStatusOf(tx: Tx, orgId: string, id: string): Promise<string | undefined> {
  const [row] = await tx.select({ status: t.programs.status }).from(t.programs).where(and(eq(t.programs.orgId, orgId), eq(t.programs.id, id)));
  return row?.status;
}
