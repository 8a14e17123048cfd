/**
 * Referral codes. A customer shares their code; the referee gets a discount on their first
 * order (applied like a coupon: before VAT, over the lines); the referrer gets a reward —
 * class credits or a money credit — once the referee's order is confirmed (paid on the
 * verified webhook or the reconciled transfer), never before.
 */
import type { CreditLedgerEntry } from './credits.ts';
import { assertDiscountRule, type AppliedDiscount, type DiscountRule } from './discount.ts';
import { assertMoney, assertNonNegativeInteger, MoneyError, type Currency, type Money } from './money.ts';
import type { OrderLineInput } from './order.ts';

export type ReferrerReward =
  | { readonly kind: 'credits'; readonly credits: number }
  | { readonly kind: 'money'; readonly amount: Money };

export interface ReferralCode {
  readonly code: string;
  readonly referrerCustomerId: string;
  readonly refereeDiscount: DiscountRule;
  readonly referrerReward: ReferrerReward;
  /** The referrer's e-mail address: the same mailbox (mailboxOf) is the same person. */
  readonly referrerEmail?: string;
}

export interface ReferralContext {
  /** The customer placing the order. */
  readonly customerId: string;
  /** Their e-mail address. */
  readonly customerEmail?: string;
  /** Orders this customer already has (confirmed or paid) with the studio, this one excluded. */
  readonly priorOrders: number;
  readonly currency: Currency;
  readonly lines: readonly OrderLineInput[];
}

export type ReferralErrorCode =
  | 'referral_not_found'
  | 'referral_self'
  | 'referral_not_first_order'
  | 'referral_currency_mismatch'
  | 'referral_not_applicable';

export type ReferralResult =
  | { readonly ok: true; readonly discount: AppliedDiscount; readonly reward: ReferrerReward; readonly referrerCustomerId: string }
  | { readonly ok: false; readonly code: ReferralErrorCode };

export function assertReferrerReward(reward: ReferrerReward): void {
  if (reward.kind === 'credits') {
    assertNonNegativeInteger(reward.credits, 'reward.credits');
  } else if (reward.kind === 'money') {
    assertMoney(reward.amount, 'reward.amount');
    if (reward.amount.amount < 0) throw new MoneyError('reward.amount must not be negative');
  } else {
    throw new MoneyError(`unknown reward kind ${JSON.stringify((reward as { kind: unknown }).kind)}`);
  }
}

/**
 * Checks, in order: own code → not the first order → fixed discount in another currency →
 * an order with no lines. Every line is eligible.
 */
export function validateReferral(referral: ReferralCode, ctx: ReferralContext): ReferralResult {
  assertDiscountRule(referral.refereeDiscount);
  assertReferrerReward(referral.referrerReward);
  assertNonNegativeInteger(ctx.priorOrders, 'priorOrders');

  if (referral.referrerCustomerId === ctx.customerId) return { ok: false, code: 'referral_self' };
  if (referral.referrerEmail && ctx.customerEmail && mailboxOf(referral.referrerEmail) === mailboxOf(ctx.customerEmail)) return { ok: false, code: 'referral_self' };
  if (ctx.priorOrders > 0) return { ok: false, code: 'referral_not_first_order' };
  const rule = referral.refereeDiscount;
  if (rule.kind === 'fixed' && rule.amountOff.currency !== ctx.currency) {
    return { ok: false, code: 'referral_currency_mismatch' };
  }
  if (ctx.lines.length === 0) return { ok: false, code: 'referral_not_applicable' };
  return {
    ok: true,
    discount: { source: 'referral', code: referral.code, rule, eligibleLines: ctx.lines.map((_, i) => i) },
    reward: referral.referrerReward,
    referrerCustomerId: referral.referrerCustomerId,
  };
}

/**
 * The mailbox an address reaches, for telling a referrer from a referee: case-insensitive, and a
 * `+tag` in the local part (ana+2@example.ch reaches ana@example.ch) is dropped.
 */
export function mailboxOf(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 1) return address;
  return `${address.slice(0, at).replace(/\+.*$/, '')}${address.slice(at)}`;
}

const HOUR_MS = 3_600_000;

/**
 * When a referee's paid booking earns the referrer's reward: once the free cancellation window of its
 * first scheduled session has passed (cancelling later is no longer free), and never before payment
 * (`confirmedAt`). A booking without a scheduled session is due at once.
 */
export function referralRewardDueAt(sessionStarts: readonly (number | null)[], freeCancelHours: number, confirmedAt: number): number {
  assertNonNegativeInteger(freeCancelHours, 'freeCancelHours');
  const starts = sessionStarts.filter((s): s is number => s !== null);
  if (!starts.length) return confirmedAt;
  return Math.max(confirmedAt, Math.min(...starts) - freeCancelHours * HOUR_MS);
}

/** Whether a due reward is granted, or void and why. */
export function referralRewardDecision(booking: { status: string }, order: { status: string }): { grant: true } | { grant: false; reason: 'booking_cancelled' | 'order_refunded' | 'not_paid' } {
  if (booking.status === 'cancelled') return { grant: false, reason: 'booking_cancelled' };
  if (order.status === 'refunded' || order.status === 'cancelled') return { grant: false, reason: 'order_refunded' };
  if (booking.status === 'reserved') return { grant: false, reason: 'not_paid' };
  return { grant: true };
}

/**
 * A referral code for a customer: their first name in plain capitals (at most 8 letters, else `FRIEND`),
 * a dash and 4 characters that cannot be mistaken for each other (`random` gives one index per call).
 */
export function referralCodeFor(name: string, random: (n: number) => number): string {
  const first = name.trim().split(/\s+/)[0] ?? '';
  const letters = first.normalize('NFD').replace(/[^A-Za-z]/g, '').toUpperCase().slice(0, 8) || 'FRIEND';
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let suffix = '';
  for (let i = 0; i < 4; i++) suffix += alphabet[random(alphabet.length)];
  return `${letters}-${suffix}`;
}

export type ReferralOrderStatus = 'pending' | 'confirmed' | 'cancelled' | 'refunded';

export type ReferrerRewardGrant =
  | { readonly kind: 'credits'; readonly entry: CreditLedgerEntry }
  | { readonly kind: 'money'; readonly customerId: string; readonly amount: Money; readonly orderId: string };

/**
 * What to grant the referrer for the referee's order: nothing until the order is confirmed;
 * then a credit-ledger entry (credits) or a money credit. A zero reward grants nothing.
 * Granting once per order is the caller's job (a unique key on the order id).
 */
export function referrerRewardFor(
  referral: Pick<ReferralCode, 'code' | 'referrerCustomerId' | 'referrerReward'>,
  order: { readonly orderId: string; readonly status: ReferralOrderStatus },
): ReferrerRewardGrant | null {
  assertReferrerReward(referral.referrerReward);
  if (order.status !== 'confirmed') return null;
  const reward = referral.referrerReward;
  if (reward.kind === 'credits') {
    if (reward.credits === 0) return null;
    return {
      kind: 'credits',
      entry: {
        customerId: referral.referrerCustomerId,
        delta: reward.credits,
        reason: 'referral_reward',
        orderId: order.orderId,
        note: `referral ${referral.code}`,
      },
    };
  }
  if (reward.amount.amount === 0) return null;
  return { kind: 'money', customerId: referral.referrerCustomerId, amount: reward.amount, orderId: order.orderId };
}

/**
 * The studio's referral reward setting: class credits, or a single-use coupon of the referrer's own
 * (percent off in basis points, or an amount off in minor units and its currency) valid `valid_days`.
 */
export type ReferralRewardSetting =
  | { readonly kind: 'credits'; readonly credits: number }
  | { readonly kind: 'coupon'; readonly percent_bp: number; readonly amount_off?: undefined; readonly currency?: undefined; readonly valid_days: number }
  | { readonly kind: 'coupon'; readonly percent_bp?: undefined; readonly amount_off: number; readonly currency: string; readonly valid_days: number };

/** What a referrer earns: the studio's setting, else (none set) the class credits their code carries. */
export function effectiveReferralReward(setting: ReferralRewardSetting | null | undefined, codeCredits: number): ReferralRewardSetting {
  return setting ?? { kind: 'credits', credits: codeCredits };
}
