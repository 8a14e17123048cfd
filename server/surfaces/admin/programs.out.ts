/** The wizard's program answers. */
import type { AdminProgramOut } from '../../../schema/api/admin-programs.ts';
import type { ProgramEditorView } from '../../modules/program-editor/index.ts';
import { renderMarkdown } from '../../platform/adapters/markdown.ts';
import { offeredMethods } from '../../../shared/payment-methods.ts';

export function adminProgramOut(v: ProgramEditorView): AdminProgramOut {
  const p = v.program;
  return {
    id: p.id, slug: p.slug, title: p.title, status: p.status as AdminProgramOut['status'], category: p.category, summary: p.summary,
    long_description_md: p.longDescriptionMd, tags: p.tags,
    description_html: renderMarkdown(p.longDescriptionMd), translations: p.translations as Record<string, Record<string, unknown>>, details: p.details as Record<string, unknown>,
    delivery_mode: p.deliveryMode, location_id: p.locationId, resource_id: p.resourceId, meeting_url: p.meetingUrl,
    images: { banner: p.media.find((m) => m.role === 'banner')?.url ?? null, thumbnail: p.media.find((m) => m.role === 'thumbnail')?.url ?? null },
    session_length_min: p.sessionLengthMin, is_multi_session: p.isMultiSession, default_sessions_count: p.defaultSessionsCount,
    scheduling: p.scheduling as unknown as Record<string, unknown>, instructor_ids: v.instructorIds,
    variants: v.variants.map((x) => ({
      id: x.id, name: x.name, currency: x.currency, price: x.price, vat_rate_bp: x.vatRateBp, billing: x.billing, sessions_count: x.sessionsCount,
      deposit_amount: x.depositAmount, credit_price: x.creditPrice, pay_plan: x.payPlanJson ?? null, is_active: x.isActive,
      allowed_methods: x.allowedMethods, offered_methods: offeredMethods(x.currency, v.orgBilling, x.creditPrice, x.allowedMethods),
    })),
    form: v.form?.formSchemaJson ?? null, form_required: v.form?.isRequired ?? false,
    milestones: v.milestones.map((m) => ({ id: m.id, name: m.name, description_md: m.descriptionMd, due_day_offset: m.dueDayOffset })),
    policies: p.policies as unknown as Record<string, unknown>,
    visibility: p.visibility, private_link_token: p.privateLinkToken,
    missing: v.missing,
    updated_at: p.updatedAt.toISOString(),
  };
}
