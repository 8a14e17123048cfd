/**
 * Deposit + installments from a variant's `pay_plan_json`, e.g.
 *   { "deposit": { "kind": "fixed", "amount": 30000 }, "installments": 3, "every": { "weeks": 4 } }
 *   { "deposit": { "kind": "percent", "bp": 3000 }, "installments": 7, "schedule": "session_dates" }
 *
 * Guarantees, for every valid input:
 *   - deposit + Σ installments === total, to the minor unit (the remainder of the even split
 *     goes to the first installments, one unit each);
 *   - 0 ≤ deposit ≤ total (a fixed deposit larger than the total is capped at the total);
 *   - no installment is zero or negative: when the amount left after the deposit is smaller
 *     than the number of installments × `minInstallment` (default 1 minor unit), fewer
 *     installments are made (at least one while anything is left); when nothing is left
 *     there are none. `reduced` then says why.
 * Due dates: the deposit is due at `firstDueAt` (checkout). With an interval, installment k
 * is due k × N weeks after `firstDueAt` at the same local wall-clock time in `zone` (so a
 * plan started at 10:00 in Zurich stays at 10:00 across the DST change). With
 * `session_dates`, installment k is due at the start of the local day of session k+1 (so it
 * is charged before that session), never earlier than `firstDueAt`.
 * A plan never runs past the program: with `lastSessionAt`, interval installments that would
 * fall after the start of the last session's local day are not made (the rest is spread over
 * those that remain, `reduced: 'past_last_session'`); when not even the first fits, one
 * installment is due on that day (never before `firstDueAt`).
 */
import { DateTime } from 'luxon';
import { allocateEvenly } from './allocate.ts';
import { toEpochMs, type Instant } from './instant.ts';
import { assertInteger, assertMoney, MoneyError, type Money } from './money.ts';
import { BP_SCALE } from './rounding.ts';
import { depositFor, type DepositRule } from '../../../../shared/deposit.ts';

// The deposit rule is shared with the widget's "pay now" figure.
export { depositFor, type DepositRule };

/** Same shape as `PayPlan` in schema/api (the variant's `pay_plan_json`). */
export interface PayPlan {
  readonly deposit: DepositRule;
  /** Number of installments after the deposit. */
  readonly installments: number;
  readonly every?: { readonly weeks: number } | undefined;
  /** Default 'interval' (needs `every`). */
  readonly schedule?: 'interval' | 'session_dates' | undefined;
}

export interface PlanOptions {
  /** When the deposit is due; usually now (checkout). */
  readonly firstDueAt: Instant;
  /** Session start instants (epoch ms), for `schedule: 'session_dates'`. Order does not matter. */
  readonly sessionStarts?: readonly number[] | undefined;
  /** IANA time zone of the customer / org, e.g. 'Europe/Zurich'. */
  readonly zone: string;
  /** The last session's start (epoch ms), when every session is scheduled: no interval installment is due after its day. */
  readonly lastSessionAt?: number | undefined;
  /** Smallest installment worth making, in minor units; default 1. */
  readonly minInstallment?: number | undefined;
}

export interface Installment {
  /** 1-based. */
  readonly seq: number;
  /** Epoch ms. */
  readonly dueAt: number;
  /** Local date of `dueAt` in the plan's zone, YYYY-MM-DD. */
  readonly dueDate: string;
  readonly amount: Money;
}

export interface PaymentPlan {
  readonly total: Money;
  readonly deposit: Money;
  readonly depositDueAt: number;
  readonly installments: readonly Installment[];
  /** Set when fewer installments than the plan asks for were made. */
  readonly reduced?: 'small_amount' | 'too_few_sessions' | 'past_last_session' | undefined;
}

export const MAX_INSTALLMENTS = 120;
export const MAX_INTERVAL_WEEKS = 52;

/** Problems with a plan as configured by staff; empty when valid. */
export function validatePayPlan(plan: PayPlan): string[] {
  const issues: string[] = [];
  const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);
  const d = plan?.deposit;
  if (!d || (d.kind !== 'fixed' && d.kind !== 'percent')) issues.push('deposit.kind must be fixed or percent');
  else if (d.kind === 'fixed' && !(isInt(d.amount) && d.amount >= 0)) issues.push('deposit.amount must be a non-negative integer');
  else if (d.kind === 'percent' && !(isInt(d.bp) && d.bp >= 0 && d.bp <= BP_SCALE)) issues.push('deposit.bp must be within 0..10000');
  if (!(isInt(plan?.installments) && plan.installments >= 1 && plan.installments <= MAX_INSTALLMENTS)) {
    issues.push(`installments must be an integer within 1..${MAX_INSTALLMENTS}`);
  }
  const schedule = plan?.schedule ?? 'interval';
  if (schedule !== 'interval' && schedule !== 'session_dates') issues.push('schedule must be interval or session_dates');
  if (schedule === 'interval') {
    const w = plan?.every?.weeks;
    if (!(isInt(w) && w >= 1 && w <= MAX_INTERVAL_WEEKS)) issues.push(`every.weeks must be an integer within 1..${MAX_INTERVAL_WEEKS}`);
  }
  return issues;
}

export function buildPaymentPlan(total: Money, plan: PayPlan, options: PlanOptions): PaymentPlan {
  assertMoney(total, 'total');
  if (total.amount < 0) throw new MoneyError('total must not be negative');
  const issues = validatePayPlan(plan);
  if (issues.length) throw new MoneyError(`invalid payment plan: ${issues.join('; ')}`);
  const first = toEpochMs(options.firstDueAt, 'firstDueAt');
  const zone = options.zone;
  if (!DateTime.fromMillis(first, { zone }).isValid) throw new MoneyError(`unknown time zone ${JSON.stringify(zone)}`);
  const minInstallment = options.minInstallment ?? 1;
  assertInteger(minInstallment, 'minInstallment');
  if (minInstallment < 1) throw new MoneyError('minInstallment must be at least 1');

  const deposit = depositFor(total, plan.deposit);
  const rest = total.amount - deposit.amount;
  const base = { total, deposit, depositDueAt: first };
  if (rest === 0) return { ...base, installments: [] };

  const localDate = (ms: number): string => DateTime.fromMillis(ms, { zone }).toISODate() as string;
  let count = plan.installments;
  let reduced: PaymentPlan['reduced'];
  const byAmount = Math.max(1, Math.floor(rest / minInstallment));
  if (byAmount < count) {
    count = byAmount;
    reduced = 'small_amount';
  }

  let dueAts: number[];
  if ((plan.schedule ?? 'interval') === 'session_dates') {
    if (!options.sessionStarts) throw new MoneyError('schedule session_dates needs sessionStarts');
    options.sessionStarts.forEach((s, i) => assertInteger(s, `sessionStarts[${i}]`));
    const later = [...options.sessionStarts].sort((a, b) => a - b).slice(1);
    if (later.length === 0) {
      // No session after the first is known (sessions booked one at a time): the rest
      // is due with the deposit rather than on a date nobody knows yet.
      dueAts = [first];
      count = 1;
      reduced = 'too_few_sessions';
    } else {
      if (later.length < count) {
        count = later.length;
        reduced = 'too_few_sessions';
      }
      dueAts = later.slice(0, count).map((s) => {
        const startOfDay = DateTime.fromMillis(s, { zone }).startOf('day').toMillis();
        return Math.max(first, startOfDay);
      });
    }
  } else {
    const weeks = (plan.every as { weeks: number }).weeks;
    const start = DateTime.fromMillis(first, { zone });
    // Always from the start, never chained: no drift when a local time does not exist.
    dueAts = Array.from({ length: count }, (_, k) => start.plus({ weeks: (k + 1) * weeks }).toMillis());
    if (options.lastSessionAt !== undefined) {
      assertInteger(options.lastSessionAt, 'lastSessionAt');
      const lastDay = DateTime.fromMillis(options.lastSessionAt, { zone }).startOf('day').toMillis();
      const fitting = dueAts.filter((d) => d <= lastDay);
      if (fitting.length < count) {
        dueAts = fitting.length ? fitting : [Math.max(first, lastDay)];
        count = dueAts.length;
        reduced = 'past_last_session';
      }
    }
  }

  const amounts = allocateEvenly(rest, count);
  const installments = amounts.map((amount, k) => {
    const dueAt = dueAts[k] as number;
    return { seq: k + 1, dueAt, dueDate: localDate(dueAt), amount: { amount, currency: total.currency } };
  });
  return reduced ? { ...base, installments, reduced } : { ...base, installments };
}
