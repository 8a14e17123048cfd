/**
 * The cancellation quote: what cancelling a booking now would give back, keep and leave owing,
 * per session with the rule that applied, computed by the domain's refund rules from the
 * booking's real sessions, the program's policy and what was actually paid. Nothing moves
 * money without a quote (settlement.mutations.ts executes it).
 */
import { createHash } from 'node:crypto';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { signToken, verifyToken } from '../../platform/signed-tokens.ts';
import * as t from '../../../schema/db/index.ts';
import type { ProgramPolicies } from '../../../schema/db/programs.ts';
import { allocateEvenly, applyBasisPoints, refundForCancellation, refundForStaffCancellation, type RefundResult, type RefundSession } from './domain/index.ts';
import { AppError } from '../../platform/errors.ts';
import { loadBookingContext, orderDetail, orderRow, type BookingRow } from './context.queries.ts';

export type Fault = 'policy' | 'studio';
export type CancelledBy = 'customer' | 'staff';

export interface QuoteLine {
  session_id: string | null;
  seq: number;
  starts_at: string | null;
  /** The rule that applied: cancelled_in_time, late_cancellation, no_show, completed, cancelled_by_studio, not_scheduled, … */
  rule: string;
  value: number;
  /** What this cancellation gives back for the session: its entitlement less what already went back for it. */
  refund: number;
  fee: number;
  /** What already went back for this session when it was settled on its own earlier (a late cancellation, a no-show of a pack paid in full). */
  refunded_before: number;
}

export interface CancellationQuote {
  booking_id: string;
  scope: 'booking' | 'session';
  /** For scope `session`: the session, and what cancelling it does (`unschedule`: back to "to schedule", no money; `cancel`: it counts as used, its fee applies). */
  session_id: string | null;
  action: 'cancel_booking' | 'unschedule' | 'cancel';
  fault: Fault;
  by: CancelledBy;
  /** `money` refunds to the payments; `credits` gives class credits back to the ledger. */
  method: 'money' | 'credits';
  currency: string;
  total: number;
  paid: number;
  refund: number;
  /** Fees kept (late cancellation, no-show), within what was paid. */
  fee: number;
  credits_back: number;
  /** What the customer would still owe beyond what they paid (fees a deposit does not cover). */
  balance_due: number;
  lines: QuoteLine[];
  policy: { free_cancel_hours: number; late_cancel_fee_bp: number; no_show_fee_bp: number; text: string | null; charge_fees?: 'auto' | 'balance' };
  quote_id: string;
  expires_at: string;
}

const QUOTE_TTL_MS = 10 * 60_000;

/** The policy as a quote states it. */
function policyOut(p: ProgramPolicies): CancellationQuote['policy'] {
  return { free_cancel_hours: p.free_cancel_hours, late_cancel_fee_bp: p.late_cancel_fee_bp, no_show_fee_bp: p.no_show_fee_bp, text: p.notes ?? null, charge_fees: p.charge_fees ?? 'balance' };
}

/** The figures a quote stands for: executing with a quote whose figures no longer hold is refused. */
function figuresHash(q: Omit<CancellationQuote, 'quote_id' | 'expires_at'>): string {
  const figures = { b: q.booking_id, s: q.session_id, a: q.action, f: q.fault, by: q.by, m: q.method, r: q.refund, fee: q.fee, c: q.credits_back, d: q.balance_due, l: q.lines.map((l) => [l.session_id, l.rule, l.refund, l.fee]) };
  return createHash('sha256').update(JSON.stringify(figures)).digest('base64url');
}

/** Whether `quoteId` was issued for exactly these figures and has not expired. */
export function quoteStillHolds(quoteId: string, quote: CancellationQuote, secret: string, now: Date): boolean {
  const payload = verifyToken(quoteId, secret, 'cancellation_quote', now);
  return payload !== null && payload.h === figuresHash(quote);
}

export interface QuoteRequest { fault: Fault; by: CancelledBy; now: Date; secret: string; sessionId?: string | undefined }

export async function cancellationQuote(tx: Tx, orgId: string, booking: BookingRow, req: QuoteRequest): Promise<CancellationQuote> {
  const ctx = await loadBookingContext(tx, orgId, booking);
  const order = booking.orderId ? await orderRow(tx, orgId, booking.orderId) : undefined;
  const live = order && order.status !== 'cancelled' && order.status !== 'refunded';
  const detail = live ? await orderDetail(tx, orgId, order) : null;
  const policy = ctx.program.policies;
  const sessions: RefundSession[] = ctx.sessions.filter((s) => s.startsAt).map((s) => ({
    startsAt: s.startsAt!.getTime(),
    status: s.status,
    // A session cancelled on its own is judged by when and by whom it was cancelled.
    ...(s.status === 'cancelled' && s.cancelledAt ? { cancelledAt: s.cancelledAt.getTime(), cancelledBy: s.cancelledBy === 'staff' ? 'staff' as const : 'customer' as const } : {}),
  }));
  // What was paid, less what already went back (a session cancelled on its own, earlier).
  const back = order ? await alreadyRefunded(tx, orgId, order.id) : { money: 0, credits: 0 };
  const scheduled = ctx.sessions.filter((s) => s.startsAt);
  const credits = detail?.credits ?? null;
  const common = { sessions, sessionsCount: Math.max(booking.sessionsCount, sessions.length), cancelledAt: req.now.getTime() };
  const currency = booking.currency;
  let result: RefundResult;
  if (credits !== null && credits > 0) {
    const paid = { method: 'credits' as const, paid: Math.max(0, credits - back.credits), total: credits };
    result = req.fault === 'studio' ? refundForStaffCancellation({ ...common, ...paid })
      : refundForCancellation({ ...common, ...paid, policy: { freeCancelHours: policy.free_cancel_hours, lateCancelFeeBp: policy.late_cancel_fee_bp, noShowFeeBp: policy.no_show_fee_bp, refundUnusedSessions: true } });
  } else {
    const paidAmount = live ? Math.max(0, order.amountPaid - back.money) : 0;
    const total = live ? order.total : booking.totalPrice;
    const paid = { method: 'money' as const, paid: { amount: paidAmount, currency }, total: { amount: total, currency } };
    result = req.fault === 'studio' ? refundForStaffCancellation({ ...common, ...paid })
      : refundForCancellation({ ...common, ...paid, policy: { freeCancelHours: policy.free_cancel_hours, lateCancelFeeBp: policy.late_cancel_fee_bp, noShowFeeBp: policy.no_show_fee_bp, refundUnusedSessions: true } });
  }
  const n = (x: number | { amount: number }) => (typeof x === 'number' ? x : x.amount);
  const unscheduled = ctx.sessions.filter((s) => !s.startsAt);
  // The domain states each session's entitlement in all; a session settled on its own got its part back then.
  const before = order ? await refundedPerSession(tx, orgId, order.id, result.method) : new Map<string, number>();
  const lines: QuoteLine[] = result.sessions.map((s, i) => {
    const row = s.index !== null ? scheduled[s.index] : unscheduled[i - sessions.length];
    const back = row ? before.get(row.id) ?? 0 : 0;
    return {
      session_id: row?.id ?? null, seq: row?.seq ?? i + 1, starts_at: row?.startsAt?.toISOString() ?? null,
      rule: s.outcome, value: n(s.value), refund: Math.max(0, n(s.refund) - back), fee: n(s.fee), refunded_before: back,
    };
  });
  const isCredits = result.method === 'credits';
  const base = {
    booking_id: booking.id, scope: 'booking' as const, session_id: null, action: 'cancel_booking' as const, fault: req.fault, by: req.by, method: result.method, currency,
    total: n(result.total), paid: n(result.paid),
    refund: isCredits ? 0 : n(result.refund),
    fee: Math.min(n(result.feesTotal), n(result.retained)),
    credits_back: isCredits ? n(result.refund) : 0,
    balance_due: n(result.balanceDue),
    lines,
    policy: policyOut(policy),
  };
  const expires = new Date(req.now.getTime() + QUOTE_TTL_MS);
  return {
    ...base,
    quote_id: signToken({ p: 'cancellation_quote', h: figuresHash(base), exp: Math.floor(expires.getTime() / 1000) }, req.secret),
    expires_at: expires.toISOString(),
  };
}

/** Succeeded payments of an order with what is already refunded from each, for the refund's spread. */
export async function refundablePayments(tx: Tx, orgId: string, orderId: string) {
  const [payments, refunds] = await Promise.all([
    tx.select().from(t.payments).where(and(eq(t.payments.orgId, orgId), eq(t.payments.orderId, orderId), eq(t.payments.status, 'succeeded'))),
    tx.select({ paymentId: t.refunds.paymentId, amount: t.refunds.amount, status: t.refunds.status }).from(t.refunds).where(and(eq(t.refunds.orgId, orgId), eq(t.refunds.orderId, orderId))),
  ]);
  return payments.map((p) => ({
    row: p,
    refunded: refunds.filter((r) => r.paymentId === p.id && r.status !== 'failed').reduce((a, r) => a + r.amount, 0),
  }));
}

/** What went back per session for sessions settled on their own (refunds not failed): money, or credits for a credit booking. */
export async function refundedPerSession(tx: Tx, orgId: string, orderId: string, method: 'money' | 'credits'): Promise<Map<string, number>> {
  const rows = await tx.select({ sessionId: t.refunds.sessionId, amount: t.refunds.amount, credits: t.refunds.credits, status: t.refunds.status }).from(t.refunds)
    .where(and(eq(t.refunds.orgId, orgId), eq(t.refunds.orderId, orderId), isNotNull(t.refunds.sessionId)));
  const out = new Map<string, number>();
  for (const r of rows) {
    if (r.status === 'failed') continue;
    out.set(r.sessionId!, (out.get(r.sessionId!) ?? 0) + (method === 'credits' ? r.credits : r.amount));
  }
  return out;
}

/** Money and credits already given back for an order (refunds not failed). */
export async function alreadyRefunded(tx: Tx, orgId: string, orderId: string): Promise<{ money: number; credits: number }> {
  const rows = await tx.select({ amount: t.refunds.amount, credits: t.refunds.credits, status: t.refunds.status }).from(t.refunds)
    .where(and(eq(t.refunds.orgId, orgId), eq(t.refunds.orderId, orderId)));
  const live = rows.filter((r) => r.status !== 'failed');
  return { money: live.reduce((a, r) => a + r.amount, 0), credits: live.reduce((a, r) => a + r.credits, 0) };
}

/**
 * Cancelling one session of a pack: inside the free window (or the studio's fault) it goes back to
 * "to schedule" and nothing moves; later it counts as used and the policy's fee applies, and when
 * the booking is paid in full, the rest of its share goes back now.
 */
export async function sessionCancellationQuote(tx: Tx, orgId: string, booking: BookingRow, req: QuoteRequest & { sessionId: string }): Promise<CancellationQuote> {
  const ctx = await loadBookingContext(tx, orgId, booking);
  const session = ctx.sessions.find((x) => x.id === req.sessionId);
  if (!session) throw new AppError('not_found', 'No such session.');
  if (session.status !== 'scheduled' || !session.startsAt) throw new AppError('invalid_state', session.startsAt ? `The session is ${session.status}.` : 'The session is not scheduled.');
  if (session.startsAt.getTime() <= req.now.getTime()) throw new AppError('invalid_state', 'The session has started: mark it attended or a no-show instead.');
  const policy = ctx.program.policies;
  const order = booking.orderId ? await orderRow(tx, orgId, booking.orderId) : undefined;
  const live = order && order.status !== 'cancelled' && order.status !== 'refunded';
  const detail = live ? await orderDetail(tx, orgId, order) : null;
  const credits = detail?.credits ?? null;
  const back = order ? await alreadyRefunded(tx, orgId, order.id) : { money: 0, credits: 0 };
  const isCredits = credits !== null && credits > 0;
  const total = isCredits ? credits : live ? order.total : booking.totalPrice;
  const netPaid = isCredits ? credits - back.credits : live ? order.amountPaid - back.money : 0;
  const count = Math.max(booking.sessionsCount, ctx.sessions.length);
  const value = allocateEvenly(total, count)[session.seq - 1] ?? 0;
  const inTime = req.fault === 'studio' || session.startsAt.getTime() - req.now.getTime() >= policy.free_cancel_hours * 3_600_000;
  const feeBp = inTime ? 0 : policy.late_cancel_fee_bp;
  const fee = inTime ? 0 : applyBasisPoints(value, feeBp);
  // Money moves now only when the pack is paid in full; otherwise the fee is settled with the booking.
  // Paid in full: what is left plus what already went back covers the whole price.
  const paidInFull = netPaid > 0 && netPaid + (isCredits ? back.credits : back.money) >= total;
  const refund = inTime || !paidInFull ? 0 : value - fee;
  const base = {
    booking_id: booking.id, scope: 'session' as const, session_id: session.id, action: inTime ? 'unschedule' as const : 'cancel' as const,
    fault: req.fault, by: req.by, method: isCredits ? 'credits' as const : 'money' as const, currency: booking.currency,
    total, paid: Math.max(0, netPaid),
    refund: isCredits ? 0 : refund, fee: inTime ? 0 : Math.min(fee, Math.max(0, netPaid)), credits_back: isCredits ? refund : 0, balance_due: 0,
    lines: [{ session_id: session.id, seq: session.seq, starts_at: session.startsAt.toISOString(), rule: inTime ? (req.fault === 'studio' ? 'cancelled_by_studio' : 'cancelled_in_time') : 'late_cancellation', value, refund, fee, refunded_before: 0 }],
    policy: policyOut(policy),
  };
  const expires = new Date(req.now.getTime() + QUOTE_TTL_MS);
  return { ...base, quote_id: signToken({ p: 'cancellation_quote', h: figuresHash(base), exp: Math.floor(expires.getTime() / 1000) }, req.secret), expires_at: expires.toISOString() };
}

/**
 * A no-show of one session of a booking that goes on: the session counts as used and the policy's
 * no-show fee applies to its share; when the pack is paid in full, the rest of its share goes back
 * now (the same rule as a late cancellation of one session). When it is not (a deposit plan), the
 * fee beyond what was paid and not used by earlier sessions is `balance_due`. The session must be
 * `no_show` already.
 */
export async function noShowSessionQuote(tx: Tx, orgId: string, booking: BookingRow, sessionId: string, now: Date, secret: string): Promise<CancellationQuote> {
  const ctx = await loadBookingContext(tx, orgId, booking);
  const session = ctx.sessions.find((x) => x.id === sessionId);
  if (!session || session.status !== 'no_show') throw new Error(`session ${sessionId} is not a no-show`);
  const policy = ctx.program.policies;
  const order = booking.orderId ? await orderRow(tx, orgId, booking.orderId) : undefined;
  const live = order && order.status !== 'cancelled' && order.status !== 'refunded';
  const detail = live ? await orderDetail(tx, orgId, order) : null;
  const credits = detail?.credits ?? null;
  const back = order ? await alreadyRefunded(tx, orgId, order.id) : { money: 0, credits: 0 };
  const isCredits = credits !== null && credits > 0;
  const total = isCredits ? credits : live ? order.total : booking.totalPrice;
  const netPaid = isCredits ? credits - back.credits : live ? order.amountPaid - back.money : 0;
  const values = allocateEvenly(total, Math.max(booking.sessionsCount, ctx.sessions.length));
  const value = values[session.seq - 1] ?? 0;
  const fee = applyBasisPoints(value, policy.no_show_fee_bp);
  const paidInFull = netPaid > 0 && netPaid + (isCredits ? back.credits : back.money) >= total;
  const refund = paidInFull ? value - fee : 0;
  // Not paid in full (a deposit plan): what was paid goes first to the sessions already used; the fee
  // beyond what is left of it is owed now, collected as the policy's `charge_fees` says.
  const used = ctx.sessions.filter((x) => x.id !== session.id && (x.status === 'completed' || x.status === 'no_show'
    || (x.status === 'cancelled' && x.cancelledAt !== null && x.cancelledBy === 'customer' && x.startsAt !== null)));
  const available = Math.max(0, netPaid - used.reduce((a, x) => a + (values[x.seq - 1] ?? 0), 0));
  const beyond = paidInFull || isCredits ? 0 : Math.max(0, fee - available);
  const base = {
    booking_id: booking.id, scope: 'session' as const, session_id: session.id, action: 'cancel' as const,
    fault: 'policy' as const, by: 'staff' as const, method: isCredits ? 'credits' as const : 'money' as const, currency: booking.currency,
    total, paid: Math.max(0, netPaid),
    refund: isCredits ? 0 : refund, fee: fee - beyond, credits_back: isCredits ? refund : 0, balance_due: beyond,
    lines: [{ session_id: session.id, seq: session.seq, starts_at: session.startsAt?.toISOString() ?? null, rule: 'no_show', value, refund, fee, refunded_before: 0 }],
    policy: policyOut(policy),
  };
  const expires = new Date(now.getTime() + QUOTE_TTL_MS);
  return { ...base, quote_id: signToken({ p: 'cancellation_quote', h: figuresHash(base), exp: Math.floor(expires.getTime() / 1000) }, secret), expires_at: expires.toISOString() };
}
