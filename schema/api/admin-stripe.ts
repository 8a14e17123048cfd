import * as v from 'valibot';

/** The studio's Stripe Connect account as its owner sees it (GET /v1/admin/settings/stripe). */
export const StripeConnectOut = v.object({
  /** Whether this Tandem takes card payments through Stripe at all (STRIPE_SECRET_KEY); false: the onboarding is not offered. */
  configured: v.boolean(),
  /** `not_connected`: no account yet; `details_pending`: Stripe still needs details before the account takes charges; `charges_enabled`: card and TWINT payments go to it. */
  state: v.picklist(['not_connected', 'details_pending', 'charges_enabled']),
  account_id: v.nullable(v.string()),
  charges_enabled: v.boolean(),
  payouts_enabled: v.boolean(),
  details_submitted: v.boolean(),
});
export type StripeConnectOut = v.InferOutput<typeof StripeConnectOut>;

/** POST /v1/admin/settings/stripe/onboarding: the account, and where to send the owner to continue at Stripe. */
export const StripeOnboardingOut = v.object({
  ...StripeConnectOut.entries,
  /** Stripe's hosted onboarding (single-use, minutes long: open it at once); null once charges are enabled. */
  url: v.nullable(v.string()),
  expires_at: v.nullable(v.string()),
});
export type StripeOnboardingOut = v.InferOutput<typeof StripeOnboardingOut>;
