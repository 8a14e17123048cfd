import { CONFIRMED } from '../../../../core/api/bookings.ts';
import type { ApiError } from '../../../../core/api/client.ts';
import type { CheckoutResponse, PaymentMethod } from '../../../../core/context/types.ts';

/** Where the checkout's answer leads: the confirmation, the TEST MODE processor, Stripe, or waiting for the webhook. */
export function nextAfterCheckout(res: CheckoutResponse, method: PaymentMethod): 'confirmation' | 'test' | 'stripe' | 'poll' {
  if (CONFIRMED.has(res.booking.status) || method === 'qr_bill' || res.invoice) return 'confirmation';
  if (res.payment?.provider === 'test') return 'test';
  if (res.payment?.provider === 'stripe') return 'stripe';
  return 'poll';
}

/**
 * A failed checkout: the e-mail address to prove inline (`identity_required`), a coupon or
 * referral code refused (its message, the server's own when it gave one), or anything else.
 */
export function checkoutFailure(e: ApiError): { kind: 'identity' } | { kind: 'coupon'; message: string | undefined } | { kind: 'other' } {
  if (e.code === 'identity_required') return { kind: 'identity' };
  const message = e.problem?.errors?.find((x) => x.field === 'coupon')?.message;
  if (message || e.code.startsWith('coupon_') || e.code.startsWith('referral_')) return { kind: 'coupon', message };
  return { kind: 'other' };
}

/** 400: the server's per-field errors, keyed by field path (`intake.goals`, `customer.email`). */
export function fieldErrorsOf(e: ApiError): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const x of e.problem?.errors ?? []) fieldErrors[x.field] = x.message;
  return fieldErrors;
}
