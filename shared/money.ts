/**
 * Money: an integer amount of minor units (Rappen, cents) and an ISO 4217 currency.
 *
 * Never a float. Every function here checks its inputs and throws `MoneyError` on a
 * programmer error (a non-integer amount, an unsafe integer, mixed currencies): such a value
 * must never reach a price, an invoice or a payment provider.
 */

export type Currency = 'CHF' | 'EUR' | (string & {});

export interface Money {
  /** Integer minor units (1 CHF = 100). */
  readonly amount: number;
  readonly currency: Currency;
}

/** A programmer error in money arithmetic: never an expected outcome. A RangeError: a value outside what money may be. */
export class MoneyError extends RangeError {
  override name = 'MoneyError';
}

const CURRENCY_RE = /^[A-Z]{3}$/;

export function assertCurrency(currency: string, label = 'currency'): void {
  if (typeof currency !== 'string' || !CURRENCY_RE.test(currency)) {
    throw new MoneyError(`${label} must be a 3-letter ISO 4217 code, got ${JSON.stringify(currency)}`);
  }
}

/** Asserts a safe integer (minor units, credits, counts). */
export function assertInteger(n: number, label = 'amount'): void {
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new MoneyError(`${label} must be a safe integer, got ${String(n)}`);
  }
}

export function assertNonNegativeInteger(n: number, label = 'amount'): void {
  assertInteger(n, label);
  if (n < 0) throw new MoneyError(`${label} must not be negative, got ${n}`);
}

export function assertMoney(m: Money, label = 'money'): void {
  if (m === null || typeof m !== 'object') throw new MoneyError(`${label} must be a Money object`);
  assertInteger(m.amount, `${label}.amount`);
  assertCurrency(m.currency, `${label}.currency`);
}

export function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new MoneyError(`currency mismatch: ${a.currency} and ${b.currency}`);
  }
}

/** Builds a checked Money value. */
export function money(amount: number, currency: Currency): Money {
  const m = { amount, currency };
  assertMoney(m);
  return m;
}

export function zero(currency: Currency): Money {
  return money(0, currency);
}

function checked(amount: number, currency: Currency, op: string): Money {
  if (!Number.isSafeInteger(amount)) throw new MoneyError(`${op} overflows the safe integer range`);
  return { amount, currency };
}

export function add(a: Money, b: Money): Money {
  assertMoney(a, 'a');
  assertMoney(b, 'b');
  assertSameCurrency(a, b);
  return checked(a.amount + b.amount, a.currency, 'add');
}

export function subtract(a: Money, b: Money): Money {
  assertMoney(a, 'a');
  assertMoney(b, 'b');
  assertSameCurrency(a, b);
  return checked(a.amount - b.amount, a.currency, 'subtract');
}

/** Sum of amounts in one currency; the currency is explicit so that an empty list has one. */
export function sum(items: readonly Money[], currency: Currency): Money {
  assertCurrency(currency);
  let total = 0;
  for (const [i, m] of items.entries()) {
    assertMoney(m, `items[${i}]`);
    if (m.currency !== currency) throw new MoneyError(`currency mismatch: ${m.currency} in a ${currency} sum`);
    total += m.amount;
    if (!Number.isSafeInteger(total)) throw new MoneyError('sum overflows the safe integer range');
  }
  return { amount: total, currency };
}

/** Sum of plain integers (minor units or credits), checked. */
export function sumIntegers(values: readonly number[], label = 'value'): number {
  let total = 0;
  for (const [i, v] of values.entries()) {
    assertInteger(v, `${label}[${i}]`);
    total += v;
    if (!Number.isSafeInteger(total)) throw new MoneyError('sum overflows the safe integer range');
  }
  return total;
}

export function multiply(m: Money, factor: number): Money {
  assertMoney(m);
  assertInteger(factor, 'factor');
  return checked(m.amount * factor, m.currency, 'multiply');
}

export function negate(m: Money): Money {
  assertMoney(m);
  return { amount: m.amount === 0 ? 0 : -m.amount, currency: m.currency };
}

export function min(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return a.amount <= b.amount ? a : b;
}

export function max(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return a.amount >= b.amount ? a : b;
}

export function equals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amount === b.amount;
}

export function isZero(m: Money): boolean {
  return m.amount === 0;
}

/**
 * Human-readable decimal form for logs and tests ("CHF 120.05"). Assumes two minor digits,
 * which holds for CHF and EUR; display formatting for customers belongs to the widget.
 */
export function format(m: Money): string {
  assertMoney(m);
  const sign = m.amount < 0 ? '-' : '';
  const abs = Math.abs(m.amount);
  const major = Math.trunc(abs / 100);
  const minor = String(abs % 100).padStart(2, '0');
  return `${m.currency} ${sign}${major}.${minor}`;
}
