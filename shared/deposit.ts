/**
 * Deposits: a fixed amount (capped at the total) or a share in basis points (10000 bp = 100 %).
 * One rule for the server's payment plans (billing/domain/payment-plan.ts) and the widget's
 * "pay now" figure, so the two can never disagree by a Rappen.
 */
import { assertInteger, MoneyError, type Money } from './money.ts';
import { applyBasisPoints } from './rounding.ts';

export type { Money };
export { applyBasisPoints, mulDivRoundHalfUp, BP_SCALE } from './rounding.ts';

export type DepositRule = { readonly kind: 'fixed'; readonly amount: number } | { readonly kind: 'percent'; readonly bp: number };

/** The deposit for a total: fixed (capped at the total) or round-half-up(total × bp / 10000). */
export function depositFor(total: Money, rule: DepositRule): Money {
  assertInteger(total.amount, 'total.amount');
  if (total.amount < 0) throw new MoneyError('total must not be negative');
  const amount = rule.kind === 'fixed' ? Math.min(rule.amount, total.amount) : applyBasisPoints(total.amount, rule.bp);
  return { amount, currency: total.currency };
}

/** What a variant offers to take now at `price`: its fixed deposit, else its plan's rule; null when it takes no deposit. */
export function offeredDeposit(
  v: { readonly currency: string; readonly deposit_amount: number | null; readonly pay_plan: { readonly deposit: DepositRule } | null },
  price: number,
): number | null {
  if (v.deposit_amount != null) return v.deposit_amount;
  const rule = v.pay_plan?.deposit;
  return rule ? depositFor({ amount: price, currency: v.currency }, rule).amount : null;
}
