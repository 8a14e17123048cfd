/**
 * Exact proportional allocation by largest remainder (Hamilton's method).
 *
 * Each part first gets floor(total × weight / Σweights); the units left over go one each
 * to the parts with the largest remainders, ties to the earlier part. The parts always sum
 * to the total exactly, each part is within one unit of its exact share, a part with weight
 * 0 gets 0, and when total ≤ Σweights no part exceeds its weight (so a discount allocated
 * over lines by their amounts never turns a line negative).
 */
import { assertInteger, assertMoney, MoneyError, type Money } from './money.ts';
import { toSafeNumber } from './rounding.ts';

export function allocate(total: number, weights: readonly number[]): number[] {
  assertInteger(total, 'total');
  if (weights.length === 0) throw new MoneyError('allocate needs at least one weight');
  let weightSum = 0n;
  for (const [i, w] of weights.entries()) {
    assertInteger(w, `weights[${i}]`);
    if (w < 0) throw new MoneyError(`weights[${i}] must not be negative, got ${w}`);
    weightSum += BigInt(w);
  }
  if (weightSum === 0n) {
    if (total === 0) return weights.map(() => 0);
    throw new MoneyError('cannot allocate a non-zero total over weights that are all zero');
  }
  if (total < 0) return allocate(-total, weights).map((p) => (p === 0 ? 0 : -p));

  const t = BigInt(total);
  const parts: bigint[] = [];
  const remainders: { index: number; rem: bigint }[] = [];
  let allocated = 0n;
  for (const [index, w] of weights.entries()) {
    const product = t * BigInt(w);
    const part = product / weightSum;
    parts.push(part);
    allocated += part;
    remainders.push({ index, rem: product % weightSum });
  }
  let left = t - allocated; // < number of parts with a non-zero remainder
  remainders.sort((a, b) => (a.rem === b.rem ? a.index - b.index : a.rem > b.rem ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    parts[index] = (parts[index] as bigint) + 1n;
    left -= 1n;
  }
  return parts.map(toSafeNumber);
}

/** Splits a total into n parts as equal as possible; the first parts get the extra units. */
export function allocateEvenly(total: number, n: number): number[] {
  assertInteger(n, 'n');
  if (n < 1) throw new MoneyError(`n must be at least 1, got ${n}`);
  return allocate(total, new Array<number>(n).fill(1));
}

export function allocateMoney(total: Money, weights: readonly number[]): Money[] {
  assertMoney(total, 'total');
  return allocate(total.amount, weights).map((amount) => ({ amount, currency: total.currency }));
}
