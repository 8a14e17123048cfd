import * as v from 'valibot';
import { Id, singleLine } from './common.ts';

const Lang = v.picklist(['en', 'de', 'fr', 'it']);
/** An ISO 8601 instant between the years 1970 and 2199 (PostgreSQL has no year 0, and no campaign is planned for 9999). */
const Instant = v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 instant'), v.regex(/^(19[7-9]\d|2[01]\d\d)-/, 'must be between 1970 and 2199'));
/** A customer's tag: one line, 1 to 60 characters (as an automation's `add_tag` takes it). */
export const Tag = v.pipe(v.string(), v.trim(), singleLine(), v.minLength(1, 'is required'), v.maxLength(60));
const Count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000_000));

/** Every field optional; a customer is a member when all given fields hold. */
export const SegmentFilter = v.strictObject({
  /** The customer's language. */
  languages: v.optional(v.pipe(v.array(Lang), v.minLength(1))),
  /** Has a booking of one of these programs (with `booking_statuses`: in one of these statuses). */
  program_ids: v.optional(v.pipe(v.array(Id), v.minLength(1), v.maxLength(100))),
  booking_statuses: v.optional(v.pipe(v.array(v.picklist(['reserved', 'confirmed', 'in_progress', 'completed', 'cancelled'])), v.minLength(1))),
  /** The newest booking (lapsed reservations left out) was made after / before this instant. */
  last_booking_after: v.optional(Instant),
  last_booking_before: v.optional(Instant),
  /** Money paid over all orders, minor units of the studio's currency. */
  min_total_paid: v.optional(Count),
  /** Class credits balance. */
  min_credits: v.optional(Count),
  /** `utm_source` of one of the customer's bookings. */
  utm_source: v.optional(v.pipe(v.string(), v.trim(), singleLine(), v.minLength(1), v.maxLength(200))),
  /** `confirmed`: has given marketing consent (double opt-in); `not_confirmed`: has not. */
  consent: v.optional(v.picklist(['confirmed', 'not_confirmed'])),
  /** Carries one of these tags (staff's or an automation's `add_tag`; any case). */
  tags: v.optional(v.pipe(v.array(Tag), v.minLength(1), v.maxLength(50))),
});
export type SegmentFilter = v.InferOutput<typeof SegmentFilter>;

export const SegmentBody = v.object({ name: v.pipe(v.string(), v.trim(), singleLine(), v.minLength(1, 'is required'), v.maxLength(120)), filter: SegmentFilter });
export const SegmentParams = v.object({ id: Id });
/** PATCH /v1/admin/segments/:id: a new name and/or filter (the filter is replaced whole). */
export const SegmentPatch = v.pipe(
  v.object({ name: v.optional(v.pipe(v.string(), v.trim(), singleLine(), v.minLength(1, 'is required'), v.maxLength(120))), filter: v.optional(SegmentFilter) }),
  v.check((b) => b.name !== undefined || b.filter !== undefined, 'give a name or a filter'),
);
export const SegmentOut = v.object({ id: Id, name: v.string(), filter: SegmentFilter, created_at: v.string(), count: v.number(), with_consent: v.number() });
export type SegmentOut = v.InferOutput<typeof SegmentOut>;
export const SegmentsOut = v.object({ segments: v.array(SegmentOut) });
export const SegmentMemberOut = v.object({
  id: Id, name: v.string(), email: v.string(), language: v.string(), last_booking_at: v.nullable(v.string()), total_paid: v.number(), credits: v.number(), consent: v.boolean(),
});
export const SegmentMembersOut = v.object({ members: v.array(SegmentMemberOut) });
/** POST /v1/admin/segments/preview: a filter counted before it is saved (nothing is written). */
export const SegmentPreviewBody = v.object({ filter: SegmentFilter });
export const SEGMENT_SAMPLE_SIZE = 5;
export const SegmentPreviewOut = v.object({
  count: v.number(), with_consent: v.number(),
  /** The first members by name, at most five. */
  sample: v.array(SegmentMemberOut),
});
export type SegmentPreviewOut = v.InferOutput<typeof SegmentPreviewOut>;

const PerLang = (max: number) => v.pipe(
  v.object({ en: v.pipe(v.string(), v.trim(), v.minLength(1, 'is required'), v.maxLength(max)), de: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(max))), fr: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(max))), it: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(max))) }),
);

/** POST /v1/admin/campaigns: a mail in up to four languages (English required: the fallback), to a segment's consenting members, now or at `send_at`. */
export const CampaignBody = v.object({
  name: v.pipe(v.string(), v.trim(), singleLine(), v.minLength(1, 'is required'), v.maxLength(120)),
  segment_id: Id,
  subject: PerLang(200),
  /** Markdown. */
  body_md: PerLang(20_000),
  /** Absent: now. */
  send_at: v.optional(Instant),
});
/** PATCH /v1/admin/campaigns/:id: while it is scheduled; each given field replaces the campaign's (subject and body_md whole). */
export const CampaignPatch = v.pipe(
  v.object({
    name: v.optional(v.pipe(v.string(), v.trim(), singleLine(), v.minLength(1, 'is required'), v.maxLength(120))),
    segment_id: v.optional(Id),
    subject: v.optional(PerLang(200)),
    body_md: v.optional(PerLang(20_000)),
    /** A past instant: now. */
    send_at: v.optional(Instant),
  }),
  v.check((b) => Object.values(b).some((x) => x !== undefined), 'give at least one field to change'),
);
export const CampaignsQuery = v.object({
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'must be 1 to 500'), v.transform(Number), v.minValue(1, 'must be 1 to 500'), v.maxValue(500, 'must be 1 to 500'))),
});
export const CampaignTestBody = v.object({ email: v.optional(v.pipe(v.string(), v.trim(), v.email('must be an e-mail address'), v.maxLength(254))), language: v.optional(Lang) });
export const CampaignParams = v.object({ id: Id });
export const CampaignOut = v.object({
  id: Id, name: v.string(), segment_id: Id,
  /** scheduled (editable, can be cancelled) · sending · sent · cancelled. */
  status: v.picklist(['scheduled', 'sending', 'sent', 'cancelled']),
  /** Per language, as written (en always). */
  subject: v.record(v.string(), v.string()), body_md: v.record(v.string(), v.string()),
  send_at: v.string(), started_at: v.nullable(v.string()), finished_at: v.nullable(v.string()), cancelled_at: v.nullable(v.string()),
  /** Members mailed, and members left out for want of a confirmed consent (counted when it ran). */
  queued: v.number(), skipped: v.number(),
  /** From the outbox: handed to the mail server, waiting, failed or held; recipients who unsubscribed since it started sending. */
  delivered: v.number(), pending: v.number(), failed: v.number(), unsubscribed: v.number(),
});
export type CampaignOut = v.InferOutput<typeof CampaignOut>;
export const CampaignsOut = v.object({ campaigns: v.array(CampaignOut) });
