/**
 * Class credits: an integer ledger per customer; the balance is the sum of the deltas.
 * Only the arithmetic lives here. That a balance never goes negative under concurrent
 * debits is the database's job (a constraint / a locked balance row), not this file's.
 */
import { assertInteger, assertNonNegativeInteger, MoneyError, sumIntegers } from './money.ts';

export type CreditReason = 'purchase' | 'booking_debit' | 'booking_refund' | 'referral_reward' | 'adjustment' | 'expiry';

export interface CreditLedgerEntry {
  readonly customerId: string;
  /** Credits added (positive) or taken (negative); never zero. */
  readonly delta: number;
  readonly reason: CreditReason;
  readonly bookingId?: string | undefined;
  readonly orderId?: string | undefined;
  readonly note?: string | undefined;
}

export function creditBalance(entries: readonly { readonly delta: number }[]): number {
  return sumIntegers(
    entries.map((e) => e.delta),
    'delta',
  );
}

export type CanPayWithCredits =
  | { readonly ok: true; readonly remaining: number }
  | { readonly ok: false; readonly code: 'credits_not_accepted' }
  | { readonly ok: false; readonly code: 'credits_insufficient'; readonly missing: number };

/**
 * Whether a balance covers a variant's credit price. `null` = the variant cannot be paid
 * with credits. A price of 0 credits is accepted (a free variant).
 */
export function canPayWithCredits(balance: number, creditPrice: number | null | undefined): CanPayWithCredits {
  assertInteger(balance, 'balance');
  if (creditPrice === null || creditPrice === undefined) return { ok: false, code: 'credits_not_accepted' };
  assertNonNegativeInteger(creditPrice, 'creditPrice');
  if (balance < creditPrice) return { ok: false, code: 'credits_insufficient', missing: creditPrice - balance };
  return { ok: true, remaining: balance - creditPrice };
}

function positive(credits: number, label: string): void {
  assertInteger(credits, label);
  if (credits <= 0) throw new MoneyError(`${label} must be positive, got ${credits}`);
}

/** The entry that pays for a booking with credits. */
export function creditDebitEntry(args: {
  readonly customerId: string;
  readonly credits: number;
  readonly bookingId: string;
  readonly orderId?: string | undefined;
}): CreditLedgerEntry {
  positive(args.credits, 'credits');
  return {
    customerId: args.customerId,
    delta: -args.credits,
    reason: 'booking_debit',
    bookingId: args.bookingId,
    ...(args.orderId !== undefined ? { orderId: args.orderId } : {}),
  };
}

/**
 * The entry that gives credits back (a cancellation): null when there is nothing to give
 * back, so that the ledger never holds zero entries.
 */
export function creditRefundEntry(args: {
  readonly customerId: string;
  readonly credits: number;
  readonly bookingId: string;
  readonly note?: string | undefined;
}): CreditLedgerEntry | null {
  assertNonNegativeInteger(args.credits, 'credits');
  if (args.credits === 0) return null;
  return {
    customerId: args.customerId,
    delta: args.credits,
    reason: 'booking_refund',
    bookingId: args.bookingId,
    ...(args.note !== undefined ? { note: args.note } : {}),
  };
}
