/**
 * Settling money after a cancellation: which payments a refund goes back to, and the VAT a
 * credit note reverses. Pure: amounts in integer minor units, no I/O, no clock.
 */
import { allocate } from './allocate.ts';
import { MoneyError } from './money.ts';
import { vatFromGross } from './vat.ts';

export interface RefundablePayment {
  readonly id: string;
  /** Captured amount. */
  readonly amount: number;
  /** Already refunded from it (earlier refunds, pending or done). */
  readonly refunded: number;
  /** Epoch ms; the latest payment is refunded first. */
  readonly paidAt: number;
}

export interface RefundPart { readonly paymentId: string; readonly amount: number }

/**
 * Spreads a refund over the payments, last-in-first-out (an installment before the deposit),
 * never more than what is left of a payment. Throws when the payments cannot cover it: a
 * refund never exceeds what was paid.
 */
export function refundParts(refund: number, payments: readonly RefundablePayment[]): RefundPart[] {
  if (!Number.isSafeInteger(refund) || refund < 0) throw new MoneyError(`refund must be a non-negative integer, got ${refund}`);
  const newestFirst = [...payments].sort((a, b) => b.paidAt - a.paidAt || (a.id < b.id ? 1 : -1));
  const parts: RefundPart[] = [];
  let left = refund;
  for (const p of newestFirst) {
    if (left === 0) break;
    const room = p.amount - p.refunded;
    if (room <= 0) continue;
    const take = Math.min(room, left);
    parts.push({ paymentId: p.id, amount: take });
    left -= take;
  }
  if (left > 0) throw new MoneyError(`the payments cover ${refund - left} of a ${refund} refund`);
  return parts;
}

export interface RateShare { readonly rateBp: number; readonly gross: number }
export interface CreditedRate { readonly rateBp: number; readonly gross: number; readonly net: number; readonly vat: number }

/**
 * What a credit note of `credited` (gross) reverses per VAT rate: the credited amount is spread
 * over the order's rates in proportion to their gross (largest remainder, exact), and each
 * rate's VAT is derived from its share as on the invoice (one rounding per rate).
 */
export function creditNoteRates(credited: number, orderRates: readonly RateShare[]): CreditedRate[] {
  if (!Number.isSafeInteger(credited) || credited < 0) throw new MoneyError(`credited must be a non-negative integer, got ${credited}`);
  const rates = orderRates.filter((r) => r.gross > 0);
  if (rates.length === 0) return credited === 0 ? [] : [{ rateBp: 0, gross: credited, net: credited, vat: 0 }];
  const shares = allocate(credited, rates.map((r) => r.gross));
  return rates.map((r, i) => {
    const gross = shares[i]!;
    const vat = vatFromGross(gross, r.rateBp);
    return { rateBp: r.rateBp, gross, net: gross - vat, vat };
  }).filter((r) => r.gross > 0);
}
