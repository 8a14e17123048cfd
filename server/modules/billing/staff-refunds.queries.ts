/**
 * The quote of a refund staff give outside a cancellation: what is still refundable on the
 * booking's order and, by mode, what this refund would give back (per session for `quote`).
 * The console shows it line by line before the refund is confirmed; the refund itself
 * (staff-refunds.mutations.ts) computes it again under the order's lock.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { signToken, verifyToken } from '../../platform/signed-tokens.ts';
import * as t from '../../../schema/db/index.ts';
import { planStaffRefund, type StaffRefundLine, type StaffRefundMode } from './domain/staff-refund.ts';
import { orderRow, type BookingRow, type OrderRow } from './context.queries.ts';
import { refundablePayments, refundedPerSession } from './settlement.queries.ts';

export interface StaffRefundRequest {
  mode: StaffRefundMode;
  amount?: number | undefined;
  sessionIds?: readonly string[] | undefined;
}

export interface StaffRefundQuote {
  booking_id: string;
  mode: StaffRefundMode;
  currency: string;
  /** Captured on the order's payments. */
  paid: number;
  /** Already gone back (refunds not failed). */
  refunded: number;
  /** paid − refunded: the most any refund may give back now. */
  refundable: number;
  /** What this refund gives back. */
  amount: number;
  lines: { session_id: string; seq: number; starts_at: string | null; value: number; refunded_before: number; refund: number }[];
  quote_id: string;
  expires_at: string;
}

const QUOTE_TTL_MS = 10 * 60_000;

interface Computed { order: OrderRow; quote: Omit<StaffRefundQuote, 'quote_id' | 'expires_at'>; lines: readonly StaffRefundLine[] }

/** The figures as they are now; a request the order cannot cover is 422 with the field to blame. */
export async function computeStaffRefund(tx: Tx, orgId: string, booking: BookingRow, req: StaffRefundRequest, lock = false): Promise<Computed> {
  const order = booking.orderId ? await orderRow(tx, orgId, booking.orderId, lock) : undefined;
  if (!order) throw new AppError('refund_exceeds_refundable', 'The booking has no order: nothing was paid.', { errors: [{ field: 'mode', message: 'nothing is left to refund: everything paid has gone back' }], refundable: 0 });
  const [payments, sessions, before] = await Promise.all([
    refundablePayments(tx, orgId, order.id),
    tx.select({ id: t.programSessions.id, seq: t.programSessions.seq, startsAt: t.programSessions.startsAt }).from(t.programSessions)
      .where(and(eq(t.programSessions.orgId, orgId), eq(t.programSessions.bookingId, booking.id))).orderBy(asc(t.programSessions.seq)),
    refundedPerSession(tx, orgId, order.id, 'money'),
  ]);
  const paid = payments.reduce((a, p) => a + p.row.amount, 0);
  const refunded = payments.reduce((a, p) => a + p.refunded, 0);
  const refundable = Math.max(0, paid - refunded);
  const plan = planStaffRefund({
    mode: req.mode, amount: req.amount, sessionIds: req.sessionIds, total: order.total, sessionsCount: booking.sessionsCount,
    sessions: sessions.map((s) => ({ id: s.id, seq: s.seq, startsAt: s.startsAt?.getTime() ?? null })), refundable, refundedBySession: before,
  });
  if (!plan.ok) {
    const errors = [{ field: plan.field, message: plan.message }];
    if (plan.reason === 'invalid') throw new AppError('validation_failed', undefined, { errors });
    throw new AppError('refund_exceeds_refundable', `${refundable} ${order.currency} can still be refunded.`, { errors, refundable });
  }
  return {
    order, lines: plan.lines,
    quote: {
      booking_id: booking.id, mode: req.mode, currency: order.currency, paid, refunded, refundable, amount: plan.amount,
      lines: plan.lines.map((l) => ({ session_id: l.sessionId, seq: l.seq, starts_at: l.startsAt === null ? null : new Date(l.startsAt).toISOString(), value: l.value, refunded_before: l.refundedBefore, refund: l.refund })),
    },
  };
}

function figuresHash(q: Computed['quote']): string {
  return createHash('sha256').update(JSON.stringify([q.booking_id, q.mode, q.amount, q.refundable, q.lines.map((l) => [l.session_id, l.refund])])).digest('base64url');
}

export async function staffRefundQuote(tx: Tx, orgId: string, booking: BookingRow, req: StaffRefundRequest & { now: Date; secret: string }): Promise<StaffRefundQuote> {
  const { quote } = await computeStaffRefund(tx, orgId, booking, req);
  const expires = new Date(req.now.getTime() + QUOTE_TTL_MS);
  return { ...quote, quote_id: signToken({ p: 'staff_refund_quote', h: figuresHash(quote), exp: Math.floor(expires.getTime() / 1000) }, req.secret), expires_at: expires.toISOString() };
}

/** Whether `quoteId` was issued for exactly these figures and has not expired. */
export function staffRefundQuoteHolds(quoteId: string, quote: Computed['quote'], secret: string, now: Date): boolean {
  const payload = verifyToken(quoteId, secret, 'staff_refund_quote', now);
  return payload !== null && payload.h === figuresHash(quote);
}
