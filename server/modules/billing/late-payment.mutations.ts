/**
 * Money that arrives after the booking's hold ran out: a QR-bill paid after its 5 days, a
 * card payment whose webhook comes after the hold. The expiry cancelled the booking and
 * released its times (holds.ts). When every session is still ahead and its time still free,
 * the booking is put back as it was (reserved, its blocks held) so that the one confirmation
 * in confirm.ts confirms it; otherwise it stays cancelled, and the customer and the studio
 * are told, so that staff re-book or refund.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { PG, pgErrorCode } from '../../platform/db/pg-errors.ts';
import * as t from '../../../schema/db/index.ts';
import { type BookingRow } from './context.queries.ts';

/** How long the restored hold lasts: only until the confirmation in the same transaction. */
const RESTORED_HOLD_MS = 60_000;

/** A booking the hold's expiry cancelled, whose order this is: a payment may still restore it. */
export function expiredAwaitingPayment(booking: BookingRow, orderId: string): boolean {
  return booking.status === 'cancelled' && booking.cancellationReason === 'hold_expired' && booking.orderId === orderId;
}

/**
 * Puts an expired booking back to `reserved` with its sessions and their blocks, inside a
 * savepoint: the exclusion constraints refuse a block whose time someone else has taken
 * meanwhile, and then nothing changes. Returns the reserved row, or why it cannot be.
 */
export async function restoreExpiredBooking(tx: Tx, orgId: string, booking: BookingRow, now: Date): Promise<{ restored: BookingRow } | { refused: 'past' | 'taken' }> {
  const sessions = await tx.select({ id: t.programSessions.id, startsAt: t.programSessions.startsAt }).from(t.programSessions)
    .where(and(eq(t.programSessions.orgId, orgId), eq(t.programSessions.bookingId, booking.id), eq(t.programSessions.status, 'cancelled')))
    .orderBy(asc(t.programSessions.seq));
  if (sessions.some((s) => s.startsAt && s.startsAt.getTime() <= now.getTime())) return { refused: 'past' };
  const holdUntil = new Date(now.getTime() + RESTORED_HOLD_MS);
  const ids = `{${sessions.map((s) => s.id).join(',')}}`;
  try {
    return await tx.transaction(async (sp) => {
      await sp.execute(sql`update program_sessions set status = 'scheduled'
        where org_id = ${orgId}::uuid and id = any(${ids}::uuid[]) and status = 'cancelled'`);
      // Each session's latest block is its time (a reschedule cancels older ones).
      await sp.execute(sql`update schedule_blocks set status = 'held', hold_expires_at = ${holdUntil.toISOString()}::timestamptz
        where org_id = ${orgId}::uuid and id in (
          select distinct on (session_id) id from schedule_blocks
           where org_id = ${orgId}::uuid and session_id = any(${ids}::uuid[]) and status = 'cancelled'
           order by session_id, created_at desc)`);
      const [restored] = await sp.update(t.programBookings)
        .set({ status: 'reserved', holdExpiresAt: holdUntil, cancelledAt: null, cancellationReason: null, updatedAt: now })
        .where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.id, booking.id), eq(t.programBookings.status, 'cancelled')))
        .returning();
      if (!restored) throw new Error(`booking ${booking.id} changed while being restored`);
      // The hold's expiry gave the order's code use back (bookings/holds.mutations.ts); the paid booking takes it again.
      await sp.execute(sql`update coupons set redemptions = redemptions + 1
        where org_id = ${orgId}::uuid and id = (select coupon_id from orders where org_id = ${orgId}::uuid and id = ${booking.orderId}::uuid)`);
      await sp.execute(sql`update referral_codes set uses = uses + 1
        where org_id = ${orgId}::uuid and id = (select referral_code_id from orders where org_id = ${orgId}::uuid and id = ${booking.orderId}::uuid)`);
      return { restored };
    });
  } catch (error) {
    if (pgErrorCode(error) === PG.exclusionViolation) return { refused: 'taken' };
    throw error;
  }
}
