/** Deposits: a fixed amount (capped at the total) or a share in basis points (10000 bp = 100 %). */
export type DepositRule = { readonly kind: 'fixed'; readonly amount: number } | { readonly kind: 'percent'; readonly bp: number };

export interface Money {
  /** Integer minor units (Rappen, cents). */
  readonly amount: number;
  readonly currency: string;
}

export const BP_SCALE = 10_000;

function assertInteger(n: number, label: string): void {
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new RangeError(`${label} must be a safe integer, got ${String(n)}`);
}

/** round(a × b / c), halves away from zero, exact (BigInt) for any safe integers; c > 0. */
export function mulDivRoundHalfUp(a: number, b: number, c: number): number {
  assertInteger(a, 'a');
  assertInteger(b, 'b');
  assertInteger(c, 'c');
  if (c <= 0) throw new RangeError(`divisor must be positive, got ${c}`);
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  let q = n / d;
  const r = n % d;
  if ((r < 0n ? -r : r) * 2n >= d) q += n < 0n ? -1n : 1n;
  if (q > BigInt(Number.MAX_SAFE_INTEGER) || q < BigInt(Number.MIN_SAFE_INTEGER)) throw new RangeError('result overflows the safe integer range');
  return Number(q);
}

/** round-half-up(amount × bp / 10000). */
export function applyBasisPoints(amount: number, bp: number): number {
  assertInteger(bp, 'basis points');
  if (bp < 0 || bp > BP_SCALE) throw new RangeError(`basis points must be within 0..10000, got ${bp}`);
  return mulDivRoundHalfUp(amount, bp, BP_SCALE);
}

/** The deposit for a total: fixed (capped at the total) or round-half-up(total × bp / 10000). */
export function depositFor(total: Money, rule: DepositRule): Money {
  assertInteger(total.amount, 'total.amount');
  if (total.amount < 0) throw new RangeError('total must not be negative');
  const amount = rule.kind === 'fixed' ? Math.min(rule.amount, total.amount) : applyBasisPoints(total.amount, rule.bp);
  return { amount, currency: total.currency };
}
