import * as v from 'valibot';
import { Currency, Id, MinorUnits, Money, singleLine } from './common.ts';

/** A key of the studio's own category list (`coaching`, `mobility`, … or one the studio added). */
export const Category = v.pipe(v.string('is required'), v.regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be lower-case letters, digits, dashes and underscores'));
export const DeliveryMode = v.picklist(['in_person', 'online', 'hybrid']);
export const Visibility = v.picklist(['public', 'by_link', 'hidden']);

export const Cadence = v.object({ every: v.number(), unit: v.picklist(['day', 'week']) });

/** One entry of `GET /v1/embed/programs`. */
export const ProgramSummary = v.object({
  id: Id,
  slug: v.string(),
  title: v.string(),
  summary: v.string(),
  category: Category,
  /** The category's name as the studio labelled it, in the answer's language (`Accept-Language`), else in the studio's. */
  category_label: v.string(),
  delivery_mode: DeliveryMode,
  session_length_min: v.number(),
  is_multi_session: v.boolean(),
  sessions_count: v.number(),
  /** The fewest and the most sessions of the active variants: a list says "4–8 sessions · from CHF 580", never one variant's count with another's price. */
  sessions_range: v.object({ min: v.number(), max: v.number() }),
  from_price: v.nullable(Money),
  thumbnail_url: v.nullable(v.string()),
  tags: v.array(v.string()),
});
export type ProgramSummary = v.InferOutput<typeof ProgramSummary>;

export const ProgramList = v.object({ programs: v.array(ProgramSummary) });
export type ProgramList = v.InferOutput<typeof ProgramList>;

export const PayPlan = v.object({
  deposit: v.variant('kind', [
    v.object({ kind: v.literal('fixed'), amount: MinorUnits }),
    v.object({ kind: v.literal('percent'), bp: v.number() }),
  ]),
  installments: v.number(),
  every: v.optional(v.object({ weeks: v.number() })),
  schedule: v.optional(v.picklist(['interval', 'session_dates'])),
});
export type PayPlan = v.InferOutput<typeof PayPlan>;

export const Variant = v.object({
  id: Id,
  name: v.string(),
  sessions_count: v.number(),
  price: MinorUnits,
  currency: Currency,
  /** Percent, e.g. 8.1; `vat_rate_bp` carries the exact figure in basis points. */
  vat_rate: v.number(),
  vat_rate_bp: v.number(),
  deposit_amount: v.nullable(MinorUnits),
  pay_plan: v.nullable(PayPlan),
  credit_price: v.nullable(v.number()),
  /**
   * The ways to pay this variant, in the order to list them (shared/payment-methods.ts): `card`;
   * `twint` in CHF; `qr_bill` for studios with a Swiss or Liechtenstein account, `bank_transfer`
   * (an invoice with an EPC QR code) for euro studios with another SEPA account; `credits` with a
   * credit price. Checkout refuses any other with `payment_method_unavailable`.
   */
  payment_methods: v.array(v.picklist(['card', 'twint', 'qr_bill', 'bank_transfer', 'credits'])),
  /**
   * The methods a deposit + payment plan can be paid with (the installments are charged later to
   * the card saved with the deposit): empty without a deposit. Checkout refuses a deposit with any
   * other method with `payment_method_unavailable`.
   */
  plan_methods: v.array(v.picklist(['card', 'twint', 'qr_bill', 'bank_transfer', 'credits'])),
});
export type Variant = v.InferOutput<typeof Variant>;

export const Instructor = v.object({
  id: Id,
  name: v.string(),
  bio: v.nullable(v.string()),
  photo_url: v.nullable(v.string()),
  timezone: v.string(),
});
export type Instructor = v.InferOutput<typeof Instructor>;

export const Milestone = v.object({
  order: v.number(),
  name: v.string(),
  description_html: v.string(),
  due_day_offset: v.nullable(v.number()),
});

export const Media = v.object({ kind: v.picklist(['image', 'video']), url: v.string(), alt: v.string() });

export const ProgramDetail = v.object({
  ...ProgramSummary.entries,
  /** The studio's country (ISO 3166 alpha-2, e.g. `CH`): dates, times and amounts are formatted for it in every language, as its invoices are. */
  region: v.nullable(v.string()),
  visibility: Visibility,
  description_html: v.string(),
  banner_url: v.nullable(v.string()),
  media: v.array(Media),
  cadence: v.nullable(Cadence),
  itinerary: v.array(v.object({ title: v.string(), description: v.string() })),
  outcomes: v.array(v.string()),
  host_bio_html: v.nullable(v.string()),
  /**
   * What the studio wrote in, then customers' reviews it approved (`rating` 1–5 and `date`; null for the studio's own):
   * a review is signed with the customer's first name and initial and shown only with their consent.
   */
  testimonials: v.array(v.object({ quote: v.string(), author: v.string(), rating: v.nullable(v.number()), date: v.nullable(v.string()) })),
  /** The approved reviews' average rating (one decimal) and number; null while there are none. */
  review_summary: v.nullable(v.object({ average: v.number(), count: v.number() })),
  faq: v.array(v.object({ question: v.string(), answer: v.string() })),
  policies: v.object({ free_cancel_hours: v.number(), late_cancel_fee_percent: v.number(), notes: v.nullable(v.string()) }),
  needs_room: v.boolean(),
  /** `label`: name and address in one line, each thing said once ("Studio Flow, Langstrasse 120, 8004 Zürich"). */
  location: v.nullable(v.object({ name: v.string(), address: v.string(), label: v.string() })),
  variants: v.array(Variant),
  /**
   * The intake form as JSON Schema. `x-order` lists every question in the studio's order (the
   * order of `properties` is not kept by the database); labels per language in `x-i18n`.
   */
  intake_form: v.nullable(v.object({ schema: v.record(v.string(), v.unknown()), is_required: v.boolean() })),
  milestones: v.array(Milestone),
  instructors: v.array(Instructor),
});
export type ProgramDetail = v.InferOutput<typeof ProgramDetail>;

export const ProgramParams = v.object({ slug: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'must be a program slug')) });
export const ProgramQuery = v.object({ link: v.optional(v.pipe(v.string(), singleLine(), v.maxLength(200))) });
