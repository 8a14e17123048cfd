import * as v from 'valibot';
import { Id, singleLine } from './common.ts';
import { BookingOut } from './embed-bookings.ts';

/** A structured postal address (Swiss QR-bill v2.3 accepts structured addresses only). */
export const PostalAddressInput = v.object({
  street: v.pipe(v.string(), v.trim(), singleLine(), v.minLength(1, 'is required'), v.maxLength(70)),
  building_number: v.optional(v.pipe(v.string(), v.trim(), singleLine(), v.maxLength(16))),
  postal_code: v.pipe(v.string(), v.trim(), singleLine(), v.minLength(1, 'is required'), v.maxLength(16)),
  city: v.pipe(v.string(), v.trim(), singleLine(), v.minLength(1, 'is required'), v.maxLength(35)),
  country: v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[A-Z]{2}$/, 'must be a 2-letter country code')),
});

export const PaymentMethod = v.picklist(['card', 'twint', 'qr_bill', 'bank_transfer', 'credits']);
export type PaymentMethod = v.InferOutput<typeof PaymentMethod>;

export const CheckoutBody = v.object({
  /**
   * card     cards, Apple Pay, Google Pay through Stripe's Payment Element
   * twint    TWINT through Stripe (CHF only, at most CHF 5,000 per payment)
   * qr_bill  a Swiss QR-bill invoice (studios with a Swiss or Liechtenstein account); the booking stays
   *          reserved until staff record the transfer
   * bank_transfer  an invoice with an EPC QR code (GiroCode) for a SEPA transfer in euros (studios with
   *          a SEPA account outside CH/LI); reserved until staff record the transfer, like a QR-bill
   * credits  the variant's credit price from the customer's class credits; confirmed at once
   */
  method: PaymentMethod,
  /** full: everything now; deposit: the variant's deposit now, then its payment plan (card only). */
  plan: v.optional(v.picklist(['full', 'deposit']), 'full'),
  /** A coupon or a referral code. */
  coupon: v.optional(v.pipe(v.string(), v.trim(), singleLine(), v.maxLength(64))),
  /** The payer's address, printed as the debtor on a QR-bill (optional: the bill then leaves it blank). */
  billing_address: v.optional(PostalAddressInput),
  /**
   * The customer ticked the (unticked by default) box asking for the studio's news by e-mail, whose words are
   * those of GET /v1/embed/marketing-consent in the customer's language. Nothing about the booking depends on it:
   * a consent is recorded as pending and a mail asks the customer to confirm it (double opt-in).
   */
  marketing_opt_in: v.optional(v.boolean()),
});
export type CheckoutBody = v.InferOutput<typeof CheckoutBody>;


/** `GET …/quote`: the choices a checkout would be made with (the query string). */
export const QuoteQuery = v.object({
  method: PaymentMethod,
  plan: v.optional(v.picklist(['full', 'deposit']), 'full'),
  coupon: v.optional(v.pipe(v.string(), v.trim(), singleLine(), v.maxLength(64))),
});
export type QuoteQuery = v.InferOutput<typeof QuoteQuery>;

export const OrderLineOut = v.object({
  description: v.string(),
  quantity: v.number(),
  unit_price: v.number(),
  discount: v.number(),
  /** What the customer pays for the line, VAT included, minor units. */
  amount: v.number(),
  /** In percent, e.g. 8.1. */
  vat_rate: v.number(),
  vat_rate_bp: v.number(),
  vat_amount: v.number(),
  kind: v.picklist(['item', 'rounding']),
});

export const InstallmentOut = v.object({ seq: v.number(), due_at: v.string(), amount: v.number(), status: v.string() });

export const OrderOut = v.object({
  id: Id,
  status: v.picklist(['pending', 'partially_paid', 'paid', 'cancelled', 'refunded']),
  currency: v.string(),
  subtotal: v.number(),
  discount_total: v.number(),
  discount: v.nullable(v.object({ code: v.string(), source: v.picklist(['coupon', 'referral']) })),
  vat_total: v.number(),
  rounding_adjustment: v.number(),
  total: v.number(),
  amount_paid: v.number(),
  amount_due: v.number(),
  lines: v.array(OrderLineOut),
  vat_by_rate: v.array(v.object({ vat_rate_bp: v.number(), gross: v.number(), net: v.number(), vat: v.number() })),
  plan: v.nullable(v.object({ deposit: v.number(), installments: v.array(InstallmentOut) })),
  /** Paid in class credits. */
  credits: v.nullable(v.number()),
});
export type OrderOut = v.InferOutput<typeof OrderOut>;

export const InvoiceOut = v.object({ number: v.string(), pdf_url: v.string(), reference: v.nullable(v.string()) });

export const PaymentOut = v.object({
  provider: v.picklist(['stripe', 'test']),
  client_secret: v.string(),
  /** Stripe's publishable key for Stripe.js (absent for the test processor). */
  publishable_key: v.optional(v.string()),
  /** Connect account the intent lives on, for Stripe.js's `stripeAccount` option. */
  stripe_account: v.optional(v.string()),
  test_mode: v.boolean(),
  amount: v.number(),
  currency: v.string(),
});

export const CheckoutBooking = v.object({
  ...BookingOut.entries,
  /** The customer's signed link to see and change the booking (the portal). */
  manage_url: v.string(),
  payment_overdue: v.boolean(),
  /** The last payment attempt, e.g. a declined card: what the widget shows while the booking stays reserved. */
  last_payment: v.nullable(v.object({ status: v.picklist(['pending', 'succeeded', 'failed', 'refunded']), failure_reason: v.nullable(v.string()) })),
});

export const CheckoutResponse = v.object({
  booking: CheckoutBooking,
  order: OrderOut,
  invoice: v.optional(InvoiceOut),
  payment: v.optional(PaymentOut),
});
export type CheckoutResponse = v.InferOutput<typeof CheckoutResponse>;

/** The built-in test processor (no Stripe keys, never in production): what the simulated provider reports. */
export const TestPaymentBody = v.object({ outcome: v.picklist(['succeed', 'fail']) });
export const TestPaymentResponse = v.object({ booking: CheckoutBooking, order: OrderOut });

/** Staff record a bank transfer (a paid QR-bill). */
export const RecordPaymentBody = v.object({
  amount: v.pipe(v.number(), v.safeInteger('must be an integer amount in minor units'), v.minValue(1, 'must be positive')),
  method: v.literal('bank_transfer'),
  reference: v.pipe(v.string(), v.trim(), singleLine(), v.minLength(1, 'is required'), v.maxLength(140)),
});
export type RecordPaymentBody = v.InferOutput<typeof RecordPaymentBody>;

export const OrderParams = v.object({ id: Id });

export const RecordPaymentResponse = v.object({
  payment: v.object({ id: Id, amount: v.number(), currency: v.string(), method: v.string(), reference: v.string(), status: v.string() }),
  order: OrderOut,
  booking: v.nullable(v.object({ id: Id, status: v.string() })),
  /** More than the order still claimed: the excess goes back from this payment as a bank refund waiting for the studio's transfer (`pending_transfer`). */
  overpayment: v.nullable(v.object({ amount: v.number(), refund: v.object({ id: Id, amount: v.number(), status: v.string() }) })),
});
export type RecordPaymentResponse = v.InferOutput<typeof RecordPaymentResponse>;

/**
 * What a checkout with these choices would charge, before the customer commits: the order's lines
 * with the code's discount, VAT, the total, what is due now and the plan's installments with their
 * dates. Nothing is written; the checkout computes the same figures.
 */
export const QuoteResponse = v.object({
  method: PaymentMethod,
  plan: v.picklist(['full', 'deposit']),
  currency: v.string(),
  subtotal: v.number(),
  discount_total: v.number(),
  discount: v.nullable(v.object({ code: v.string(), source: v.picklist(['coupon', 'referral']) })),
  vat_total: v.number(),
  rounding_adjustment: v.number(),
  total: v.number(),
  /** What the chosen method collects at checkout (the deposit with a plan). */
  due_now: v.number(),
  lines: v.array(OrderLineOut),
  installments: v.array(v.object({ seq: v.number(), due_at: v.string(), amount: v.number() })),
  /** Paid in class credits. */
  credits: v.nullable(v.number()),
});
export type QuoteResponse = v.InferOutput<typeof QuoteResponse>;
