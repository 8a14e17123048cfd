import Stripe from 'stripe';
import { ProviderError, type ChargeResult, type CreatedSetup, type PaymentEvent, type PaymentProvider, type RefundResult } from './provider.ts';

export interface StripeProviderOptions {
  secretKey: string;
  webhookSecret: string;
  /** `pk_…` handed to the widget with the client secret. */
  publishableKey: string | null;
  /** Tests: the API's host (msw answers there) and retries off. */
  config?: ConstructorParameters<typeof Stripe>[1];
}

/**
 * `charge.refunded`: a charge of a PaymentIntent had (some of) its money refunded. The event's charge
 * does not carry its refunds on current API versions (they are no longer included by default), so
 * which of ours settled is read from Stripe by `refundEventsOfCharge`.
 */
export interface ChargeRefunded {
  kind: 'charge_refunded';
  /** The charge (`ch_…`). */
  chargeRef: string;
  /** The Connect account the event came from (null: the platform account). */
  account: string | null;
  /** The charge's PaymentIntent (`pi_…`), and the org its metadata names when the charge carries it. */
  paymentIntentRef: string;
  orgId: string | null;
}

/** What Stripe says of a connected account: whether it may take charges, be paid out, and whether its owner gave the details asked. */
export interface ConnectStatus { chargesEnabled: boolean; payoutsEnabled: boolean; detailsSubmitted: boolean }

/** `account.updated`: a connected account changed (onboarding went on, charges were enabled or disabled). */
export interface AccountUpdated extends ConnectStatus {
  kind: 'account_updated';
  /** The account (`acct_…`). */
  account: string;
  /** The org the account's metadata names (we set it when creating the account); null: not one of ours. */
  orgId: string | null;
}

export interface StripePaymentProvider extends PaymentProvider {
  kind: 'stripe';
  /**
   * Verifies a webhook's signature and reads the payment it is about. Throws on a bad
   * signature; null for events this service does not act on.
   */
  parseWebhook(rawBody: string, signature: string, receivedAt: Date): PaymentEvent | ChargeRefunded | AccountUpdated | null;
  /**
   * Creates a studio's connected account (a Standard account: the studio has its own Stripe dashboard
   * and is the merchant of record for the direct charges made on it). Keyed by `idempotencyKey`, so a
   * retry gets the same account.
   */
  createConnectedAccount(input: { orgId: string; country: string | null; email: string; businessName: string; idempotencyKey: string }): Promise<{ ref: string } & ConnectStatus>;
  /** A single-use, minutes-long link to Stripe's hosted onboarding for the account (never stored: it is a bearer token). */
  createAccountLink(input: { account: string; refreshUrl: string; returnUrl: string }): Promise<{ url: string; expiresAt: Date }>;
  /** The account as Stripe has it now. */
  connectedAccount(account: string): Promise<ConnectStatus>;
  /**
   * The charge's refunds as they are at Stripe now (listed on the event's account), as refund events:
   * one per refund of ours (`metadata.refund_id`) that has succeeded or failed, and one
   * `refunded_at_provider` per refund made outside Tandem (no metadata of ours: Stripe's dashboard)
   * that has succeeded, for the org the PaymentIntent's metadata names. Pending ones are left out.
   */
  refundEventsOfCharge(event: ChargeRefunded): Promise<PaymentEvent[]>;
}

/**
 * How long one call to Stripe may take before it is given up (the library's default is 80 s, which
 * held the customer's checkout and a server connection that long), and how often a call that
 * failed on the network is tried again (with the same idempotency key). After that the request
 * answers 502 `payment_provider_error`.
 */
export const STRIPE_TIMEOUT_MS = 10_000;
export const STRIPE_MAX_NETWORK_RETRIES = 1;

function providerError(error: unknown): ProviderError {
  if (typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'StripeConnectionError') {
    return new ProviderError('Stripe did not answer in time (or could not be reached); please try again.');
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError(`Stripe: ${message}`);
}

function isStripeError(error: unknown): error is { type: string; code?: string; decline_code?: string; message: string; payment_intent?: { id: string; status: string } } {
  return typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string' && 'rawType' in error;
}

/**
 * Stripe, through the official library. Each org's charges run on its own Connect account
 * (`orgs.stripe_account_id`, sent as the `Stripe-Account` header through the
 * `stripeAccount` request option); without one, on the platform account.
 */
export function stripeProvider(options: StripeProviderOptions): StripePaymentProvider {
  const stripe = new Stripe(options.secretKey, { timeout: STRIPE_TIMEOUT_MS, maxNetworkRetries: STRIPE_MAX_NETWORK_RETRIES, ...options.config });
  const on = (account: string | null, idempotencyKey?: string) => ({
    ...(account ? { stripeAccount: account } : {}),
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });

  return {
    kind: 'stripe',
    publishableKey: options.publishableKey,
    testMode: options.secretKey.startsWith('sk_test_') || options.secretKey.startsWith('rk_test_'),

    async createIntent(input) {
      try {
        let customerRef = input.customer.ref;
        if (input.saveForLater && !customerRef) {
          const customer = await stripe.customers.create(
            { email: input.customer.email, name: input.customer.name, metadata: { org_id: input.metadata.org_id } },
            on(input.account, `${input.idempotencyKey}:customer`),
          );
          customerRef = customer.id;
        }
        const intent = await stripe.paymentIntents.create({
          amount: input.amount,
          currency: input.currency.toLowerCase(),
          ...(input.method === 'twint' ? { payment_method_types: ['twint'] } : { automatic_payment_methods: { enabled: true } }),
          ...(input.saveForLater ? { setup_future_usage: 'off_session' as const } : {}),
          ...(customerRef ? { customer: customerRef } : {}),
          metadata: { ...input.metadata },
          description: input.description,
        }, on(input.account, input.idempotencyKey));
        if (!intent.client_secret) throw new ProviderError('Stripe: the PaymentIntent has no client secret');
        return { ref: intent.id, clientSecret: intent.client_secret, customerRef };
      } catch (error) {
        if (error instanceof ProviderError) throw error;
        throw providerError(error);
      }
    },

    async cancelIntent(ref, account) {
      try {
        await stripe.paymentIntents.cancel(ref, {}, on(account));
        return 'cancelled';
      } catch (error) {
        try {
          const intent = await stripe.paymentIntents.retrieve(ref, {}, on(account));
          if (intent.status === 'succeeded') return 'succeeded';
          if (intent.status === 'processing') return 'processing';
          if (intent.status === 'canceled') return 'cancelled';
        } catch {
          // fall through to the original error
        }
        throw providerError(error);
      }
    },

    async refund(input): Promise<RefundResult> {
      try {
        const refund = await stripe.refunds.create({
          payment_intent: input.paymentRef, amount: input.amount, metadata: input.metadata,
        }, on(input.account, input.idempotencyKey));
        if (refund.status === 'succeeded') return { status: 'succeeded', ref: refund.id };
        if (refund.status === 'failed' || refund.status === 'canceled') return { status: 'failed', ref: refund.id, reason: refund.failure_reason ?? `refund ${refund.status}` };
        return { status: 'pending', ref: refund.id };
      } catch (error) {
        throw providerError(error);
      }
    },

    async chargeOffSession(input): Promise<ChargeResult> {
      try {
        const intent = await stripe.paymentIntents.create({
          amount: input.amount,
          currency: input.currency.toLowerCase(),
          customer: input.customerRef,
          payment_method: input.paymentMethodRef,
          off_session: true,
          confirm: true,
          metadata: { ...input.metadata },
          description: input.description,
        }, on(input.account, input.idempotencyKey));
        if (intent.status === 'succeeded') return { status: 'succeeded', ref: intent.id };
        if (intent.status === 'processing') return { status: 'processing', ref: intent.id };
        return { status: 'failed', ref: intent.id, reason: intent.last_payment_error?.message ?? `payment ${intent.status}` };
      } catch (error) {
        if (isStripeError(error) && (error.type === 'StripeCardError' || error.code === 'authentication_required')) {
          return { status: 'failed', ref: error.payment_intent?.id ?? null, reason: error.decline_code ? `${error.message} (${error.decline_code})` : error.message };
        }
        throw providerError(error);
      }
    },

    async createSetupIntent(input): Promise<CreatedSetup> {
      try {
        let customerRef = input.customer.ref;
        if (!customerRef) {
          const customer = await stripe.customers.create(
            { email: input.customer.email, name: input.customer.name, metadata: { org_id: input.metadata.org_id } },
            on(input.account, `${input.idempotencyKey}:customer`),
          );
          customerRef = customer.id;
        }
        const setup = await stripe.setupIntents.create({
          customer: customerRef,
          usage: 'off_session',
          automatic_payment_methods: { enabled: true },
          metadata: { ...input.metadata },
        }, on(input.account, input.idempotencyKey));
        if (!setup.client_secret) throw new ProviderError('Stripe: the SetupIntent has no client secret');
        return { ref: setup.id, clientSecret: setup.client_secret, customerRef };
      } catch (error) {
        if (error instanceof ProviderError) throw error;
        throw providerError(error);
      }
    },

    async refundEventsOfCharge(event) {
      const out: PaymentEvent[] = [];
      try {
        const elsewhere: StripeRefundLike[] = [];
        for await (const refund of stripe.refunds.list({ charge: event.chargeRef, limit: 100 }, on(event.account))) {
          const e = refundEvent(refund as StripeRefundLike, event.account);
          if (e) out.push(e);
          else if (!(refund.metadata as Record<string, string> | null)?.refund_id && refund.status === 'succeeded') elsewhere.push(refund as StripeRefundLike);
        }
        if (elsewhere.length) {
          // The org is the PaymentIntent's (its metadata), read from Stripe when the charge does not carry it.
          const orgId = event.orgId ?? (await stripe.paymentIntents.retrieve(event.paymentIntentRef, {}, on(event.account))).metadata?.org_id ?? null;
          for (const refund of orgId ? elsewhere : []) {
            out.push({ provider: 'stripe', kind: 'refunded_at_provider', ref: event.paymentIntentRef, orgId: orgId!, refundRef: refund.id, amount: refund.amount ?? 0, account: event.account });
          }
        }
      } catch (error) {
        throw providerError(error);
      }
      return out;
    },

    async createConnectedAccount(input) {
      try {
        const account = await stripe.accounts.create({
          type: 'standard',
          ...(input.country ? { country: input.country } : {}),
          email: input.email,
          business_profile: { name: input.businessName },
          metadata: { org_id: input.orgId },
        }, { idempotencyKey: input.idempotencyKey });
        return { ref: account.id, ...connectStatus(account) };
      } catch (error) {
        throw providerError(error);
      }
    },

    async createAccountLink(input) {
      try {
        const link = await stripe.accountLinks.create({ account: input.account, type: 'account_onboarding', refresh_url: input.refreshUrl, return_url: input.returnUrl });
        return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
      } catch (error) {
        throw providerError(error);
      }
    },

    async connectedAccount(account) {
      try {
        return connectStatus(await stripe.accounts.retrieve(account));
      } catch (error) {
        throw providerError(error);
      }
    },

    parseWebhook(rawBody, signature, receivedAt) {
      const event = stripe.webhooks.constructEvent(rawBody, signature, options.webhookSecret, undefined, undefined, receivedAt.getTime());
      const idOf = (x: string | { id: string } | null | undefined) => (typeof x === 'string' ? x : x?.id);
      if (event.type === 'account.updated') {
        const account = event.data.object as { id?: unknown; metadata?: Record<string, string> | null; charges_enabled?: boolean; payouts_enabled?: boolean; details_submitted?: boolean };
        if (typeof account.id !== 'string') return null;
        return { kind: 'account_updated', account: account.id, orgId: account.metadata?.org_id ?? null, ...connectStatus(account) };
      }
      if (event.type === 'setup_intent.succeeded') {
        // A new card saved from the portal ("update card"): the plan's later charges go to it.
        const setup = event.data.object as { id: string; metadata?: Record<string, string> | null; payment_method?: string | { id: string } | null; customer?: string | { id: string } | null };
        const orgId = setup.metadata?.org_id;
        if (!orgId || !setup.metadata?.order_id) return null;
        return {
          provider: 'stripe', kind: 'card_saved', ref: setup.id, orgId, orderId: setup.metadata.order_id,
          paymentMethodRef: idOf(setup.payment_method), customerRef: idOf(setup.customer),
          account: (event as { account?: string | null }).account ?? null,
        };
      }
      if (event.type === 'refund.updated' || event.type === 'refund.created' || event.type === 'charge.refund.updated') {
        return refundEvent(event.data.object as StripeRefundLike, (event as { account?: string | null }).account ?? null);
      }
      if (event.type === 'charge.refunded') {
        const charge = event.data.object as { id?: unknown; payment_intent?: string | { id: string } | null; metadata?: Record<string, string> | null };
        // Tandem refunds only what it took through PaymentIntents; a bare charge is another integration's.
        const paymentIntentRef = idOf(charge.payment_intent);
        if (typeof charge.id !== 'string' || !paymentIntentRef) return null;
        return { kind: 'charge_refunded', chargeRef: charge.id, account: (event as { account?: string | null }).account ?? null, paymentIntentRef, orgId: charge.metadata?.org_id ?? null };
      }
      if (event.type !== 'payment_intent.succeeded' && event.type !== 'payment_intent.payment_failed') return null;
      const intent = event.data.object as { id: string; metadata?: Record<string, string>; payment_method?: string | { id: string } | null; customer?: string | { id: string } | null; last_payment_error?: { message?: string; code?: string; decline_code?: string } | null };
      const orgId = intent.metadata?.org_id;
      if (!orgId) return null; // not one of ours (another integration on the same account)
      const error = intent.last_payment_error;
      return {
        provider: 'stripe',
        kind: event.type === 'payment_intent.succeeded' ? 'succeeded' : 'failed',
        ref: intent.id,
        orgId,
        paymentId: intent.metadata?.payment_id,
        paymentMethodRef: idOf(intent.payment_method),
        customerRef: idOf(intent.customer),
        failureReason: error ? (error.message ?? error.decline_code ?? error.code ?? 'payment_failed') : undefined,
        account: (event as { account?: string | null }).account ?? null,
      };
    },
  };
}

function connectStatus(account: { charges_enabled?: boolean | null; payouts_enabled?: boolean | null; details_submitted?: boolean | null }): ConnectStatus {
  return { chargesEnabled: account.charges_enabled === true, payoutsEnabled: account.payouts_enabled === true, detailsSubmitted: account.details_submitted === true };
}

type StripeRefundLike = { id: string; status?: string | null; amount?: number; failure_reason?: string | null; metadata?: Record<string, string> | null };

/** A refund of ours (its metadata names the org and our refund row) that Stripe settled; null otherwise. */
function refundEvent(refund: StripeRefundLike, account: string | null): PaymentEvent | null {
  const orgId = refund.metadata?.org_id;
  if (!orgId || !refund.metadata?.refund_id) return null;
  if (refund.status !== 'succeeded' && refund.status !== 'failed' && refund.status !== 'canceled') return null;
  return {
    provider: 'stripe', kind: refund.status === 'succeeded' ? 'refund_succeeded' : 'refund_failed', ref: refund.id, orgId,
    refundId: refund.metadata.refund_id, failureReason: refund.failure_reason ?? undefined, account,
  };
}
