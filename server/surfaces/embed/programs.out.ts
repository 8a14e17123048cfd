/** The embed's program answers (the list and one program), shaped from the catalog module's views. */
import type { ProgramDetail, ProgramSummary } from '../../../schema/api/embed-programs.ts';
import { renderMarkdown } from '../../platform/adapters/markdown.ts';
import { withFieldOrder } from '../../../shared/intake-form.ts';
import { placeLine } from '../../../shared/place.ts';
import { offeredMethods, planMethods } from '../../../shared/payment-methods.ts';
import type { CategoryNames, ProgramListing, ProgramRow, ProgramView, VariantRow } from '../../modules/catalog/index.ts';
import { BUILT_IN_LABELS, categoryLabel } from '../../../shared/program-categories.ts';
import type { ContentLang } from '../../../schema/db/index.ts';

/** The program's text in `lang` where the studio wrote it, else its own (the studio's language). */
export function inLanguage<P extends ProgramRow>(p: P, lang: ContentLang | undefined): P {
  const tr = lang ? p.translations?.[lang] : undefined;
  if (!tr) return p;
  return {
    ...p,
    title: tr.title || p.title, summary: tr.summary || p.summary, longDescriptionMd: tr.long_description_md || p.longDescriptionMd,
    details: { ...p.details, ...(tr.host_bio_md ? { host_bio_md: tr.host_bio_md } : {}), ...(tr.outcomes?.length ? { outcomes: tr.outcomes } : {}), ...(tr.faq?.length ? { faq: tr.faq } : {}) },
  };
}

/** The cheapest active variant, as the list's "from" price. */
function fromPrice(variants: VariantRow[]) {
  const active = variants.filter((v) => v.isActive);
  if (active.length === 0) return null;
  const cheapest = active.reduce((a, b) => (b.price < a.price ? b : a));
  return { amount: cheapest.price, currency: cheapest.currency };
}

/** The fewest and the most sessions of the active variants (the program's default without any). */
function sessionsRange(p: ProgramRow, variants: VariantRow[]) {
  const counts = variants.filter((v) => v.isActive).map((v) => (p.isMultiSession ? v.sessionsCount : 1));
  return counts.length ? { min: Math.min(...counts), max: Math.max(...counts) } : { min: p.defaultSessionsCount, max: p.defaultSessionsCount };
}

function mediaUrl(p: ProgramRow, role: 'banner' | 'thumbnail'): string | null {
  return p.media.find((m) => m.role === role)?.url ?? p.media.find((m) => m.kind === 'image')?.url ?? null;
}

/** The category's label in `lang` where the studio wrote it, else in the studio's language (as the program's own text falls back). */
function categoryLabelOf(key: string, lang: ContentLang | undefined, names: CategoryNames | undefined): string {
  return categoryLabel((names?.labels ?? BUILT_IN_LABELS)[key], lang, names?.studioLang, key);
}

export function programSummaryOut({ program, variants }: ProgramListing, lang?: ContentLang, categories?: CategoryNames): ProgramSummary {
  const p = inLanguage(program, lang);
  return {
    id: p.id, slug: p.slug, title: p.title, summary: p.summary, category: p.category, category_label: categoryLabelOf(p.category, lang, categories), delivery_mode: p.deliveryMode,
    session_length_min: p.sessionLengthMin, is_multi_session: p.isMultiSession, sessions_count: p.defaultSessionsCount,
    sessions_range: sessionsRange(p, variants), from_price: fromPrice(variants), thumbnail_url: mediaUrl(p, 'thumbnail'), tags: p.tags,
  };
}

export function programDetailOut(view: ProgramView, lang?: ContentLang): ProgramDetail {
  const { variants, form, milestones, instructors, location: loc } = view;
  const p = inLanguage(view.program, lang);
  const d = p.details;
  return {
    ...programSummaryOut(view, lang, view.categories),
    region: view.orgBilling?.country ?? null,
    visibility: p.visibility,
    description_html: renderMarkdown(p.longDescriptionMd),
    banner_url: mediaUrl(p, 'banner'),
    media: p.media.map((m) => ({ kind: m.kind, url: m.url, alt: m.alt })),
    cadence: p.isMultiSession ? (p.scheduling.cadence ?? { every: 1, unit: 'week' }) : null,
    itinerary: d.itinerary ?? [],
    outcomes: d.outcomes ?? [],
    host_bio_html: d.host_bio_md ? renderMarkdown(d.host_bio_md) : null,
    testimonials: [
      ...(d.testimonials ?? []).map((x) => ({ quote: x.quote, author: x.author, rating: null, date: null })),
      ...view.reviews.items.filter((r) => r.text).map((r) => ({ quote: r.text, author: r.name, rating: r.rating, date: r.submittedAt.toISOString().slice(0, 10) })),
    ],
    review_summary: view.reviews.count && view.reviews.average !== null ? { average: view.reviews.average, count: view.reviews.count } : null,
    faq: d.faq ?? [],
    policies: { free_cancel_hours: p.policies.free_cancel_hours, late_cancel_fee_percent: p.policies.late_cancel_fee_bp / 100, notes: p.policies.notes ?? null },
    needs_room: p.resourceId !== null,
    location: loc ? { name: loc.name, address: loc.address, label: placeLine(loc.name, loc.address) } : null,
    variants: variants.map((v) => ({
      id: v.id, name: v.name, sessions_count: v.sessionsCount, price: v.price, currency: v.currency,
      vat_rate: v.vatRateBp / 100, vat_rate_bp: v.vatRateBp, deposit_amount: v.depositAmount,
      pay_plan: v.payPlanJson ?? null, credit_price: v.creditPrice,
      payment_methods: offeredMethods(v.currency, view.orgBilling, v.creditPrice, v.allowedMethods),
      plan_methods: planMethods(v.currency, view.orgBilling, v.creditPrice, v.depositAmount !== null || v.payPlanJson !== null, v.allowedMethods),
    })),
    intake_form: form ? { schema: withFieldOrder(form.formSchemaJson), is_required: form.isRequired } : null,
    milestones: milestones.map((m) => ({ order: m.orderIdx, name: m.name, description_html: renderMarkdown(m.descriptionMd), due_day_offset: m.dueDayOffset })),
    instructors: instructors.map((i) => ({ id: i.id, name: i.name, bio: i.bio, photo_url: i.photoUrl, timezone: i.timezone })),
  };
}
