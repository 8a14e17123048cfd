import * as v from 'valibot';
import { Currency, Id, MinorUnits, singleLine } from './common.ts';
import { Category, DeliveryMode } from './embed-programs.ts';

const Line = (max: number) => v.pipe(v.string('is required'), v.trim(), singleLine(), v.maxLength(max, `must be at most ${max} characters`));
const Required = (max: number) => v.pipe(Line(max), v.minLength(1, 'is required'));
const Long = (max: number) => v.pipe(v.string(), v.maxLength(max, `must be at most ${max} characters`));
const Int = (min: number, max: number) => v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(min, `must be at least ${min}`), v.maxValue(max, `must be at most ${max}`));
export const Slug = v.pipe(v.string('is required'), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and dashes'));

/** Step 1, basics (also the body of POST /v1/admin/programs, where `title` and `slug` are required). */
const basics = {
  title: Required(200),
  slug: Slug,
  category: Category,
  summary: Line(500),
  long_description_md: Long(20_000),
  tags: v.pipe(v.array(Required(40)), v.maxLength(20)),
  itinerary: v.pipe(v.array(v.object({ title: Required(200), description: Long(2000) })), v.maxLength(52)),
  outcomes: v.pipe(v.array(Required(300)), v.maxLength(20)),
  host_bio_md: Long(5000),
  testimonials: v.pipe(v.array(v.object({ quote: v.pipe(Long(1000), v.minLength(1, 'is required')), author: Required(100) })), v.maxLength(20)),
  faq: v.pipe(v.array(v.object({ question: Required(300), answer: v.pipe(Long(3000), v.minLength(1, 'is required')) })), v.maxLength(30)),
};

export const CreateProgramBody = v.object({
  title: basics.title,
  slug: basics.slug,
  /** One of the studio's categories (GET /v1/admin/categories); its first when left out. */
  category: v.optional(basics.category),
  summary: v.optional(basics.summary),
});
export type CreateProgramBody = v.InferOutput<typeof CreateProgramBody>;

const Basics = v.object({ step: v.literal('basics'), ...Object.fromEntries(Object.entries(basics).map(([k, s]) => [k, v.optional(s)])) as { [K in keyof typeof basics]: v.OptionalSchema<(typeof basics)[K], undefined> } });

const Delivery = v.object({
  step: v.literal('delivery'),
  delivery_mode: v.optional(DeliveryMode),
  location_id: v.optional(v.nullable(Id)),
  resource_id: v.optional(v.nullable(Id)),
  meeting_url: v.optional(v.nullable(v.pipe(v.string(), v.url('must be a URL'), v.maxLength(500)))),
  session_length_min: v.optional(Int(5, 1440)),
  is_multi_session: v.optional(v.boolean()),
  default_sessions_count: v.optional(Int(1, 52)),
  cadence: v.optional(v.nullable(v.object({ every: Int(1, 52), unit: v.picklist(['day', 'week']) }))),
  buffer_before_min: v.optional(Int(0, 240)),
  buffer_after_min: v.optional(Int(0, 240)),
  instructor_ids: v.optional(v.pipe(v.array(Id), v.maxLength(50))),
});

/** A way to pay a studio may allow for a variant (shared/payment-methods.ts). */
export const AllowedMethod = v.picklist(['card', 'twint', 'qr_bill', 'bank_transfer', 'credits'], 'must be one of card, twint, qr_bill, bank_transfer, credits');

export const VariantInput = v.object({
  /** An existing variant: changed in place while nobody booked it, else replaced by a new version. */
  id: v.optional(Id),
  name: Required(100),
  currency: Currency,
  price: v.pipe(MinorUnits, v.minValue(0, 'must not be negative')),
  vat_rate_bp: Int(0, 10000),
  billing: v.optional(v.picklist(['package', 'per_session']), 'package'),
  sessions_count: v.optional(Int(1, 52), 1),
  deposit_amount: v.optional(v.nullable(v.pipe(MinorUnits, v.minValue(0, 'must not be negative')))),
  credit_price: v.optional(v.nullable(v.pipe(MinorUnits, v.minValue(1, 'must be positive')))),
  pay_plan: v.optional(v.nullable(v.object({ installments: Int(1, 24), every_weeks: Int(1, 12), deposit_bp: Int(0, 10000) }))),
  /**
   * The ways to pay customers are offered for this variant (card also means Apple Pay and Google Pay; a deposit
   * + plan is paid by card). Left out: an existing variant keeps its own, a new one allows every method. Empty is
   * saved as a draft, but publishing refuses it (`pricing.allowed_methods`). Changed in place, never a new version:
   * it decides how later checkouts pay, not what a booking bought.
   */
  allowed_methods: v.optional(v.pipe(v.array(AllowedMethod), v.maxLength(5), v.check((l) => new Set(l).size === l.length, 'must not repeat a method'))),
});
export type VariantInput = v.InferOutput<typeof VariantInput>;

const Pricing = v.object({ step: v.literal('pricing'), variants: v.pipe(v.array(VariantInput), v.maxLength(20)) });

const Intake = v.object({
  step: v.literal('intake'),
  /** The intake form as JSON Schema (`x-order` keeps the questions' order); null: no form. */
  form: v.optional(v.nullable(v.record(v.string(), v.unknown()))),
  form_required: v.optional(v.boolean()),
  milestones: v.optional(v.pipe(v.array(v.object({ name: Required(200), description_md: v.optional(Long(5000), ''), due_day_offset: v.optional(v.nullable(Int(0, 3650))) })), v.maxLength(50))),
});

const Policies = v.object({
  step: v.literal('policies'),
  free_cancel_hours: v.optional(Int(0, 2160)),
  late_cancel_fee_bp: v.optional(Int(0, 10000)),
  no_show_fee_bp: v.optional(Int(0, 10000)),
  attendance_grace_hours: v.optional(Int(0, 720)),
  valid_days: v.optional(v.nullable(Int(1, 3650))),
  /** Moving a session is possible until this many hours before it (null: the free-cancellation hours). */
  reschedule_notice_hours: v.optional(v.nullable(Int(0, 2160))),
  /** How often one session may be moved (null: no limit). */
  max_reschedules_per_session: v.optional(v.nullable(Int(0, 20))),
  /** Fees beyond what was paid: charged to the saved card (`auto`) or owed on the order (`balance`). */
  charge_fees: v.optional(v.picklist(['auto', 'balance'])),
  /** The policy in the studio's words, shown with the program. */
  notes: v.optional(Long(2000)),
  visibility: v.optional(v.picklist(['public', 'by_link', 'hidden'])),
  /** A new private link (the old one stops working). */
  rotate_link: v.optional(v.boolean()),
});

export const ContentLang = v.picklist(['en', 'de', 'fr', 'it']);

/** The program's text in one language (the tabs); an empty string removes that part, falling back to the program's own text. */
const Content = v.object({
  step: v.literal('content'),
  lang: ContentLang,
  title: v.optional(Line(200)),
  summary: v.optional(Line(500)),
  long_description_md: v.optional(Long(20_000)),
  host_bio_md: v.optional(Long(5000)),
  outcomes: v.optional(v.pipe(v.array(Required(300)), v.maxLength(20))),
  faq: v.optional(v.pipe(v.array(v.object({ question: Required(300), answer: v.pipe(Long(3000), v.minLength(1, 'is required')) })), v.maxLength(30))),
});

/** PATCH /v1/admin/programs/:id: one wizard step; what a step leaves out stays as it is. */
export const UpdateProgramBody = v.variant('step', [Basics, Delivery, Pricing, Intake, Policies, Content]);
export type UpdateProgramBody = v.InferOutput<typeof UpdateProgramBody>;

export const ProgramParams = v.object({ id: Id });
export const ProgramImageParams = v.object({ id: Id, role: v.picklist(['banner', 'thumbnail'], 'must be banner or thumbnail') });

const VariantOut = v.object({
  id: v.string(), name: v.string(), currency: v.string(), price: v.number(), vat_rate_bp: v.number(), billing: v.string(), sessions_count: v.number(),
  deposit_amount: v.nullable(v.number()), credit_price: v.nullable(v.number()), pay_plan: v.nullable(v.unknown()), is_active: v.boolean(),
  /** What the studio allows (the wizard's checkboxes). */
  allowed_methods: v.array(v.string()),
  /** Of those, what customers are offered now (the currency, the studio's account and the credit price rule some out): the embed answer's `payment_methods`. */
  offered_methods: v.array(v.string()),
});

export const AdminProgramOut = v.object({
  id: v.string(), slug: v.string(), title: v.string(), status: v.picklist(['draft', 'published', 'archived']),
  category: v.string(), summary: v.string(), long_description_md: v.string(), tags: v.array(v.string()),
  /** The description as customers see it: Markdown rendered and sanitized (the wizard's preview). */
  description_html: v.string(),
  /** The program's text per language (`en`, `de`, `fr`, `it`); what a language leaves out falls back to the fields above. */
  translations: v.record(v.string(), v.record(v.string(), v.unknown())),
  details: v.record(v.string(), v.unknown()),
  delivery_mode: v.string(), location_id: v.nullable(v.string()), resource_id: v.nullable(v.string()), meeting_url: v.nullable(v.string()),
  /** The banner and thumbnail shown on the program page and in the widget (uploaded, or an address elsewhere). */
  images: v.object({ banner: v.nullable(v.string()), thumbnail: v.nullable(v.string()) }),
  session_length_min: v.number(), is_multi_session: v.boolean(), default_sessions_count: v.number(),
  scheduling: v.record(v.string(), v.unknown()), instructor_ids: v.array(v.string()),
  /** Active variants first, then earlier versions kept for the bookings that bought them. */
  variants: v.array(VariantOut),
  form: v.nullable(v.record(v.string(), v.unknown())), form_required: v.boolean(),
  milestones: v.array(v.object({ id: v.string(), name: v.string(), description_md: v.string(), due_day_offset: v.nullable(v.number()) })),
  policies: v.record(v.string(), v.unknown()),
  visibility: v.string(), private_link_token: v.nullable(v.string()),
  /** What publishing still needs (empty when complete). */
  missing: v.array(v.string()),
  updated_at: v.string(),
});
export type AdminProgramOut = v.InferOutput<typeof AdminProgramOut>;

export const AdminProgramsOut = v.object({
  programs: v.array(v.object({ id: v.string(), slug: v.string(), title: v.string(), status: v.string(), category: v.string(), visibility: v.string(), variants: v.number(), updated_at: v.string() })),
});
export type AdminProgramsOut = v.InferOutput<typeof AdminProgramsOut>;

const CategoryLabels = v.object({ en: v.optional(Line(60)), de: v.optional(Line(60)), fr: v.optional(Line(60)), it: v.optional(Line(60)) });

/** POST /v1/admin/categories: a new category in the studio's list. */
export const CreateCategoryBody = v.object({
  key: v.pipe(v.string('is required'), v.regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be lower-case letters, digits, dashes and underscores')),
  labels: v.pipe(CategoryLabels, v.check((l) => Object.values(l).some((x) => typeof x === 'string' && x.length > 0), 'needs a label in at least one language')),
});
export type CreateCategoryBody = v.InferOutput<typeof CreateCategoryBody>;

const CategoryKey = v.pipe(v.string('is required'), v.regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be lower-case letters, digits, dashes and underscores'));
const SomeLabel = v.pipe(CategoryLabels, v.check((l) => Object.values(l).some((x) => typeof x === 'string' && x.length > 0), 'needs a label in at least one language'));

/** PATCH /v1/admin/categories/:key: a new key (the programs filed under the old one move along) and/or the labels, replaced whole. */
export const UpdateCategoryBody = v.pipe(
  v.object({ key: v.optional(CategoryKey), labels: v.optional(SomeLabel) }),
  v.check((b) => b.key !== undefined || b.labels !== undefined, 'needs a new key or labels'),
);
export type UpdateCategoryBody = v.InferOutput<typeof UpdateCategoryBody>;

/** The category a PATCH or DELETE is about. */
export const CategoryParams = v.object({ key: CategoryKey });

/** 409 `category_in_use`: the programs (any status) still filed under the category. */
export const CategoryInUseOut = v.object({
  type: v.string(), title: v.string(), status: v.number(), code: v.literal('category_in_use'), detail: v.string(),
  programs: v.array(v.object({ id: v.string(), slug: v.string(), title: v.string(), status: v.string() })),
});

export const CategoryOut = v.object({ key: v.string(), labels: v.record(v.string(), v.string()), programs: v.number() });
export const CategoriesOut = v.object({ categories: v.array(CategoryOut) });
export type CategoriesOut = v.InferOutput<typeof CategoriesOut>;

/** POST /v1/admin/programs/preview: Markdown as customers would see it, sanitized. Changes nothing. */
export const PreviewBody = v.object({ markdown: Long(20_000) });
export const PreviewOut = v.object({ html: v.string() });
export type PreviewOut = v.InferOutput<typeof PreviewOut>;
