import * as v from 'valibot';

export const Fault = v.picklist(['policy', 'studio']);

/** GET /v1/admin/bookings/:id/cancellation */
const SessionId = v.pipe(v.string(), v.uuid('must be a session id'));

export const CancellationQuery = v.object({
  /** `session` (with `session_id`): cancelling one session of a pack. */
  scope: v.optional(v.picklist(['booking', 'session'])),
  session_id: v.optional(SessionId),
  fault: v.optional(Fault),
});

/** POST /v1/admin/bookings/:id/cancel (no body: a policy cancellation by staff, as before). */
export const AdminCancelBody = v.object({
  /** The quote shown to the person cancelling; refused with 409 quote_changed when its figures no longer hold. */
  quote_id: v.optional(v.pipe(v.string(), v.minLength(10), v.maxLength(2000))),
  /** `studio`: the studio's fault, everything not delivered goes back; `policy` (default): the program's cancellation policy applies. */
  fault: v.optional(Fault),
  /** Cancel only this session: inside the free window it goes back to "to schedule"; later it counts as used and its fee applies. */
  session_id: v.optional(SessionId),
});

const QuoteLine = v.object({
  session_id: v.nullable(v.string()), seq: v.number(), starts_at: v.nullable(v.string()),
  rule: v.string(), value: v.number(), refund: v.number(), fee: v.number(),
  /** What already went back for this session when it was settled on its own (a late cancellation, a no-show); `refund` is what is still to come back. */
  refunded_before: v.optional(v.number()),
});

export const CancellationQuoteOut = v.object({
  booking_id: v.string(), scope: v.picklist(['booking', 'session']), session_id: v.nullable(v.string()),
  action: v.picklist(['cancel_booking', 'unschedule', 'cancel']), fault: Fault, by: v.picklist(['customer', 'staff']),
  method: v.picklist(['money', 'credits']), currency: v.string(), total: v.number(), paid: v.number(),
  refund: v.number(), fee: v.number(), credits_back: v.number(), balance_due: v.number(),
  lines: v.array(QuoteLine),
  policy: v.object({
    free_cancel_hours: v.number(), late_cancel_fee_bp: v.number(), no_show_fee_bp: v.number(), text: v.nullable(v.string()),
    /** Fees beyond what was paid: `auto` charged off-session to the saved card, `balance` left owed on the order. */
    charge_fees: v.optional(v.picklist(['auto', 'balance'])),
  }),
  quote_id: v.string(), expires_at: v.string(),
});

export const SettlementOut = v.object({
  refund: v.number(), fee: v.number(), credits_back: v.number(), balance_due: v.number(), currency: v.string(),
  lines: v.array(QuoteLine),
  refunds: v.array(v.object({ id: v.string(), amount: v.number(), status: v.string(), provider: v.string() })),
  /** `number` as printed, e.g. `FLOW-CN-2026-0001`; `sequence` its gapless integer. */
  credit_note: v.nullable(v.object({ id: v.optional(v.string()), number: v.string(), sequence: v.optional(v.number()), pdf_url: v.nullable(v.string()) })),
  /** The part of `balance_due` that is a fee beyond what was paid, and how it is collected: `charge` (off-session, `payment_id`) or `balance` (owed on the order). */
  fee_collection: v.optional(v.nullable(v.object({
    amount: v.number(), collection: v.picklist(['charge', 'balance']), payment_id: v.nullable(v.string()), reason: v.nullable(v.string()),
  }))),
});
