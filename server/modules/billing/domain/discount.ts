/**
 * What coupons and referral codes have in common: a rule (percent or fixed amount), the
 * lines it applies to, and how much it takes off them. `priceOrder` applies it before VAT.
 */
import { assertMoney, MoneyError, type Money } from './money.ts';
import { applyBasisPoints, assertBasisPoints } from './rounding.ts';

export type DiscountRule =
  | { readonly kind: 'percent'; /** 1000 = 10 % */ readonly percentBp: number }
  | { readonly kind: 'fixed'; readonly amountOff: Money };

export interface AppliedDiscount {
  readonly source: 'coupon' | 'referral';
  readonly code: string;
  readonly rule: DiscountRule;
  /** Indexes into the order's lines; omitted = every line. */
  readonly eligibleLines?: readonly number[];
}

export function assertDiscountRule(rule: DiscountRule): void {
  if (rule.kind === 'percent') {
    assertBasisPoints(rule.percentBp, 'percentBp');
  } else if (rule.kind === 'fixed') {
    assertMoney(rule.amountOff, 'amountOff');
    if (rule.amountOff.amount < 0) throw new MoneyError('amountOff must not be negative');
  } else {
    throw new MoneyError(`unknown discount kind ${JSON.stringify((rule as { kind: unknown }).kind)}`);
  }
}

/**
 * The amount a rule takes off an eligible gross amount: percent → round-half-up(eligible ×
 * bp / 10000); fixed → the amount off, never more than the eligible amount.
 */
export function discountAmount(rule: DiscountRule, eligible: Money): Money {
  assertDiscountRule(rule);
  assertMoney(eligible, 'eligible');
  if (eligible.amount < 0) throw new MoneyError('eligible amount must not be negative');
  if (rule.kind === 'percent') {
    return { amount: applyBasisPoints(eligible.amount, rule.percentBp), currency: eligible.currency };
  }
  if (rule.amountOff.currency !== eligible.currency) {
    throw new MoneyError(`currency mismatch: ${rule.amountOff.currency} discount on a ${eligible.currency} order`);
  }
  return { amount: Math.min(rule.amountOff.amount, eligible.amount), currency: eligible.currency };
}

export interface EligibilityLine {
  readonly programId?: string | undefined;
  readonly variantId?: string | undefined;
}

/**
 * Indexes of the lines a restriction allows. Each list that is given and non-empty must
 * match (programIds AND variantIds): restrictions only ever narrow, so a coupon "EVOLVE,
 * 8-session variant only" does not also discount EVOLVE's other variants.
 */
export function eligibleLineIndexes(
  lines: readonly EligibilityLine[],
  restriction: { readonly programIds?: readonly string[] | undefined; readonly variantIds?: readonly string[] | undefined },
): number[] {
  const programs = restriction.programIds?.length ? new Set(restriction.programIds) : null;
  const variants = restriction.variantIds?.length ? new Set(restriction.variantIds) : null;
  const out: number[] = [];
  for (const [i, line] of lines.entries()) {
    if (programs && (line.programId === undefined || !programs.has(line.programId))) continue;
    if (variants && (line.variantId === undefined || !variants.has(line.variantId))) continue;
    out.push(i);
  }
  return out;
}
