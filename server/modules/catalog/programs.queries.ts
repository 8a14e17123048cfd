import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rows } from '../../platform/db/prepared.ts';
import * as t from '../../../schema/db/index.ts';
import { approvedTestimonials, type Testimonials } from '../reviews/index.ts';
import { categoryNames, type CategoryNames } from './categories.queries.ts';

export type ProgramRow = typeof t.programs.$inferSelect;
export type VariantRow = typeof t.programVariants.$inferSelect;

/** A program in a list, with its variants (for the "from" price). */
export interface ProgramListing { program: ProgramRow; variants: VariantRow[] }

/** A program with its active variants, intake form, milestones, instructors, location and the studio's billing account (which bank method it takes). */
export interface ProgramView {
  program: ProgramRow;
  variants: VariantRow[];
  form: typeof t.programIntakeForms.$inferSelect | undefined;
  milestones: (typeof t.programMilestones.$inferSelect)[];
  instructors: Awaited<ReturnType<typeof programInstructors>>;
  location: typeof t.locations.$inferSelect | undefined;
  orgBilling: (typeof t.orgs.$inferSelect)['billing'] | undefined;
  /** Customers' reviews the studio approved as testimonials (the caller's policies: the public sees only those). */
  reviews: Testimonials;
  /** The studio's category labels and language (the program's category is named from them). */
  categories: CategoryNames;
}

/**
 * The programs the transaction may list. No visibility filter here on purpose
 * beyond `public`: which programs exist for the caller is the policies' job.
 */
export async function listPrograms(tx: Tx, orgId: string): Promise<ProgramListing[]> {
  const programs = await tx.select().from(t.programs)
    .where(and(eq(t.programs.orgId, orgId), eq(t.programs.visibility, 'public')))
    .orderBy(asc(t.programs.title));
  if (programs.length === 0) return [];
  const variants = await tx.select().from(t.programVariants).where(inArray(t.programVariants.programId, programs.map((p) => p.id)));
  return programs.map((p) => ({ program: p, variants: variants.filter((v) => v.programId === p.id) }));
}

export async function findProgramBySlug(tx: Tx, orgId: string, slug: string): Promise<ProgramRow | undefined> {
  const [program] = await tx.select().from(t.programs).where(and(eq(t.programs.orgId, orgId), eq(t.programs.slug, slug))).limit(1);
  return program;
}

export async function programInstructors(tx: Tx, programId: string) {
  return tx.select({ id: t.staff.id, name: t.staff.name, bio: t.staff.bio, photoUrl: t.staff.photoUrl, timezone: t.staff.timezone })
    .from(t.programInstructors)
    .innerJoin(t.staff, and(eq(t.staff.id, t.programInstructors.staffId), eq(t.staff.orgId, t.programInstructors.orgId)))
    .where(and(eq(t.programInstructors.programId, programId), eq(t.staff.isActive, true)))
    .orderBy(asc(t.staff.name));
}

export async function getProgramDetail(tx: Tx, orgId: string, slug: string): Promise<ProgramView | undefined> {
  const p = await findProgramBySlug(tx, orgId, slug);
  if (!p) return undefined;
  const [variants, forms, milestones, instructors, location, [org], reviews, categories] = await Promise.all([
    tx.select().from(t.programVariants).where(and(eq(t.programVariants.programId, p.id), eq(t.programVariants.isActive, true))).orderBy(asc(t.programVariants.sortOrder), asc(t.programVariants.price)),
    tx.select().from(t.programIntakeForms).where(eq(t.programIntakeForms.programId, p.id)),
    tx.select().from(t.programMilestones).where(eq(t.programMilestones.programId, p.id)).orderBy(asc(t.programMilestones.orderIdx)),
    programInstructors(tx, p.id),
    p.locationId ? tx.select().from(t.locations).where(eq(t.locations.id, p.locationId)) : Promise.resolve([]),
    // The studio's account decides the bank method (a QR-bill for CH/LI, an EPC QR invoice for other SEPA accounts).
    tx.select({ billing: t.orgs.billing }).from(t.orgs).where(eq(t.orgs.id, orgId)),
    approvedTestimonials(tx, orgId, p.id),
    categoryNames(tx, orgId),
  ]);
  return { program: p, variants, form: forms[0], milestones, instructors, location: location[0], orgBilling: org?.billing, reviews, categories };
}

/**
 * The org's catalog version: raised by the database whenever anything a program answer shows
 * changes (migration 0025). Sent at the call (prepared), to share a round trip.
 */
export function catalogVersion(tx: Tx, orgId: string): Promise<number> {
  return rows(tx, sql`select catalog_version from orgs where id = ${orgId}::uuid`).then(([row]) => Number(row?.catalog_version ?? -1));
}
