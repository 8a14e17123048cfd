import * as v from 'valibot';
import { Id } from './common.ts';

export const ReviewParams = v.object({ id: Id });

/** GET /v1/admin/reviews: answered reviews, newest first; `status` filters (`pending`: not decided yet). */
export const ReviewsQuery = v.object({
  status: v.optional(v.picklist(['pending', 'approved', 'rejected'])),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'must be 1 to 500'), v.transform(Number), v.minValue(1, 'must be 1 to 500'), v.maxValue(500, 'must be 1 to 500'))),
});

export const ReviewOut = v.object({
  id: Id,
  booking_id: Id,
  program: v.object({ slug: v.string(), title: v.string() }),
  customer: v.object({ id: Id, name: v.string(), email: v.string() }),
  rating: v.number(),
  text: v.string(),
  /** Whether the customer agreed to publish it, and the words they agreed to (null without consent). */
  consent_to_publish: v.boolean(),
  consent_text: v.nullable(v.string()),
  /** The name a published testimonial carries: first name and initial. */
  display_name: v.string(),
  submitted_at: v.string(),
  /** `pending` until the studio decides; only `approved` (which needs consent) is shown on the program's page and in the widget. */
  status: v.picklist(['pending', 'approved', 'rejected']),
  moderated_at: v.nullable(v.string()),
});
export type ReviewOut = v.InferOutput<typeof ReviewOut>;
export const ReviewsOut = v.object({ reviews: v.array(ReviewOut) });
