/** The studio's customers in the console: list and search, one customer's whole record, export, erasure. */
import * as v from 'valibot';
import { Id, singleLine } from './common.ts';
import { Tag } from './admin-segments.ts';

export const CustomersQuery = v.object({
  q: v.optional(v.pipe(v.string(), v.trim(), singleLine(), v.maxLength(100))),
  cursor: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,200}$/, 'is not a cursor from this list'))),
});
export const CustomerParams = v.object({ id: Id });

export const CustomerRowOut = v.object({ id: v.string(), name: v.string(), email: v.string(), phone: v.nullable(v.string()), language: v.string(), bookings: v.number(), created_at: v.string() });
export const CustomersOut = v.object({ customers: v.array(CustomerRowOut), next_cursor: v.nullable(v.string()) });
export type CustomersOut = v.InferOutput<typeof CustomersOut>;

const Answer = v.object({ name: v.string(), label: v.string(), value: v.string(), health: v.boolean() });
export const CustomerDetailOut = v.object({
  customer: v.object({ id: v.string(), name: v.string(), email: v.string(), phone: v.nullable(v.string()), language: v.string(), timezone: v.nullable(v.string()), created_at: v.string() }),
  bookings: v.array(v.object({
    id: v.string(), status: v.string(), created_at: v.string(), program: v.object({ slug: v.string(), title: v.string() }), instructor: v.object({ id: v.string(), name: v.string() }),
    total: v.object({ amount: v.number(), currency: v.string() }),
    /** Health answers only for the booking's own instructor and managers; `health_withheld` says when some were left out. */
    intake: v.object({ answers: v.array(Answer), health_withheld: v.boolean() }),
  })),
  /** Null for instructors (money is the studio's). */
  credits: v.nullable(v.object({ balance: v.number(), ledger: v.array(v.object({ id: v.string(), delta: v.number(), balance_after: v.number(), reason: v.string(), booking_id: v.nullable(v.string()), created_at: v.string() })) })),
  messages: v.array(v.object({ id: v.string(), booking_id: v.string(), from: v.string(), body: v.string(), created_at: v.string() })),
  /** The customer's tags (staff's, and automations' `add_tag`), alphabetical; null for instructors (marketing is the studio's). */
  tags: v.nullable(v.array(v.string())),
});
export type CustomerDetailOut = v.InferOutput<typeof CustomerDetailOut>;

/** PUT /v1/admin/studio/retention: how many months after a booking completed its health answers are deleted. */
export const RetentionBody = v.object({
  health_months: v.pipe(v.number('must be a number'), v.integer('must be an integer'), v.minValue(1, 'must be >= 1'), v.maxValue(120, 'must be <= 120')),
});
export const RetentionOut = v.object({ health_months: v.number() });
export type RetentionOut = v.InferOutput<typeof RetentionOut>;

/** POST /v1/admin/customers/:id/tags: a tag on the customer (one per customer whatever its case). */
export const CustomerTagBody = v.object({ tag: Tag });
/** DELETE /v1/admin/customers/:id/tags/:tag */
export const CustomerTagParams = v.object({ id: Id, tag: Tag });
export const CustomerTagsOut = v.object({ tags: v.array(v.string()) });
export type CustomerTagsOut = v.InferOutput<typeof CustomerTagsOut>;
