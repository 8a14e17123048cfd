/** The portal API (/v1/portal/*): a customer's own bookings, by identity token or manage link. */
import * as v from 'valibot';
import { Id, IsoInstant } from './common.ts';
import { Iban } from './admin-settings.ts';
import { SessionOut, SlotConflict } from './embed-bookings.ts';
import { CancellationQuoteOut, SettlementOut } from './admin-settlement.ts';

export { AddSessionsBody, BookingParams, RescheduleBody, SessionParams } from './embed-bookings.ts';

/** POST /v1/portal/bookings/:id/reschedule-series: weeks to shift, or the first remaining session's new start. */
export const RescheduleSeriesBody = v.union([
  v.strictObject({ shift_weeks: v.pipe(v.number(), v.safeInteger('must be a whole number of weeks'), v.minValue(-52), v.maxValue(52), v.check((n) => n !== 0, 'must not be 0')) }),
  v.strictObject({ starts_at: IsoInstant }),
], 'send either shift_weeks or starts_at');
export type RescheduleSeriesBody = v.InferOutput<typeof RescheduleSeriesBody>;

/** GET /v1/portal/bookings/:id/cancellation */
export const PortalCancellationQuery = v.object({ session_id: v.optional(Id) });

/** POST /v1/portal/bookings/:id/cancel: the quote the customer was shown (from GET …/cancellation). */
export const PortalCancelBody = v.object({
  quote_id: v.pipe(v.string(), v.minLength(10), v.maxLength(2000)),
  session_id: v.optional(Id),
});

const Money = v.object({ amount: v.number(), currency: v.string() });
const NextSession = v.nullable(v.object({ id: Id, seq: v.number(), starts_at: v.string(), ends_at: v.string(), timezone: v.string() }));

export const PortalBookingSummary = v.object({
  id: Id,
  status: v.picklist(['reserved', 'confirmed', 'in_progress', 'completed', 'cancelled']),
  program: v.object({ slug: v.string(), title: v.string() }),
  variant: v.object({ name: v.string() }),
  instructor: v.object({ id: Id, name: v.string() }),
  next_session: NextSession,
  sessions_to_schedule: v.number(),
  sessions_count: v.number(),
});

export const PortalBookingList = v.object({ bookings: v.array(PortalBookingSummary) });

/** A session as the customer sees it, with what they may do with it now. */
export const PortalSession = v.object({
  id: Id, seq: v.number(),
  starts_at: v.nullable(v.string()), ends_at: v.nullable(v.string()), timezone: v.string(),
  /** scheduled · to_schedule · attended · no_show · cancelled */
  state: v.picklist(['scheduled', 'to_schedule', 'attended', 'no_show', 'cancelled']),
  revision: v.number(),
  /** Until when the customer may move or freely cancel it themselves; null when not scheduled. */
  change_deadline: v.nullable(v.string()),
  actions: v.object({ reschedule: v.boolean(), cancel: v.boolean() }),
  /** Where an online session takes place (the session's own, else the program's); null in person or once it is over. */
  meeting_url: v.nullable(v.string()),
});

export const PortalMilestone = v.object({
  id: Id, order: v.number(), name: v.string(), description_html: v.string(),
  due_at: v.nullable(v.string()), completed_at: v.nullable(v.string()), notes_html: v.nullable(v.string()),
});

export const PortalDocument = v.object({ id: Id, number: v.string(), issued_at: v.string(), total: Money, pdf_url: v.string() });

export const PortalMoney = v.nullable(v.object({
  order_id: Id, status: v.string(), total: Money, paid: Money, refunded: Money, balance_due: Money,
  payments: v.array(v.object({ id: Id, method: v.string(), status: v.string(), amount: Money, created_at: v.string() })),
  plan: v.nullable(v.object({
    installments: v.array(v.object({ seq: v.number(), due_at: v.string(), amount: Money, status: v.string() })),
    next_installment: v.nullable(v.object({ seq: v.number(), due_at: v.string(), amount: Money })),
    /** Whether a card is saved for the plan's later charges ("update card" replaces it). */
    card_saved: v.boolean(),
  })),
  invoices: v.array(PortalDocument),
  credit_notes: v.array(PortalDocument),
  /**
   * Money going back by bank transfer (QR-bill or transfer money refunded, an overpaid transfer): `pending` until the
   * studio records its transfer, `succeeded` once sent. `account` as the customer gave it (the IBAN by its last four
   * characters), null until given; `give_account`: the account form applies (POST …/refunds/:refundId/account).
   */
  bank_refunds: v.array(v.object({
    id: Id, amount: Money, status: v.string(),
    account: v.nullable(v.object({ holder: v.string(), iban_last4: v.string(), given_at: v.string() })),
    give_account: v.boolean(),
  })),
}));

export const PortalBookingDetail = v.object({
  ...PortalBookingSummary.entries,
  total_price: Money,
  sessions: v.array(PortalSession),
  milestones: v.array(PortalMilestone),
  money: PortalMoney,
  policy: v.object({ free_cancel_hours: v.number(), late_cancel_fee_bp: v.number(), no_show_fee_bp: v.number() }),
  actions: v.object({
    schedule_sessions: v.boolean(),
    /** Move the remaining sessions together (POST …/reschedule-series): a booking of several sessions only. */
    reschedule_series: v.boolean(),
    cancel: v.boolean(), message: v.boolean(),
    /** Save a new card for the plan (POST …/card). */
    update_card: v.boolean(),
    /** Charge what is owed now to the saved card (POST …/pay-balance). */
    pay_balance: v.boolean(),
    /** Pay what is owed now, once, in the Payment Element (POST …/pay-balance/payment). */
    pay_balance_once: v.optional(v.boolean()),
    /** A reserved booking the studio made for the customer, to pay by link before its hold ends (POST …/payment-link/checkout). */
    pay_now: v.optional(v.boolean()),
  }),
  /** With `pay_now`: until when the times are held for the payment. */
  pay_until: v.optional(v.string()),
});
export type PortalBookingDetail = v.InferOutput<typeof PortalBookingDetail>;
export type PortalBookingSummary = v.InferOutput<typeof PortalBookingSummary>;
export type PortalSession = v.InferOutput<typeof PortalSession>;
export type PortalMoney = v.InferOutput<typeof PortalMoney>;

export const PortalSeriesProblem = v.object({
  type: v.string(), title: v.string(), status: v.number(), code: v.string(), detail: v.optional(v.string()),
  conflicts: v.optional(v.array(v.object({ ...SlotConflict.entries, session_id: v.nullable(v.string()) }))),
  deadline: v.optional(v.string()),
});

export { CancellationQuoteOut, SettlementOut, SessionOut };
export type CancellationQuote = v.InferOutput<typeof CancellationQuoteOut>;

/** POST /v1/portal/bookings/:id/messages: markdown, shown sanitised. */
export const PortalMessageBody = v.object({ body: v.pipe(v.string(), v.trim(), v.minLength(1, 'is required'), v.maxLength(5000)) });

export const PortalMessageList = v.object({
  messages: v.array(v.object({ id: Id, from: v.picklist(['customer', 'staff', 'system']), body_html: v.string(), created_at: v.string() })),
});
export type PortalMessageList = v.InferOutput<typeof PortalMessageList>;

/** What Stripe's Payment Element needs to confirm a client secret (or the test processor's stand-in, `provider: 'test'`). */
export const PaymentElementOut = v.object({
  provider: v.picklist(['stripe', 'test']),
  client_secret: v.string(),
  publishable_key: v.nullable(v.string()),
  stripe_account: v.nullable(v.string()),
  test_mode: v.boolean(),
});
export type PaymentElementOut = v.InferOutput<typeof PaymentElementOut>;

/** POST /v1/portal/bookings/:id/card: what the Payment Element needs to save a card (a SetupIntent). */
export const CardSetupOut = v.object({ setup: PaymentElementOut });
export type CardSetupOut = v.InferOutput<typeof CardSetupOut>;

/** POST /v1/portal/bookings/:id/card/test-confirm (test processor only): the customer saves the test card, or it is refused. */
export const TestCardBody = v.object({ outcome: v.optional(v.picklist(['succeed', 'fail']), 'succeed') });

/** POST /v1/portal/bookings/:id/pay-balance: what is charged now, and the booking. */
export const PayBalanceOut = v.object({
  charge: v.object({
    amount: Money,
    installments: v.array(v.object({ seq: v.number(), amount: Money })),
    other: Money,
    in_flight: Money,
  }),
  booking: PortalBookingDetail,
});
export type PayBalanceOut = v.InferOutput<typeof PayBalanceOut>;

/**
 * POST /v1/portal/bookings/:id/pay-balance/payment: a one-off payment of the open balance in Stripe's
 * Payment Element (`confirmPayment` in the browser); the money counts when Stripe's webhook says so.
 */
export const BalancePaymentOut = v.object({
  payment: PaymentElementOut,
  charge: PayBalanceOut.entries.charge,
});
export type BalancePaymentOut = v.InferOutput<typeof BalancePaymentOut>;

/** Where a bank refund goes: the account holder and the IBAN (check digits verified; spaces allowed). */
export const RefundAccountBody = v.object({
  account_holder: v.pipe(v.string(), v.trim(), v.minLength(2, 'must name the account holder'), v.maxLength(140), v.regex(/^[^\r\n\t]+$/, 'must be one line')),
  iban: Iban,
});
export type RefundAccountBody = v.InferOutput<typeof RefundAccountBody>;
export const RefundAccountParams = v.object({ id: Id, refundId: Id });
/** The bank refund after the account was given; the IBAN is shown by its last four characters only. */
export const RefundAccountOut = v.object({
  refund: v.object({
    id: v.string(), amount: v.number(), currency: v.string(), status: v.string(),
    account_holder: v.string(), iban_last4: v.string(), account_given_at: v.string(),
  }),
});
export type RefundAccountOut = v.InferOutput<typeof RefundAccountOut>;

/** POST /v1/portal/bookings/:id/payment-link/checkout: the customer checks out the booking the studio made for them. */
export const PaymentLinkCheckoutBody = v.object({ method: v.optional(v.picklist(['card', 'twint']), 'card') });

/** What the Payment Element (or the test processor's button) needs, and the amount. */
export const PaymentLinkCheckoutOut = v.object({
  /** Null when nothing is owed (the booking is confirmed at once). */
  payment: v.nullable(PaymentElementOut),
  amount: Money,
});
export type PaymentLinkCheckoutOut = v.InferOutput<typeof PaymentLinkCheckoutOut>;
