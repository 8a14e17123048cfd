/**
 * Integer rounding. Products such as amount × basis points are done in BigInt so that no
 * intermediate value leaves the exact integers (a float would, above 2^53 or at x.5).
 */
import { assertInteger, assertMoney, MoneyError, type Money } from './money.ts';

/** Basis points in a whole: 10000 bp = 100 %. */
export const BP_SCALE = 10_000;

/**
 * round(a × b / c), halves rounded away from zero (= "half up" for the positive amounts
 * that prices are; symmetric for credit notes, so f(−x) = −f(x)). `c` must be positive.
 */
export function mulDivRoundHalfUp(a: number, b: number, c: number): number {
  assertInteger(a, 'a');
  assertInteger(b, 'b');
  assertInteger(c, 'c');
  if (c <= 0) throw new MoneyError(`divisor must be positive, got ${c}`);
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  let q = n / d; // truncates toward zero
  const r = n % d; // same sign as n
  const twiceAbsR = (r < 0n ? -r : r) * 2n;
  if (twiceAbsR >= d) q += n < 0n ? -1n : 1n;
  return toSafeNumber(q);
}

/** floor(a × b / c) for a, b ≥ 0 and c > 0. */
export function mulDivFloor(a: number, b: number, c: number): number {
  assertInteger(a, 'a');
  assertInteger(b, 'b');
  assertInteger(c, 'c');
  if (a < 0 || b < 0) throw new MoneyError('mulDivFloor takes non-negative factors');
  if (c <= 0) throw new MoneyError(`divisor must be positive, got ${c}`);
  return toSafeNumber((BigInt(a) * BigInt(b)) / BigInt(c));
}

export function toSafeNumber(n: bigint): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new MoneyError('result overflows the safe integer range');
  }
  return Number(n);
}

/** Asserts an integer number of basis points in [0, 10000] (0 % .. 100 %). */
export function assertBasisPoints(bp: number, label = 'basis points'): void {
  assertInteger(bp, label);
  if (bp < 0 || bp > BP_SCALE) throw new MoneyError(`${label} must be within 0..10000, got ${bp}`);
}

/** round-half-up(amount × bp / 10000): a percentage of an amount in minor units. */
export function applyBasisPoints(amount: number, bp: number): number {
  assertBasisPoints(bp);
  return mulDivRoundHalfUp(amount, bp, BP_SCALE);
}

/**
 * Swiss 5-Rappen rounding of an amount in Rappen: to the nearest multiple of 5.
 * Remainders 1, 2 round down; 3, 4 round up (x.x1, x.x2 → x.x0; x.x3, x.x4 → x.x5;
 * x.x6, x.x7 → x.x5; x.x8, x.x9 → x.x0 of the next ten). An integer is never exactly
 * half-way between two multiples of 5, so there is no tie to break. Negative amounts are
 * rounded symmetrically.
 */
export function roundChf05(rappen: number): number {
  assertInteger(rappen, 'rappen');
  if (rappen < 0) {
    const up = roundChf05(-rappen);
    return up === 0 ? 0 : -up; // never -0
  }
  const r = rappen % 5;
  return r <= 2 ? rappen - r : rappen + (5 - r);
}

export interface CashRounding {
  /** The amount to settle, a multiple of 0.05 for CHF. */
  readonly rounded: Money;
  /** rounded − original; in [−0.02, +0.02] for CHF, zero for any other currency. */
  readonly adjustment: Money;
}

/**
 * Rounds a gross total for cash-like settlement (Swiss QR-bill, cash at the desk).
 *
 * Why only here: 5-Rappen rounding is legally required only for cash (the smallest Swiss
 * coin is 5 Rappen); card, TWINT and bank amounts settle to the Rappen. Where a CHF total
 * is rounded, the net amounts and the VAT stay exact to 0.01 (they are what the VAT return
 * declares), only the gross payable is rounded to 0.05, and the difference is shown as its
 * own line (`rounding_adjustment`) so that the invoice still adds up. No other currency is
 * rounded: the adjustment is then zero.
 */
export function cashRound(total: Money): CashRounding {
  assertMoney(total, 'total');
  if (total.currency !== 'CHF') {
    return { rounded: total, adjustment: { amount: 0, currency: total.currency } };
  }
  const rounded = roundChf05(total.amount);
  return {
    rounded: { amount: rounded, currency: 'CHF' },
    adjustment: { amount: rounded - total.amount, currency: 'CHF' },
  };
}
