/**
 * Pricing an order. Prices are VAT-inclusive. Order of operations:
 *   1. each line's gross subtotal = unit price × quantity;
 *   2. a discount (coupon or referral) is computed on the eligible lines' subtotal and
 *      allocated over those lines in proportion to their subtotals (largest remainder, exact);
 *   3. VAT is derived once per rate, on the sum of that rate's discounted lines, and rounded
 *      once (as a Swiss invoice states it: "incl. 8.1 % VAT on CHF … net: CHF …"); each line
 *      carries its share of its rate's VAT (largest remainder, in proportion to its gross), so
 *      the lines, the rates and the order agree;
 *   4. totals are sums of lines; VAT is grouped per rate for the invoice;
 *   5. with `cashRounding` (QR-bill), a CHF total is rounded to 0.05 and the difference is
 *      its own `rounding_adjustment` line, net and VAT untouched (see `cashRound`).
 * Invariants: total = Σ line amounts + roundingAdjustment; vatTotal = Σ line VAT = Σ over rates of
 * vatFromGross(Σ gross at the rate);
 * discountTotal = Σ line discounts = subtotal − Σ line amounts; no line is negative.
 */
import { allocate } from './allocate.ts';
import { assertDiscountRule, discountAmount, type AppliedDiscount } from './discount.ts';
import { assertCurrency, assertInteger, assertMoney, MoneyError, type Currency, type Money } from './money.ts';
import { cashRound } from './rounding.ts';
import { assertVatRateBp, vatByRate, vatFromGross, type VatRateTotal } from './vat.ts';

export interface OrderLineInput {
  readonly description: string;
  /** Gross (VAT-inclusive) price of one unit, in the order's currency. */
  readonly unitPrice: Money;
  readonly quantity: number;
  readonly vatRateBp: number;
  readonly programId?: string | undefined;
  readonly variantId?: string | undefined;
}

export interface PriceOrderInput {
  readonly currency: Currency;
  readonly lines: readonly OrderLineInput[];
  readonly discount?: AppliedDiscount | undefined;
  /** Round the CHF total to 0.05 (cash-like settlement: QR-bill). */
  readonly cashRounding?: boolean | undefined;
}

export interface PricedLine {
  readonly description: string;
  readonly programId?: string | undefined;
  readonly variantId?: string | undefined;
  readonly quantity: number;
  readonly unitPrice: Money;
  /** unitPrice × quantity, before the discount. */
  readonly subtotal: Money;
  /** This line's share of the order's discount. */
  readonly discount: Money;
  /** Gross after discount: what the customer pays for this line. */
  readonly amount: Money;
  readonly vatRateBp: number;
  readonly vatAmount: Money;
  readonly netAmount: Money;
}

export interface PricedOrder {
  readonly currency: Currency;
  readonly lines: readonly PricedLine[];
  /** Σ line subtotals, before discount. */
  readonly subtotal: Money;
  readonly discountTotal: Money;
  readonly appliedDiscount: { readonly source: 'coupon' | 'referral'; readonly code: string; readonly amount: Money } | null;
  /** What is payable: Σ line amounts + roundingAdjustment. */
  readonly total: Money;
  readonly vatTotal: Money;
  readonly netTotal: Money;
  readonly vatByRate: readonly VatRateTotal[];
  /** Zero unless cash rounding applied to a CHF total; never carries VAT. */
  readonly roundingAdjustment: Money;
}

/** unitPrice × quantity of one input line, checked. */
export function lineSubtotal(line: OrderLineInput, currency: Currency, index = 0): number {
  assertMoney(line.unitPrice, `lines[${index}].unitPrice`);
  if (line.unitPrice.currency !== currency) {
    throw new MoneyError(`lines[${index}].unitPrice is ${line.unitPrice.currency}, order is ${currency}`);
  }
  if (line.unitPrice.amount < 0) throw new MoneyError(`lines[${index}].unitPrice must not be negative`);
  assertInteger(line.quantity, `lines[${index}].quantity`);
  if (line.quantity < 1) throw new MoneyError(`lines[${index}].quantity must be at least 1`);
  const s = line.unitPrice.amount * line.quantity;
  if (!Number.isSafeInteger(s)) throw new MoneyError(`lines[${index}] subtotal overflows`);
  return s;
}

/**
 * Each line's VAT: per rate, the VAT of the rate's gross total (rounded once), shared over the
 * rate's lines in proportion to their gross amounts (largest remainder, exact).
 */
function lineVat(ratesBp: readonly number[], amounts: readonly number[]): number[] {
  const vats = amounts.map(() => 0);
  for (const rateBp of new Set(ratesBp)) {
    const at = ratesBp.flatMap((r, i) => (r === rateBp ? [i] : []));
    const gross = at.reduce((sum, i) => sum + (amounts[i] as number), 0);
    const shares = allocate(vatFromGross(gross, rateBp), at.map((i) => amounts[i] as number));
    at.forEach((lineIndex, k) => { vats[lineIndex] = shares[k] as number; });
  }
  return vats;
}

export function priceOrder(input: PriceOrderInput): PricedOrder {
  const { currency, lines, discount } = input;
  assertCurrency(currency);
  const m = (amount: number): Money => ({ amount, currency });

  const subtotals = lines.map((line, i) => {
    assertVatRateBp(line.vatRateBp, `lines[${i}].vatRateBp`);
    return lineSubtotal(line, currency, i);
  });

  // Discount, allocated over the eligible lines before any VAT is derived.
  const discounts = lines.map(() => 0);
  let appliedDiscount: PricedOrder['appliedDiscount'] = null;
  if (discount) {
    assertDiscountRule(discount.rule);
    const eligible = [...new Set(discount.eligibleLines ?? lines.map((_, i) => i))].sort((a, b) => a - b);
    for (const i of eligible) {
      if (!Number.isInteger(i) || i < 0 || i >= lines.length) throw new MoneyError(`eligible line ${i} does not exist`);
    }
    const eligibleSubtotal = eligible.reduce((s, i) => s + (subtotals[i] as number), 0);
    const off = eligible.length ? discountAmount(discount.rule, m(eligibleSubtotal)).amount : 0;
    if (off > 0) {
      const shares = allocate(off, eligible.map((i) => subtotals[i] as number));
      eligible.forEach((lineIndex, k) => {
        discounts[lineIndex] = shares[k] as number;
      });
    }
    appliedDiscount = { source: discount.source, code: discount.code, amount: m(off) };
  }

  const amounts = lines.map((_, i) => {
    const amount = (subtotals[i] as number) - (discounts[i] as number);
    if (amount < 0) throw new MoneyError(`line ${i} would be negative`); // unreachable by allocate's bound
    return amount;
  });
  const vats = lineVat(lines.map((l) => l.vatRateBp), amounts);

  const priced: PricedLine[] = lines.map((line, i) => {
    const subtotal = subtotals[i] as number;
    const lineDiscount = discounts[i] as number;
    const amount = amounts[i] as number;
    const vat = vats[i] as number;
    return {
      description: line.description,
      ...(line.programId !== undefined ? { programId: line.programId } : {}),
      ...(line.variantId !== undefined ? { variantId: line.variantId } : {}),
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      subtotal: m(subtotal),
      discount: m(lineDiscount),
      amount: m(amount),
      vatRateBp: line.vatRateBp,
      vatAmount: m(vat),
      netAmount: m(amount - vat),
    };
  });

  const sumOf = (f: (l: PricedLine) => Money): number => priced.reduce((s, l) => s + f(l).amount, 0);
  const linesTotal = sumOf((l) => l.amount);
  const vatTotal = sumOf((l) => l.vatAmount);
  const rounding = input.cashRounding ? cashRound(m(linesTotal)) : { rounded: m(linesTotal), adjustment: m(0) };

  return {
    currency,
    lines: priced,
    subtotal: m(sumOf((l) => l.subtotal)),
    discountTotal: m(sumOf((l) => l.discount)),
    appliedDiscount,
    total: rounding.rounded,
    vatTotal: m(vatTotal),
    netTotal: m(linesTotal - vatTotal),
    vatByRate: vatByRate(priced, currency),
    roundingAdjustment: rounding.adjustment,
  };
}
