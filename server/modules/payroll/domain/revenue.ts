/**
 * A session's net revenue: its share of the booking's order after discounts, without VAT, less
 * what was refunded of it. The order's net is split evenly over the booking's sessions (in seq
 * order, exactly: the first sessions carry the extra units). A refund tied to one session (a
 * late cancellation's refund) comes off that session; a refund of the booking as a whole comes
 * first off the sessions that were not delivered (they earn nothing), and only what exceeds
 * them off the delivered ones, in proportion to what is left of each.
 */
import { allocate, allocateEvenly, mulDivRoundHalfUp } from '../../billing/domain/index.ts';

export interface RevenueSession {
  readonly id: string;
  readonly seq: number;
  /** Whether the session may earn (completed, no-show, late cancellation): refunds reach it last. */
  readonly delivered: boolean;
  /** Gross (VAT included) refunded for this session alone. */
  readonly refundedGross: number;
}

export interface BookingRevenue {
  /** The booking's order lines after discounts: gross (VAT included) and net (without VAT). */
  readonly gross: number;
  readonly net: number;
  readonly sessionsCount: number;
  readonly sessions: readonly RevenueSession[];
  /** Every refund of the booking (gross), those tied to a session included. */
  readonly refundedGross: number;
}

/** Gross refunded → net, by the order's own ratio of net to gross. */
function netOf(gross: number, r: BookingRevenue): number {
  return r.gross <= 0 ? 0 : mulDivRoundHalfUp(gross, r.net, r.gross);
}

/** Net revenue per session id (delivered or not), never negative. */
export function sessionNetRevenue(r: BookingRevenue): Map<string, number> {
  const bySeq = [...r.sessions].sort((a, b) => a.seq - b.seq);
  const count = Math.max(r.sessionsCount, bySeq.length, 1);
  const shares = allocateEvenly(Math.max(0, r.net), count);
  const left = new Map<string, number>();
  bySeq.forEach((s, i) => left.set(s.id, Math.max(0, shares[i]! - Math.min(shares[i]!, netOf(s.refundedGross, r)))));
  const tiedGross = bySeq.reduce((a, s) => a + s.refundedGross, 0);
  let rest = netOf(Math.max(0, r.refundedGross - tiedGross), r);
  // Shares of sessions that never got a row (not scheduled) absorb a booking refund first, then
  // the undelivered sessions, the last first.
  rest -= Math.min(rest, shares.slice(bySeq.length).reduce((a, b) => a + b, 0));
  for (const s of [...bySeq].reverse()) {
    if (s.delivered || rest === 0) continue;
    const take = Math.min(rest, left.get(s.id)!);
    left.set(s.id, left.get(s.id)! - take);
    rest -= take;
  }
  const delivered = bySeq.filter((s) => s.delivered && left.get(s.id)! > 0);
  const room = delivered.reduce((a, s) => a + left.get(s.id)!, 0);
  rest = Math.min(rest, room);
  if (rest > 0) {
    const parts = allocate(rest, delivered.map((s) => left.get(s.id)!));
    delivered.forEach((s, i) => left.set(s.id, left.get(s.id)! - parts[i]!));
  }
  return left;
}
