/**
 * The program wizard's writes, as the studio's owner or manager (their policies allow them):
 * create a draft, save one step, publish when complete. Each records `program.*` in the
 * transaction. What existing bookings bought never changes (variant versions, domain/).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { PG, pgErrorCode } from '../../platform/db/pg-errors.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import type { CreateProgramBody, UpdateProgramBody } from '../../../schema/api/admin-programs.ts';
import { categoriesOf } from './categories.queries.ts';
import { withFieldOrder } from '../../../shared/intake-form.ts';
import { ALL_METHODS } from '../../../shared/payment-methods.ts';
import { variantDecision, type VariantTerms } from './domain/index.ts';
import { programForEditor, type EditorProgramRow } from './editor.queries.ts';

type Step<S extends UpdateProgramBody['step']> = Extract<UpdateProgramBody, { step: S }>;

const slugTaken = () => new AppError('conflict', 'Another program of this studio has this slug.', { errors: [{ field: 'slug', message: 'is already used by another program' }] });

/** Runs a statement that may hit a constraint, as a savepoint, turning the constraint's error into `error`. */
export async function guarded<T>(tx: Tx, code: string, error: () => AppError, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await tx.transaction(work as never) as T;
  } catch (e) {
    if (pgErrorCode(e) === code) throw error();
    throw e;
  }
}

/** A category of the studio's list (the built-in one while it has written none), else 422 on `category`. */
async function studioCategory(tx: Tx, orgId: string, key: string | undefined): Promise<string> {
  const list = await categoriesOf(tx, orgId);
  if (key === undefined) return list[0]?.key ?? 'coaching';
  if (!list.some((c) => c.key === key)) throw new AppError('validation_failed', undefined, { errors: [{ field: 'category', message: `is not one of this studio's categories (${list.map((c) => c.key).join(', ')})` }] });
  return key;
}

/** A new draft: not shown to customers until published. */
export async function createProgram(tx: Tx, orgId: string, body: CreateProgramBody, ctx: EventContext): Promise<string> {
  const id = randomUUID();
  const category = await studioCategory(tx, orgId, body.category);
  await guarded(tx, PG.uniqueViolation, slugTaken, (sp) => sp.insert(t.programs).values({
    id, orgId, slug: body.slug, title: body.title, category, summary: body.summary ?? '',
    deliveryMode: 'in_person', sessionLengthMin: 60, status: 'draft', isActive: false, createdAt: ctx.now, updatedAt: ctx.now,
  }));
  await recordEvent(tx, { orgId, type: 'program.created', subjectId: id, payload: { slug: body.slug } }, ctx);
  return id;
}

/** The program being edited, locked (one save at a time), as the caller sees it. */
export async function programForUpdate(tx: Tx, orgId: string, id: string): Promise<EditorProgramRow | undefined> {
  const [row] = await tx.select().from(t.programs).where(and(eq(t.programs.orgId, orgId), eq(t.programs.id, id))).for('update');
  return row;
}

/** Saves one wizard step; what the step leaves out stays. */
export async function saveProgramStep(tx: Tx, orgId: string, program: EditorProgramRow, body: UpdateProgramBody, ctx: EventContext): Promise<void> {
  switch (body.step) {
    case 'basics': await saveBasics(tx, orgId, program, body, ctx.now); break;
    case 'delivery': await saveDelivery(tx, orgId, program, body, ctx.now); break;
    case 'pricing': await savePricing(tx, orgId, program, body, ctx.now); break;
    case 'intake': await saveIntake(tx, orgId, program, body, ctx.now); break;
    case 'policies': await savePolicies(tx, orgId, program, body, ctx.now); break;
    case 'content': await saveContent(tx, orgId, program, body, ctx.now); break;
  }
  await recordEvent(tx, { orgId, type: 'program.updated', subjectId: program.id, payload: { step: body.step, status: program.status } }, ctx);
}

const defined = <T extends Record<string, unknown>>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

async function saveBasics(tx: Tx, orgId: string, p: EditorProgramRow, b: Step<'basics'>, now: Date): Promise<void> {
  if (b.category !== undefined && b.category !== p.category) await studioCategory(tx, orgId, b.category);
  const details = { ...p.details, ...defined({ itinerary: b.itinerary, outcomes: b.outcomes, host_bio_md: b.host_bio_md, testimonials: b.testimonials, faq: b.faq }) };
  await guarded(tx, PG.uniqueViolation, slugTaken, (sp) => sp.update(t.programs).set({
    ...defined({ title: b.title, slug: b.slug, category: b.category, summary: b.summary, longDescriptionMd: b.long_description_md, tags: b.tags }),
    details, updatedAt: now,
  }).where(and(eq(t.programs.orgId, orgId), eq(t.programs.id, p.id))));
}

async function saveDelivery(tx: Tx, orgId: string, p: EditorProgramRow, b: Step<'delivery'>, now: Date): Promise<void> {
  const scheduling = { ...p.scheduling, ...defined({ buffer_before_min: b.buffer_before_min, buffer_after_min: b.buffer_after_min }) };
  if (b.cadence === null) delete scheduling.cadence;
  else if (b.cadence) scheduling.cadence = b.cadence;
  const notOurs = (field: string) => () => new AppError('validation_failed', undefined, { errors: [{ field, message: 'is not one of this studio\'s' }] });
  await guarded(tx, PG.foreignKeyViolation, notOurs('location_id'), (sp) => sp.update(t.programs).set({
    ...defined({
      deliveryMode: b.delivery_mode, locationId: b.location_id, resourceId: b.resource_id, meetingUrl: b.meeting_url,
      sessionLengthMin: b.session_length_min, isMultiSession: b.is_multi_session, defaultSessionsCount: b.default_sessions_count,
    }),
    scheduling, updatedAt: now,
  }).where(and(eq(t.programs.orgId, orgId), eq(t.programs.id, p.id))));
  if (b.instructor_ids) {
    const ids = [...new Set(b.instructor_ids)];
    await tx.delete(t.programInstructors).where(and(eq(t.programInstructors.orgId, orgId), eq(t.programInstructors.programId, p.id)));
    if (ids.length) {
      const instructors = await tx.select({ id: t.staff.id }).from(t.staff).where(and(eq(t.staff.orgId, orgId), inArray(t.staff.id, ids), eq(t.staff.isActive, true)));
      if (instructors.length !== ids.length) throw notOurs('instructor_ids')();
      await tx.insert(t.programInstructors).values(ids.map((staffId) => ({ orgId, programId: p.id, staffId })));
    }
  }
}

function termsOf(v: Step<'pricing'>['variants'][number]): VariantTerms {
  return {
    currency: v.currency, price: v.price, vatRateBp: v.vat_rate_bp, billing: v.billing, sessionsCount: v.sessions_count,
    depositAmount: v.deposit_amount ?? null, creditPrice: v.credit_price ?? null,
    payPlanJson: v.pay_plan ? { deposit: { kind: 'percent', bp: v.pay_plan.deposit_bp }, installments: v.pay_plan.installments, every: { weeks: v.pay_plan.every_weeks }, schedule: 'interval' } : null,
  };
}

/**
 * The variants as listed, in that order. A listed variant nobody booked changes in place; a
 * booked one whose terms change is retired and a new version takes its place; a variant left
 * out is retired (never deleted: bookings point at it).
 */
async function savePricing(tx: Tx, orgId: string, p: EditorProgramRow, b: Step<'pricing'>, now: Date): Promise<void> {
  const existing = await tx.select({
    row: t.programVariants,
    // Qualified by hand: inside a select list Drizzle names columns without their table.
    booked: sql<boolean>`exists (select 1 from program_bookings x where x.org_id = program_variants.org_id and x.variant_id = program_variants.id)`,
  }).from(t.programVariants).where(and(eq(t.programVariants.orgId, orgId), eq(t.programVariants.programId, p.id)));
  const byId = new Map(existing.map((e) => [e.row.id, e]));
  const kept = new Set<string>();
  for (const [i, v] of b.variants.entries()) {
    if (v.deposit_amount != null && v.deposit_amount > v.price) throw new AppError('validation_failed', undefined, { errors: [{ field: `variants.${i}.deposit_amount`, message: 'must not exceed the price' }] });
    const before = v.id ? byId.get(v.id) : undefined;
    if (v.id && !before) throw new AppError('validation_failed', undefined, { errors: [{ field: `variants.${i}.id`, message: 'is not a variant of this program' }] });
    const terms = termsOf(v);
    const decision = variantDecision(before && { booked: before.booked, terms: before.row as unknown as VariantTerms }, terms);
    // Not part of what a booking bought: carried into a new version, changed in place otherwise.
    const allowedMethods = v.allowed_methods ?? before?.row.allowedMethods ?? [...ALL_METHODS];
    const values = { name: v.name, ...terms, payPlanJson: terms.payPlanJson as EditorVariantTerms, sortOrder: i, isActive: true, allowedMethods };
    if (decision === 'insert' || decision === 'new_version') {
      await tx.insert(t.programVariants).values({ orgId, programId: p.id, ...values, createdAt: now });
      if (decision === 'new_version') await tx.update(t.programVariants).set({ isActive: false }).where(and(eq(t.programVariants.orgId, orgId), eq(t.programVariants.id, v.id!)));
    } else {
      kept.add(v.id!);
      await tx.update(t.programVariants).set(decision === 'rename_only' ? { name: v.name, sortOrder: i, isActive: true, allowedMethods } : values)
        .where(and(eq(t.programVariants.orgId, orgId), eq(t.programVariants.id, v.id!)));
    }
  }
  const retired = existing.filter((e) => !kept.has(e.row.id)).map((e) => e.row.id);
  if (retired.length) await tx.update(t.programVariants).set({ isActive: false }).where(and(eq(t.programVariants.orgId, orgId), inArray(t.programVariants.id, retired)));
  await tx.update(t.programs).set({ updatedAt: now }).where(and(eq(t.programs.orgId, orgId), eq(t.programs.id, p.id)));
}

type EditorVariantTerms = (typeof t.programVariants.$inferInsert)['payPlanJson'];

async function saveIntake(tx: Tx, orgId: string, p: EditorProgramRow, b: Step<'intake'>, now: Date): Promise<void> {
  if (b.form === null) {
    await tx.delete(t.programIntakeForms).where(and(eq(t.programIntakeForms.orgId, orgId), eq(t.programIntakeForms.programId, p.id)));
  } else if (b.form !== undefined || b.form_required !== undefined) {
    const schema = b.form ? withFieldOrder(b.form) : undefined;
    const [current] = await tx.select().from(t.programIntakeForms).where(and(eq(t.programIntakeForms.orgId, orgId), eq(t.programIntakeForms.programId, p.id)));
    if (current) {
      await tx.update(t.programIntakeForms).set(defined({ formSchemaJson: schema, isRequired: b.form_required })).where(eq(t.programIntakeForms.id, current.id));
    } else if (schema) {
      await tx.insert(t.programIntakeForms).values({ orgId, programId: p.id, formSchemaJson: schema, isRequired: b.form_required ?? true });
    }
  }
  if (b.milestones) {
    for (const [i, m] of b.milestones.entries()) {
      await tx.insert(t.programMilestones).values({ orgId, programId: p.id, orderIdx: i + 1, name: m.name, descriptionMd: m.description_md, dueDayOffset: m.due_day_offset ?? null })
        .onConflictDoUpdate({ target: [t.programMilestones.orgId, t.programMilestones.programId, t.programMilestones.orderIdx], set: { name: m.name, descriptionMd: m.description_md, dueDayOffset: m.due_day_offset ?? null } });
    }
    const inUse = () => new AppError('conflict', 'A milestone left out already has progress recorded; keep it.', { errors: [{ field: 'milestones', message: 'cannot drop a milestone with progress' }] });
    await guarded(tx, PG.foreignKeyViolation, inUse, (sp) => sp.delete(t.programMilestones)
      .where(and(eq(t.programMilestones.orgId, orgId), eq(t.programMilestones.programId, p.id), gt(t.programMilestones.orderIdx, b.milestones!.length))));
  }
  await tx.update(t.programs).set({ updatedAt: now }).where(and(eq(t.programs.orgId, orgId), eq(t.programs.id, p.id)));
}

async function savePolicies(tx: Tx, orgId: string, p: EditorProgramRow, b: Step<'policies'>, now: Date): Promise<void> {
  const policies = { ...p.policies, ...defined({ free_cancel_hours: b.free_cancel_hours, late_cancel_fee_bp: b.late_cancel_fee_bp, no_show_fee_bp: b.no_show_fee_bp, attendance_grace_hours: b.attendance_grace_hours, charge_fees: b.charge_fees }) };
  // null removes a limit (the default applies again).
  for (const k of ['valid_days', 'reschedule_notice_hours', 'max_reschedules_per_session'] as const) {
    if (b[k] === null) delete policies[k];
    else if (b[k] !== undefined) policies[k] = b[k];
  }
  if (b.notes !== undefined) {
    if (b.notes.trim()) policies.notes = b.notes;
    else delete policies.notes;
  }
  const visibility = b.visibility ?? p.visibility;
  const token = b.rotate_link || (visibility === 'by_link' && !p.privateLinkToken) ? randomBytes(12).toString('base64url') : p.privateLinkToken;
  await tx.update(t.programs).set({ policies, visibility, privateLinkToken: token, updatedAt: now })
    .where(and(eq(t.programs.orgId, orgId), eq(t.programs.id, p.id)));
}

/**
 * One language's text. An empty string or list removes that part (customers then read the
 * program's own text); a language left with nothing is removed.
 */
async function saveContent(tx: Tx, orgId: string, p: EditorProgramRow, b: Step<'content'>, now: Date): Promise<void> {
  const { step: _, lang, ...parts } = b;
  const current: Record<string, unknown> = { ...(p.translations[lang] ?? {}) };
  for (const [k, v] of Object.entries(parts)) {
    if (v === undefined) continue;
    if ((typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)) delete current[k];
    else current[k] = v;
  }
  const translations = { ...p.translations };
  if (Object.keys(current).length) translations[lang] = current;
  else delete translations[lang];
  await tx.update(t.programs).set({ translations, updatedAt: now }).where(and(eq(t.programs.orgId, orgId), eq(t.programs.id, p.id)));
}

/**
 * A by-link program's new private link: the old one stops working at once (its pages and the
 * widget answer 404 as for a program that does not exist). Only a by-link program has one.
 */
export async function rotateProgramLink(tx: Tx, orgId: string, p: EditorProgramRow, ctx: EventContext): Promise<void> {
  if (p.visibility !== 'by_link') throw new AppError('invalid_state', 'Only a program shown by link has a private link to rotate.');
  await tx.update(t.programs).set({ privateLinkToken: randomBytes(12).toString('base64url'), updatedAt: ctx.now })
    .where(and(eq(t.programs.orgId, orgId), eq(t.programs.id, p.id)));
  await recordEvent(tx, { orgId, type: 'program.link_rotated', subjectId: p.id, payload: { slug: p.slug } }, ctx);
}

/** Publishes a complete program (422 program_incomplete with the parts missing otherwise). */
export async function publishProgram(tx: Tx, orgId: string, id: string, ctx: EventContext): Promise<void> {
  const view = await programForEditor(tx, orgId, id);
  if (!view) throw new AppError('not_found', 'No such program.');
  if (view.missing.length) throw new AppError('program_incomplete', `Still missing: ${view.missing.join(', ')}.`, { missing: view.missing });
  if (view.program.status === 'published' && view.program.isActive) return;
  await tx.update(t.programs).set({ status: 'published', isActive: true, updatedAt: ctx.now }).where(and(eq(t.programs.orgId, orgId), eq(t.programs.id, id)));
  await recordEvent(tx, { orgId, type: 'program.published', subjectId: id, payload: { slug: view.program.slug } }, ctx);
}
