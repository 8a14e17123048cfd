/**
 * Swiss VAT on VAT-inclusive (gross) prices.
 *
 * Rates are integer basis points: 810 = 8.1 % (standard), 260 = 2.6 % (reduced),
 * 380 = 3.8 % (accommodation), 0 = exempt or supplier not registered (turnover under
 * CHF 100,000). An order's VAT is derived and rounded once per rate, on the rate's gross total
 * (`priceOrder`), and each line carries its share; totals are sums of lines.
 */
import { assertInteger, assertMoney, MoneyError, type Currency, type Money } from './money.ts';
import { BP_SCALE, mulDivRoundHalfUp } from './rounding.ts';

export const SWISS_VAT_RATES_BP = {
  standard: 810,
  reduced: 260,
  accommodation: 380,
  none: 0,
} as const;

/** A VAT rate in basis points: an integer in [0, 10000]. */
export function assertVatRateBp(rateBp: number, label = 'vatRateBp'): void {
  assertInteger(rateBp, label);
  if (rateBp < 0 || rateBp > BP_SCALE) throw new MoneyError(`${label} must be within 0..10000, got ${rateBp}`);
}

/**
 * The VAT contained in a gross amount, in minor units:
 * round-half-up(gross × rate / (10000 + rate)). Halves round away from zero, so a credit
 * note (negative gross) carries exactly the negated VAT of the original.
 *
 * Example: CHF 120.00 at 8.1 % → 12000 × 810 / 10810 = 899.167… → 899 (CHF 8.99),
 * net CHF 111.01.
 */
export function vatFromGross(gross: number, rateBp: number): number {
  assertInteger(gross, 'gross');
  assertVatRateBp(rateBp);
  if (rateBp === 0) return 0;
  return mulDivRoundHalfUp(gross, rateBp, BP_SCALE + rateBp);
}

export interface GrossSplit {
  readonly gross: Money;
  readonly net: Money;
  readonly vat: Money;
}

/** Splits one gross amount (one line) into net and VAT; net = gross − VAT exactly. */
export function splitGross(gross: Money, rateBp: number): GrossSplit {
  assertMoney(gross, 'gross');
  const vat = vatFromGross(gross.amount, rateBp);
  return {
    gross,
    net: { amount: gross.amount - vat, currency: gross.currency },
    vat: { amount: vat, currency: gross.currency },
  };
}

export interface VatLine {
  /** Gross amount of the line (after discounts). */
  readonly amount: Money;
  readonly vatRateBp: number;
  /** VAT already derived for this line; the summary never re-derives it. */
  readonly vatAmount: Money;
}

export interface VatRateTotal {
  readonly rateBp: number;
  readonly gross: Money;
  readonly net: Money;
  readonly vat: Money;
}

/**
 * Per-rate totals for the invoice: the sums of the lines at each rate (gross, net, VAT).
 * Sums of per-line figures, not VAT re-derived on the group's gross, so the invoice's VAT
 * equals the sum of its lines. Sorted by rate, highest first; 0 % appears when used.
 */
export function vatByRate(lines: readonly VatLine[], currency: Currency): VatRateTotal[] {
  const groups = new Map<number, { gross: number; vat: number }>();
  for (const [i, line] of lines.entries()) {
    assertMoney(line.amount, `lines[${i}].amount`);
    assertMoney(line.vatAmount, `lines[${i}].vatAmount`);
    assertVatRateBp(line.vatRateBp, `lines[${i}].vatRateBp`);
    if (line.amount.currency !== currency || line.vatAmount.currency !== currency) {
      throw new MoneyError(`currency mismatch in line ${i}: expected ${currency}`);
    }
    const g = groups.get(line.vatRateBp) ?? { gross: 0, vat: 0 };
    g.gross += line.amount.amount;
    g.vat += line.vatAmount.amount;
    groups.set(line.vatRateBp, g);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rateBp, g]) => ({
      rateBp,
      gross: { amount: g.gross, currency },
      net: { amount: g.gross - g.vat, currency },
      vat: { amount: g.vat, currency },
    }));
}

/** "8.1 %" from 810, for labels; exact (no float formatting). */
export function formatRateBp(rateBp: number): string {
  assertVatRateBp(rateBp);
  const whole = Math.trunc(rateBp / 100);
  const frac = String(rateBp % 100).padStart(2, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac} %` : `${whole} %`;
}
