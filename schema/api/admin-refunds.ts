/**
 * Refunds staff give outside a cancellation: GET /v1/admin/bookings/:id/refunds/quote shows what a refund would give
 * back (line by line for `quote`); POST /v1/admin/bookings/:id/refunds gives it.
 */
import * as v from 'valibot';
import { Id } from './common.ts';

const Mode = v.picklist(['full', 'partial', 'quote'], 'must be one of: full, partial, quote');
const Amount = v.pipe(v.number('must be a number'), v.integer('must be an integer'), v.minValue(1, 'must be >= 1'), v.maxValue(100_000_000, 'must be <= 100000000'));
const SessionIds = v.pipe(v.array(Id), v.minLength(1, 'is required'), v.maxLength(100, 'must be at most 100 sessions'));

export const RefundQuoteQuery = v.object({
  mode: Mode,
  /** `partial`: minor units. */
  amount: v.optional(v.pipe(v.string(), v.regex(/^\d{1,9}$/, 'must be an integer'), v.transform(Number), Amount)),
  /** `quote`: the sessions, comma-separated. */
  session_ids: v.optional(v.pipe(v.string(), v.maxLength(4000), v.transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)), SessionIds)),
});

export const StaffRefundBody = v.object({
  /** `full`: everything paid and not yet refunded; `partial`: `amount`; `quote`: each of `session_ids`' share of the price. */
  mode: Mode,
  amount: v.optional(Amount),
  session_ids: v.optional(SessionIds),
  /** Why: kept on the refund rows, the credit note and the booking's history. */
  reason: v.pipe(v.string('is required'), v.trim(), v.minLength(1, 'is required'), v.maxLength(500, 'must be at most 500 characters')),
  /** The quote shown before confirming: 409 `quote_changed` when its figures no longer hold. */
  quote_id: v.optional(v.pipe(v.string(), v.minLength(10), v.maxLength(2000))),
});
export type StaffRefundBody = v.InferOutput<typeof StaffRefundBody>;

const Line = v.object({ session_id: v.string(), seq: v.number(), starts_at: v.nullable(v.string()), value: v.number(), refunded_before: v.number(), refund: v.number() });

export const RefundQuoteOut = v.object({
  booking_id: v.string(), mode: Mode, currency: v.string(),
  paid: v.number(), refunded: v.number(), refundable: v.number(), amount: v.number(),
  lines: v.array(Line),
  quote_id: v.string(), expires_at: v.string(),
});
export type RefundQuoteOut = v.InferOutput<typeof RefundQuoteOut>;

export const StaffRefundOut = v.object({
  booking_id: v.string(), mode: Mode, amount: v.number(), currency: v.string(), reason: v.string(),
  lines: v.array(Line),
  refunds: v.array(v.object({ id: v.string(), amount: v.number(), status: v.string(), provider: v.string() })),
  credit_note: v.nullable(v.object({ id: v.optional(v.string()), number: v.string(), sequence: v.optional(v.number()), pdf_url: v.nullable(v.string()) })),
  /** What can still be refunded after this one. */
  refundable: v.number(),
});
export type StaffRefundOut = v.InferOutput<typeof StaffRefundOut>;
