/**
 * What an open order holds beyond what it claims, and how much of that a payment just recorded
 * brought. Pure: integer minor units, no I/O.
 *
 * An order claims its total less what its credit notes took off it (a settlement that credited the
 * unpaid part, a refunded session); it holds what was captured less the money refunds not failed
 * (done, on their way, or waiting for the studio's transfer). A payment that arrives when the claim
 * was lowered meanwhile (an installment charged for its old amount after a settlement lowered or
 * cancelled it, a transfer of more than was due) leaves the order holding more than it claims.
 *
 * Only what the new payment added is excess: an order already holding too much before it (a refund
 * that failed at the provider, owed back and shown as a negative balance) is not refunded again by
 * this rule, so a failed refund is never sent a second time behind the studio's back; and a second
 * look at the same figures finds nothing.
 */
import { MoneyError } from './money.ts';

export interface OrderHoldings {
  /** The order's total (gross). */
  readonly total: number;
  /** What credit notes took off the total. */
  readonly credited: number;
  /** Money refunds not failed (succeeded, pending at the provider, waiting for a bank transfer). */
  readonly refunded: number;
}

/** What the order holds beyond its claim with `paid` captured (0 when it holds no more). */
export function heldBeyondClaim(o: OrderHoldings, paid: number): number {
  return Math.max(0, paid - o.refunded - (o.total - o.credited));
}

/**
 * The excess a payment brought: what the order holds beyond its claim after it (`paidAfter`
 * captured) less what it held beyond it before (`paidBefore`). Never negative.
 */
export function overpaymentExcess(o: OrderHoldings, paidBefore: number, paidAfter: number): number {
  for (const [name, v] of Object.entries({ ...o, paidBefore, paidAfter })) {
    if (!Number.isSafeInteger(v) || v < 0) throw new MoneyError(`${name} must be a non-negative integer, got ${v}`);
  }
  return Math.max(0, heldBeyondClaim(o, paidAfter) - heldBeyondClaim(o, paidBefore));
}

/** What was still due before the payment (the claim less what was held), for the customer's and the studio's words. */
export function dueBefore(o: OrderHoldings, paidBefore: number): number {
  return Math.max(0, o.total - o.credited - (paidBefore - o.refunded));
}
