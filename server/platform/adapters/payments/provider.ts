/**
 * One interface for the card-like payment providers: Stripe when keys are configured, the
 * built-in test processor otherwise (demo and tests). QR-bill and credits need no provider.
 */

export interface IntentInput {
  /** The org's Stripe Connect account (`orgs.stripe_account_id`), or null for the platform account. */
  account: string | null;
  amount: number;
  currency: string;
  /** `twint`: TWINT only; `card`: whatever the Payment Element offers (cards, Apple Pay, Google Pay, …). */
  method: 'card' | 'twint';
  /** Keep the payment method for off-session installment charges (needs `customer`). */
  saveForLater: boolean;
  customer: { ref: string | null; email: string; name: string };
  metadata: { org_id: string; booking_id: string; order_id: string; payment_id: string };
  description: string;
  /** Makes a retried call return the same intent instead of a second one. */
  idempotencyKey: string;
}

export interface CreatedIntent {
  /** The provider's id (Stripe: `pi_…`); `payments.provider_ref`. */
  ref: string;
  clientSecret: string;
  /** The provider's customer, when one was created for saving the payment method. */
  customerRef: string | null;
}

export interface OffSessionInput {
  account: string | null;
  amount: number;
  currency: string;
  customerRef: string;
  paymentMethodRef: string;
  metadata: { org_id: string; booking_id: string; order_id: string; payment_id: string; installment_id: string };
  description: string;
  idempotencyKey: string;
}

/** A SetupIntent: the customer saves a (new) card for the plan's later charges, nothing is charged now. */
export interface SetupInput {
  account: string | null;
  /** The provider's customer the plan's card belongs to; null: one is created. */
  customer: { ref: string | null; email: string; name: string };
  metadata: { org_id: string; booking_id: string; order_id: string };
  /** Makes a retried call return the same SetupIntent instead of a second one. */
  idempotencyKey: string;
}

export interface CreatedSetup {
  /** The provider's id (Stripe: `seti_…`). */
  ref: string;
  clientSecret: string;
  customerRef: string;
}

export type ChargeResult =
  | { status: 'succeeded'; ref: string }
  | { status: 'processing'; ref: string }
  | { status: 'failed'; ref: string | null; reason: string };

/** What a provider tells us about a payment, from its webhook (or the test processor's stand-in). */
export interface PaymentEvent {
  provider: 'stripe' | 'test';
  /**
   * A payment succeeded or failed, (refund_*) a refund the provider settled later, or
   * (card_saved) a SetupIntent saved a new card for an order's plan (`orderId`).
   */
  kind: 'succeeded' | 'failed' | 'refund_succeeded' | 'refund_failed' | 'card_saved' | 'refunded_at_provider';
  /**
   * For refunded_at_provider: a refund made at the provider outside Tandem (Stripe's dashboard) on the
   * payment `ref`: the provider's refund id and its amount.
   */
  refundRef?: string | undefined;
  amount?: number | undefined;
  /** For card_saved: the order whose plan the card is for (the SetupIntent's metadata). */
  orderId?: string | undefined;
  /** For refund_*: the refund row's id (the refund's metadata). */
  refundId?: string | undefined;
  /** The intent's id (`payments.provider_ref`). */
  ref: string;
  orgId: string;
  /** Our payment row, from the intent's metadata (a fallback for finding the row). */
  paymentId?: string | undefined;
  failureReason?: string | undefined;
  /** The saved payment method, for installments. */
  paymentMethodRef?: string | undefined;
  customerRef?: string | undefined;
  /**
   * The Connect account the event came from (Stripe's `event.account`; null: the platform
   * account). When given, it must be the org's own account, or the event is not applied.
   */
  account?: string | null | undefined;
}

export interface PaymentProvider {
  kind: 'stripe' | 'test';
  /** Given to the widget with the client secret (Stripe.js needs it; absent for test). */
  publishableKey: string | null;
  /** Test keys or the test processor: nothing is really charged (the widget says so). */
  testMode: boolean;
  createIntent(input: IntentInput): Promise<CreatedIntent>;
  /**
   * Cancels an intent nobody will pay any more. 'succeeded' when it was already paid; 'processing'
   * when it can no longer be cancelled and its outcome is not known yet (its webhook will tell).
   */
  cancelIntent(ref: string, account: string | null): Promise<IntentState>;
  chargeOffSession(input: OffSessionInput): Promise<ChargeResult>;
  /** Starts saving a card for later off-session charges (the Payment Element confirms it in the browser). */
  createSetupIntent(input: SetupInput): Promise<CreatedSetup>;
  /**
   * Gives (part of) a captured payment back. Keyed by `idempotencyKey` (the refund row's id), so a
   * retry after a crash or a timeout refunds once. `pending`: the provider confirms later (webhook).
   */
  refund(input: RefundInput): Promise<RefundResult>;
}

/** What cancelling an intent found: cancelled (now or before), paid, or under way and no longer cancellable. */
export type IntentState = 'cancelled' | 'succeeded' | 'processing';

export interface RefundInput {
  account: string | null;
  /** The payment's provider reference (Stripe: the PaymentIntent `pi_…`). */
  paymentRef: string;
  amount: number;
  currency: string;
  metadata: { org_id: string; refund_id: string; order_id: string };
  idempotencyKey: string;
}

export type RefundResult = { status: 'succeeded' | 'pending'; ref: string } | { status: 'failed'; ref: string | null; reason: string };

/** A provider's error: becomes `payment_provider_error` (502). */
export class ProviderError extends Error {
  override name = 'ProviderError';
}
