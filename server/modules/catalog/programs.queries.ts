import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import type { ProgramDetail, ProgramSummary } from '../../../schema/api/embed-programs.ts';
import { renderMarkdown } from '../../platform/adapters/markdown.ts';
import { withFieldOrder } from '../../../shared/intake-form.ts';
import { offeredMethods } from '../../../shared/payment-methods.ts';

type ProgramRow = typeof t.programs.$inferSelect;
type VariantRow = typeof t.programVariants.$inferSelect;

/** The cheapest active variant, as the list's "from" price. */
function fromPrice(variants: VariantRow[]) {
  const active = variants.filter((v) => v.isActive);
  if (active.length === 0) return null;
  const cheapest = active.reduce((a, b) => (b.price < a.price ? b : a));
  return { amount: cheapest.price, currency: cheapest.currency };
}

function mediaUrl(p: ProgramRow, role: 'banner' | 'thumbnail'): string | null {
  return p.media.find((m) => m.role === role)?.url ?? p.media.find((m) => m.kind === 'image')?.url ?? null;
}

function summaryOf(p: ProgramRow, variants: VariantRow[]): ProgramSummary {
  return {
    id: p.id, slug: p.slug, title: p.title, summary: p.summary, category: p.category, delivery_mode: p.deliveryMode,
    session_length_min: p.sessionLengthMin, is_multi_session: p.isMultiSession, sessions_count: p.defaultSessionsCount,
    from_price: fromPrice(variants), thumbnail_url: mediaUrl(p, 'thumbnail'), tags: p.tags,
  };
}

/**
 * The programs the transaction may list. No visibility filter here on purpose
 * beyond `public`: which programs exist for the caller is the policies' job.
 */
export async function listPrograms(tx: Tx, orgId: string): Promise<ProgramSummary[]> {
  const programs = await tx.select().from(t.programs)
    .where(and(eq(t.programs.orgId, orgId), eq(t.programs.visibility, 'public')))
    .orderBy(asc(t.programs.title));
  if (programs.length === 0) return [];
  const variants = await tx.select().from(t.programVariants).where(inArray(t.programVariants.programId, programs.map((p) => p.id)));
  return programs.map((p) => summaryOf(p, variants.filter((v) => v.programId === p.id)));
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

export async function getProgramDetail(tx: Tx, orgId: string, slug: string): Promise<ProgramDetail | undefined> {
  const p = await findProgramBySlug(tx, orgId, slug);
  if (!p) return undefined;
  const [variants, forms, milestones, instructors, location, [org]] = await Promise.all([
    tx.select().from(t.programVariants).where(and(eq(t.programVariants.programId, p.id), eq(t.programVariants.isActive, true))).orderBy(asc(t.programVariants.sortOrder), asc(t.programVariants.price)),
    tx.select().from(t.programIntakeForms).where(eq(t.programIntakeForms.programId, p.id)),
    tx.select().from(t.programMilestones).where(eq(t.programMilestones.programId, p.id)).orderBy(asc(t.programMilestones.orderIdx)),
    programInstructors(tx, p.id),
    p.locationId ? tx.select().from(t.locations).where(eq(t.locations.id, p.locationId)) : Promise.resolve([]),
    // The studio's account decides the bank method (a QR-bill for CH/LI, an EPC QR invoice for other SEPA accounts).
    tx.select({ billing: t.orgs.billing }).from(t.orgs).where(eq(t.orgs.id, orgId)),
  ]);
  const form = forms[0];
  const loc = location[0];
  const d = p.details;
  return {
    ...summaryOf(p, variants),
    visibility: p.visibility,
    description_html: renderMarkdown(p.longDescriptionMd),
    banner_url: mediaUrl(p, 'banner'),
    media: p.media.map((m) => ({ kind: m.kind, url: m.url, alt: m.alt })),
    cadence: p.isMultiSession ? (p.scheduling.cadence ?? { every: 1, unit: 'week' }) : null,
    itinerary: d.itinerary ?? [],
    outcomes: d.outcomes ?? [],
    host_bio_html: d.host_bio_md ? renderMarkdown(d.host_bio_md) : null,
    testimonials: d.testimonials ?? [],
    faq: d.faq ?? [],
    policies: { free_cancel_hours: p.policies.free_cancel_hours, late_cancel_fee_percent: p.policies.late_cancel_fee_bp / 100, notes: p.policies.notes ?? null },
    needs_room: p.resourceId !== null,
    location: loc ? { name: loc.name, address: loc.address } : null,
    variants: variants.map((v) => ({
      id: v.id, name: v.name, sessions_count: v.sessionsCount, price: v.price, currency: v.currency,
      vat_rate: v.vatRateBp / 100, vat_rate_bp: v.vatRateBp, deposit_amount: v.depositAmount,
      pay_plan: v.payPlanJson ?? null, credit_price: v.creditPrice,
      payment_methods: offeredMethods(v.currency, org?.billing, v.creditPrice),
    })),
    intake_form: form ? { schema: withFieldOrder(form.formSchemaJson), is_required: form.isRequired } : null,
    milestones: milestones.map((m) => ({ order: m.orderIdx, name: m.name, description_html: renderMarkdown(m.descriptionMd), due_day_offset: m.dueDayOffset })),
    instructors: instructors.map((i) => ({ id: i.id, name: i.name, bio: i.bio, photo_url: i.photoUrl, timezone: i.timezone })),
  };
}
