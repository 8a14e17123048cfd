/**
 * Cancellation: what goes back to the customer, what the studio keeps, and why, per session.
 *
 * Pro-rating: a booking of N sessions has each session worth total / N, allocated exactly
 * (largest remainder; the first sessions in the order given carry the extra units, so pass
 * them chronologically). Per session, the customer's cancellation gives:
 *   completed                           → consumed, not refunded
 *   no_show                             → fee of noShowFeeBp of its value (default 100 %)
 *   scheduled, already started          → treated as a no-show ('started_before_cancellation')
 *   scheduled, ≥ freeCancelHours ahead  → refunded in full (exactly freeCancelHours ahead is in time)
 *   scheduled, later than that          → fee of lateCancelFeeBp of its value (default 100 %:
 *                                         outside the free window a cancellation is not free)
 *   cancelled earlier by the customer   → same rule, judged at that session's own cancelledAt
 *   cancelled earlier by the studio, or without a cancelledAt → refunded in full
 *   not yet scheduled (N > sessions)    → refunded in full
 * With `refundUnusedSessions: false` (a non-refundable pack) nothing the customer cancels is
 * refunded; sessions the studio cancelled still are.
 *
 * Then against what was actually paid (deposit-only bookings, plans mid-way):
 *   owed     = total − Σ session refunds   (consumed sessions and fees)
 *   refund   = clamp(paid − owed, 0, paid) (never negative, never more than paid)
 *   retained = paid − refund               (so refund + retained = paid, always)
 *   balanceDue = max(0, owed − paid)       (what the customer would still owe; charging it or
 *                                           writing it off is the caller's decision)
 * Money bookings are refunded in money; credit bookings give credits back to the ledger
 * (see `creditRefundEntry`), computed the same way in whole credits.
 */
import { allocateEvenly } from './allocate.ts';
import { HOUR_MS, toEpochMs, type Instant } from './instant.ts';
import { assertInteger, assertMoney, assertNonNegativeInteger, assertSameCurrency, MoneyError, type Money } from './money.ts';
import { applyBasisPoints, assertBasisPoints, BP_SCALE } from './rounding.ts';

export type SessionStatus = 'scheduled' | 'completed' | 'cancelled' | 'no_show';

export interface RefundSession {
  readonly startsAt: Instant;
  readonly status: SessionStatus;
  /** For an already cancelled session: when. */
  readonly cancelledAt?: Instant | undefined;
  /** For an already cancelled session: by whom (default: the customer). */
  readonly cancelledBy?: 'customer' | 'staff' | undefined;
}

export interface CancellationPolicy {
  /** Cancelling at least this many hours before a session's start is free. */
  readonly freeCancelHours: number;
  /** Fee for a late cancellation, in bp of the session's value; default 10000 (100 %). */
  readonly lateCancelFeeBp?: number | undefined;
  /** Fee for a no-show, in bp of the session's value; default 10000 (100 %). */
  readonly noShowFeeBp?: number | undefined;
  /** false: a non-refundable pack. */
  readonly refundUnusedSessions: boolean;
}

export type RefundMethod = 'money' | 'credits';

type Paid =
  | { readonly method: 'money'; readonly paid: Money; readonly total: Money }
  | { readonly method: 'credits'; /** credits */ readonly paid: number; /** credits */ readonly total: number };

interface CommonInput {
  readonly sessions: readonly RefundSession[];
  /** Sessions in the booking; default sessions.length. Larger when not all are scheduled yet. */
  readonly sessionsCount?: number | undefined;
  readonly cancelledAt: Instant;
}

export type CustomerCancellationInput = CommonInput & Paid & { readonly policy: CancellationPolicy };

export type StaffCancellationInput = CommonInput & Paid;

export type SessionOutcome =
  | 'completed'
  | 'no_show'
  | 'started_before_cancellation'
  | 'cancelled_in_time'
  | 'late_cancellation'
  | 'cancelled_earlier'
  | 'cancelled_by_studio'
  | 'not_scheduled'
  | 'non_refundable';

export interface SessionRefund<A> {
  /** Index into the input sessions; null for a session not scheduled yet. */
  readonly index: number | null;
  readonly startsAt: number | null;
  readonly status: SessionStatus | 'unscheduled';
  readonly outcome: SessionOutcome;
  /** This session's share of the total. value = refund + fee + consumed. */
  readonly value: A;
  readonly refund: A;
  readonly fee: A;
  readonly feeBp: number;
  readonly consumed: A;
}

export interface RefundBreakdown<A> {
  readonly paid: A;
  readonly total: A;
  /** What goes back: money to the payment method, or credits to the ledger. */
  readonly refund: A;
  /** What the studio keeps of what was paid. refund + retained = paid. */
  readonly retained: A;
  /** Σ session refunds: the refund had everything been paid. */
  readonly entitledRefund: A;
  readonly feesTotal: A;
  readonly consumedTotal: A;
  /** What the customer would still owe beyond what they paid; usually zero. */
  readonly balanceDue: A;
  readonly sessions: readonly SessionRefund<A>[];
}

export type RefundResult =
  | ({ readonly method: 'money' } & RefundBreakdown<Money>)
  | ({ readonly method: 'credits' } & RefundBreakdown<number>);

interface Judged {
  outcome: SessionOutcome;
  /** bp of the value kept as a fee; consumed sessions use `consumed` instead. */
  feeBp: number;
  consumed: boolean;
}

type Judge = (s: RefundSession, cancelledAt: number) => Judged;

export function refundForCancellation(input: CustomerCancellationInput): RefundResult {
  const { policy } = input;
  assertNonNegativeInteger(policy.freeCancelHours, 'policy.freeCancelHours');
  const lateBp = policy.lateCancelFeeBp ?? BP_SCALE;
  const noShowBp = policy.noShowFeeBp ?? BP_SCALE;
  assertBasisPoints(lateBp, 'policy.lateCancelFeeBp');
  assertBasisPoints(noShowBp, 'policy.noShowFeeBp');
  const windowMs = policy.freeCancelHours * HOUR_MS;

  const byLead = (startsAt: number, at: number, inTime: SessionOutcome): Judged =>
    startsAt - at >= windowMs ? { outcome: inTime, feeBp: 0, consumed: false } : { outcome: 'late_cancellation', feeBp: lateBp, consumed: false };

  const judge: Judge = (s, cancelledAt) => {
    const startsAt = toEpochMs(s.startsAt, 'startsAt');
    switch (s.status) {
      case 'completed':
        return { outcome: 'completed', feeBp: 0, consumed: true };
      case 'no_show':
        return { outcome: 'no_show', feeBp: noShowBp, consumed: false };
      case 'scheduled':
        if (startsAt <= cancelledAt) return { outcome: 'started_before_cancellation', feeBp: noShowBp, consumed: false };
        return byLead(startsAt, cancelledAt, 'cancelled_in_time');
      case 'cancelled':
        if (s.cancelledBy === 'staff') return { outcome: 'cancelled_by_studio', feeBp: 0, consumed: false };
        if (s.cancelledAt === undefined) return { outcome: 'cancelled_earlier', feeBp: 0, consumed: false };
        return byLead(startsAt, toEpochMs(s.cancelledAt, 'cancelledAt'), 'cancelled_earlier');
      default:
        throw new MoneyError(`unknown session status ${JSON.stringify(s.status)}`);
    }
  };
  const nonRefundable = !policy.refundUnusedSessions;
  return compute(input, (s, at) => {
    const j = judge(s, at);
    if (nonRefundable && !j.consumed && j.feeBp < BP_SCALE && j.outcome !== 'cancelled_by_studio') {
      return { outcome: 'non_refundable', feeBp: BP_SCALE, consumed: false };
    }
    return j;
  }, nonRefundable);
}

/**
 * The studio cancels the booking: every session not delivered is refunded, no fees.
 * Completed sessions, and no-shows (the instructor was there), count as delivered.
 */
export function refundForStaffCancellation(input: StaffCancellationInput): RefundResult {
  return compute(input, (s) => {
    toEpochMs(s.startsAt, 'startsAt');
    switch (s.status) {
      case 'completed':
        return { outcome: 'completed', feeBp: 0, consumed: true };
      case 'no_show':
        return { outcome: 'no_show', feeBp: 0, consumed: true };
      case 'scheduled':
      case 'cancelled':
        return { outcome: 'cancelled_by_studio', feeBp: 0, consumed: false };
      default:
        throw new MoneyError(`unknown session status ${JSON.stringify(s.status)}`);
    }
  }, false);
}

function compute(input: CommonInput & Paid, judge: Judge, unscheduledNonRefundable: boolean): RefundResult {
  let paid: number;
  let total: number;
  if (input.method === 'money') {
    assertMoney(input.paid, 'paid');
    assertMoney(input.total, 'total');
    assertSameCurrency(input.paid, input.total);
    paid = input.paid.amount;
    total = input.total.amount;
  } else if (input.method === 'credits') {
    assertInteger(input.paid, 'paid');
    assertInteger(input.total, 'total');
    paid = input.paid;
    total = input.total;
  } else {
    throw new MoneyError(`unknown method ${JSON.stringify((input as { method: unknown }).method)}`);
  }
  if (paid < 0) throw new MoneyError('paid must not be negative');
  if (total < 0) throw new MoneyError('total must not be negative');
  const cancelledAt = toEpochMs(input.cancelledAt, 'cancelledAt');
  const count = input.sessionsCount ?? input.sessions.length;
  assertInteger(count, 'sessionsCount');
  if (count < 1) throw new MoneyError('a booking has at least one session (pass sessionsCount when none is scheduled)');
  if (count < input.sessions.length) throw new MoneyError('sessionsCount is smaller than the sessions given');

  const values = allocateEvenly(total, count);
  const rows: SessionRefund<number>[] = values.map((value, i) => {
    const s = input.sessions[i];
    const j: Judged = s
      ? judge(s, cancelledAt)
      : unscheduledNonRefundable
        ? { outcome: 'non_refundable', feeBp: BP_SCALE, consumed: false }
        : { outcome: 'not_scheduled', feeBp: 0, consumed: false };
    const consumed = j.consumed ? value : 0;
    const fee = j.consumed ? 0 : applyBasisPoints(value, j.feeBp);
    return {
      index: s ? i : null,
      startsAt: s ? toEpochMs(s.startsAt, 'startsAt') : null,
      status: s ? s.status : 'unscheduled',
      outcome: j.outcome,
      value,
      refund: value - consumed - fee,
      fee,
      feeBp: j.consumed ? 0 : j.feeBp,
      consumed,
    };
  });

  const entitled = rows.reduce((a, r) => a + r.refund, 0);
  const owed = total - entitled;
  const refund = Math.min(paid, Math.max(0, paid - owed));
  const n: RefundBreakdown<number> = {
    paid,
    total,
    refund,
    retained: paid - refund,
    entitledRefund: entitled,
    feesTotal: rows.reduce((a, r) => a + r.fee, 0),
    consumedTotal: rows.reduce((a, r) => a + r.consumed, 0),
    balanceDue: Math.max(0, owed - paid),
    sessions: rows,
  };
  if (input.method === 'credits') return { method: 'credits', ...n };
  const currency = input.paid.currency;
  const m = (amount: number): Money => ({ amount, currency });
  return {
    method: 'money',
    paid: m(n.paid),
    total: m(n.total),
    refund: m(n.refund),
    retained: m(n.retained),
    entitledRefund: m(n.entitledRefund),
    feesTotal: m(n.feesTotal),
    consumedTotal: m(n.consumedTotal),
    balanceDue: m(n.balanceDue),
    sessions: rows.map((r) => ({ ...r, value: m(r.value), refund: m(r.refund), fee: m(r.fee), consumed: m(r.consumed) })),
  };
}
