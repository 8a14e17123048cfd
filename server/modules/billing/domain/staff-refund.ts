/**
 * A refund staff give outside a cancellation (goodwill, a session that went wrong): the whole of
 * what is still refundable, a part of it, or by quote, one or more sessions' shares of the price.
 * Pure: amounts in integer minor units. What can go back is what was paid and not yet refunded;
 * asking for more is an outcome with the field to blame, not an exception.
 */
import { allocateEvenly } from './allocate.ts';

export type StaffRefundMode = 'full' | 'partial' | 'quote';

export interface StaffRefundSession { readonly id: string; readonly seq: number; readonly startsAt: number | null }

export interface StaffRefundInput {
  readonly mode: StaffRefundMode;
  readonly amount?: number | undefined;
  readonly sessionIds?: readonly string[] | undefined;
  /** The order's total and the booking's session count: each session's share is total / count (largest remainder). */
  readonly total: number;
  readonly sessionsCount: number;
  readonly sessions: readonly StaffRefundSession[];
  /** Σ succeeded payments − Σ refunds not failed. */
  readonly refundable: number;
  /** What already went back per session (refunds not failed that name it). */
  readonly refundedBySession: ReadonlyMap<string, number>;
}

export interface StaffRefundLine {
  readonly sessionId: string;
  readonly seq: number;
  readonly startsAt: number | null;
  /** The session's share of the price. */
  readonly value: number;
  readonly refundedBefore: number;
  /** What this refund gives back for it: its share less what already went back. */
  readonly refund: number;
}

export type StaffRefundPlan =
  | { readonly ok: true; readonly amount: number; readonly lines: readonly StaffRefundLine[] }
  /** `exceeds`: more than is refundable (or nothing is); `invalid`: the request itself does not hold. */
  | { readonly ok: false; readonly reason: 'exceeds' | 'invalid'; readonly field: 'mode' | 'amount' | 'session_ids'; readonly message: string };

export function planStaffRefund(input: StaffRefundInput): StaffRefundPlan {
  const { refundable } = input;
  if (refundable <= 0) return { ok: false, reason: 'exceeds', field: 'mode', message: 'nothing is left to refund: everything paid has gone back' };
  const tooMuch = (field: 'amount' | 'session_ids') => ({ ok: false as const, reason: 'exceeds' as const, field, message: `must be at most ${refundable}, what was paid and not yet refunded` });
  switch (input.mode) {
    case 'full':
      return { ok: true, amount: refundable, lines: [] };
    case 'partial': {
      const amount = input.amount;
      if (amount === undefined) return { ok: false, reason: 'invalid', field: 'amount', message: 'is required' };
      if (!Number.isSafeInteger(amount) || amount < 1) return { ok: false, reason: 'invalid', field: 'amount', message: 'must be >= 1' };
      return amount > refundable ? tooMuch('amount') : { ok: true, amount, lines: [] };
    }
    case 'quote': {
      const ids = [...new Set(input.sessionIds ?? [])];
      if (ids.length === 0) return { ok: false, reason: 'invalid', field: 'session_ids', message: 'is required' };
      const shares = allocateEvenly(input.total, Math.max(1, input.sessionsCount, input.sessions.length));
      const lines: StaffRefundLine[] = [];
      for (const id of ids) {
        const s = input.sessions.find((x) => x.id === id);
        if (!s) return { ok: false, reason: 'invalid', field: 'session_ids', message: 'is not a session of this booking' };
        const value = shares[s.seq - 1] ?? 0;
        const before = input.refundedBySession.get(id) ?? 0;
        lines.push({ sessionId: id, seq: s.seq, startsAt: s.startsAt, value, refundedBefore: before, refund: Math.max(0, value - before) });
      }
      lines.sort((a, b) => a.seq - b.seq);
      const amount = lines.reduce((a, l) => a + l.refund, 0);
      if (amount === 0) return { ok: false, reason: 'exceeds', field: 'session_ids', message: 'these sessions have been refunded already' };
      return amount > refundable ? tooMuch('session_ids') : { ok: true, amount, lines };
    }
  }
}
