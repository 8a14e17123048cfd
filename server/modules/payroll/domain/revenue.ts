/**
 * A session's net revenue: its share of the booking's order after discounts, without VAT, less
 * what was refunded of it. The order's net is split evenly over the booking's sessions (in seq
 * order, exactly: the first sessions carry the extra units). A refund tied to one session (a
 * late cancellation's refund) comes off that session. A refund of the booking as a whole comes
 * off the sessions in the order the settlement engine gives money back: first those never
 * delivered (not scheduled, cancelled in time: they earn nothing), then no-shows and late
 * cancellations (the studio kept only their fee), and only then completed sessions; within a
 * tier in proportion to what is left of each.
 *
 * What a credit note cancels of an order that was not paid in full (the unpaid part the studio
 * no longer claims) is never money refunded, but the studio never gets it either: it comes off
 * like a refund (`writtenOff`). The part of a credit note that documents a refund is not taken
 * again: the refund row already is.
 */
import { allocate, allocateEvenly, mulDivRoundHalfUp } from '../../billing/domain/index.ts';

/** undelivered: earns nothing · kept: a no-show or late cancellation the studio kept money for · consumed: completed. */
export type RevenueTier = 'undelivered' | 'kept' | 'consumed';

export interface RevenueSession {
  readonly id: string;
  readonly seq: number;
  readonly tier: RevenueTier;
  /** Gross (VAT included) refunded for this session alone. */
  readonly refundedGross: number;
}

export interface BookingRevenue {
  /** The booking's order lines after discounts: gross (VAT included) and net (without VAT). */
  readonly gross: number;
  readonly net: number;
  readonly sessionsCount: number;
  readonly sessions: readonly RevenueSession[];
  /**
   * Every refund of the booking (gross), those tied to a session included, and what credit notes
   * wrote off of the order beyond their refunds (`writtenOff`).
   */
  readonly refundedGross: number;
}

/**
 * What a credit note wrote off: its gross beyond the money refund it documents (the unpaid part of
 * a partly paid order that the studio no longer claims). Zero for a note that only documents a
 * refund, and for a note that does not say what it refunded (taken as documenting a refund).
 */
export function writtenOff(creditedGross: number, refundStated: number | null): number {
  if (refundStated === null || !Number.isFinite(refundStated)) return 0;
  return Math.max(0, creditedGross - Math.max(0, refundStated));
}

/** Gross refunded → net, by the order's own ratio of net to gross. */
function netOf(gross: number, r: BookingRevenue): number {
  return r.gross <= 0 ? 0 : mulDivRoundHalfUp(gross, r.net, r.gross);
}

/** Net revenue per session id, never negative. */
export function sessionNetRevenue(r: BookingRevenue): Map<string, number> {
  const bySeq = [...r.sessions].sort((a, b) => a.seq - b.seq);
  const count = Math.max(r.sessionsCount, bySeq.length, 1);
  const shares = allocateEvenly(Math.max(0, r.net), count);
  const left = new Map<string, number>();
  bySeq.forEach((s, i) => left.set(s.id, shares[i]! - Math.min(shares[i]!, netOf(s.refundedGross, r))));
  const tiedGross = bySeq.reduce((a, s) => a + s.refundedGross, 0);
  let rest = netOf(Math.max(0, r.refundedGross - tiedGross), r);
  // Sessions that never got a row (not scheduled yet) go back first.
  rest -= Math.min(rest, shares.slice(bySeq.length).reduce((a, b) => a + b, 0));
  for (const tier of ['undelivered', 'kept', 'consumed'] as const) {
    const those = bySeq.filter((s) => s.tier === tier && left.get(s.id)! > 0);
    const room = those.reduce((a, s) => a + left.get(s.id)!, 0);
    const take = Math.min(rest, room);
    if (take > 0) {
      const parts = allocate(take, those.map((s) => left.get(s.id)!));
      those.forEach((s, i) => left.set(s.id, left.get(s.id)! - parts[i]!));
      rest -= take;
    }
  }
  return left;
}

/**
 * A settlement's per-session refunds as far as its refund rows are still live (`live`: what of them
 * did not fail): all of each while nothing failed, else the live amount spread over them by size.
 */
export function liveRefundParts(live: number, refunds: readonly number[]): number[] {
  const asked = refunds.reduce((a, r) => a + r, 0);
  if (live >= asked) return [...refunds];
  if (asked === 0 || live <= 0) return refunds.map(() => 0);
  return allocate(live, refunds);
}
