/**
 * Coupon validation. The caller looks the code up (`coupon_not_found` is its answer) and
 * counts redemptions; this decides whether the coupon applies to an order, and to which lines.
 *
 * Checks run in a fixed order, so one coupon on one order always gives the same answer:
 * another customer's → not started → expired → exhausted (total limit) → already used (per customer) → currency
 * mismatch → not applicable (no eligible line) → minimum total.
 */
import { assertDiscountRule, eligibleLineIndexes, type AppliedDiscount, type DiscountRule } from './discount.ts';
import { toEpochMs, type Instant } from './instant.ts';
import { assertMoney, assertNonNegativeInteger, MoneyError, type Currency, type Money } from './money.ts';
import { lineSubtotal, type OrderLineInput } from './order.ts';

export interface Coupon {
  readonly code: string;
  readonly kind: 'percent' | 'fixed';
  /** For kind 'percent': 1000 = 10 %. */
  readonly percentBp?: number | undefined;
  /** For kind 'fixed'. */
  readonly amountOff?: Money | undefined;
  /** Inclusive. */
  readonly validFrom?: Instant | undefined;
  /** Inclusive: the coupon still works at exactly this instant. */
  readonly validUntil?: Instant | undefined;
  readonly maxRedemptions?: number | undefined;
  readonly maxPerCustomer?: number | undefined;
  readonly programIds?: readonly string[] | undefined;
  readonly variantIds?: readonly string[] | undefined;
  /** Minimum order subtotal (before any discount), in the order's currency. */
  readonly minTotal?: Money | undefined;
  /** A coupon granted to one customer (a referral reward, an automation's): only they may redeem it. */
  readonly customerId?: string | undefined;
}

export interface CouponUsage {
  /** Redemptions so far, all customers. */
  readonly total: number;
  /** Redemptions so far by the customer placing this order. */
  readonly byThisCustomer: number;
}

export interface CouponContext {
  readonly now: Instant;
  readonly currency: Currency;
  readonly lines: readonly OrderLineInput[];
  readonly usage: CouponUsage;
  /** The customer placing the order. */
  readonly customerId?: string | undefined;
}

export type CouponErrorCode =
  | 'coupon_not_found'
  | 'coupon_not_yours'
  | 'coupon_not_started'
  | 'coupon_expired'
  | 'coupon_exhausted'
  | 'coupon_already_used'
  | 'coupon_not_applicable'
  | 'coupon_currency_mismatch'
  | 'coupon_min_total';

export type CouponResult =
  | { readonly ok: true; readonly eligibleLines: number[]; readonly discount: AppliedDiscount }
  | { readonly ok: false; readonly code: CouponErrorCode };

/** Codes are matched case-insensitively, ignoring surrounding spaces. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

/** The coupon's rule; throws on a malformed coupon (a data error, not a customer's). */
export function couponRule(coupon: Coupon): DiscountRule {
  let rule: DiscountRule;
  if (coupon.kind === 'percent') {
    if (coupon.percentBp === undefined) throw new MoneyError(`coupon ${coupon.code}: percent coupon without percentBp`);
    rule = { kind: 'percent', percentBp: coupon.percentBp };
  } else if (coupon.kind === 'fixed') {
    if (coupon.amountOff === undefined) throw new MoneyError(`coupon ${coupon.code}: fixed coupon without amountOff`);
    rule = { kind: 'fixed', amountOff: coupon.amountOff };
  } else {
    throw new MoneyError(`coupon ${coupon.code}: unknown kind ${JSON.stringify(coupon.kind)}`);
  }
  assertDiscountRule(rule);
  return rule;
}

export function validateCoupon(coupon: Coupon, ctx: CouponContext): CouponResult {
  const rule = couponRule(coupon);
  const now = toEpochMs(ctx.now, 'now');
  assertNonNegativeInteger(ctx.usage.total, 'usage.total');
  assertNonNegativeInteger(ctx.usage.byThisCustomer, 'usage.byThisCustomer');
  if (coupon.minTotal !== undefined) assertMoney(coupon.minTotal, 'minTotal');

  if (coupon.customerId !== undefined && coupon.customerId !== ctx.customerId) return { ok: false, code: 'coupon_not_yours' };
  if (coupon.validFrom !== undefined && now < toEpochMs(coupon.validFrom, 'validFrom')) {
    return { ok: false, code: 'coupon_not_started' };
  }
  if (coupon.validUntil !== undefined && now > toEpochMs(coupon.validUntil, 'validUntil')) {
    return { ok: false, code: 'coupon_expired' };
  }
  if (coupon.maxRedemptions !== undefined && ctx.usage.total >= coupon.maxRedemptions) {
    return { ok: false, code: 'coupon_exhausted' };
  }
  if (coupon.maxPerCustomer !== undefined && ctx.usage.byThisCustomer >= coupon.maxPerCustomer) {
    return { ok: false, code: 'coupon_already_used' };
  }
  if (
    (rule.kind === 'fixed' && rule.amountOff.currency !== ctx.currency) ||
    (coupon.minTotal !== undefined && coupon.minTotal.currency !== ctx.currency)
  ) {
    return { ok: false, code: 'coupon_currency_mismatch' };
  }
  const eligibleLines = eligibleLineIndexes(ctx.lines, coupon);
  if (eligibleLines.length === 0) return { ok: false, code: 'coupon_not_applicable' };
  if (coupon.minTotal !== undefined) {
    const subtotal = ctx.lines.reduce((s, line, i) => s + lineSubtotal(line, ctx.currency, i), 0);
    if (subtotal < coupon.minTotal.amount) return { ok: false, code: 'coupon_min_total' };
  }
  return {
    ok: true,
    eligibleLines,
    discount: { source: 'coupon', code: coupon.code, rule, eligibleLines },
  };
}
