/**
 * Holds: a reserved booking keeps its sessions' time (blocks `held`, with `hold_expires_at`)
 * until checkout confirms it or the hold expires. An expired hold is not busy for the
 * availability engine from the moment it expires; its rows are released (booking and
 * sessions cancelled, blocks cancelled so the exclusion constraints let the time go) either
 * by the booking path that runs into it, in its own transaction, or by the org's release job.
 *
 * A coupon or referral code is used with the booking's hold: when the hold lapses with its order
 * unpaid (pending, or partially paid), the use is given back in the same statement, so abandoned
 * checkouts never use a code up. Money that arrives later and restores the booking takes the use
 * again (billing/late-payment.mutations.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { enqueue, enqueueStatement } from '../../platform/jobs/queue.ts';
import { rows } from '../../platform/db/prepared.ts';
import { uuidArray } from '../availability/index.ts';
import { AppError } from '../../platform/errors.ts';
import { eventInsert } from '../../platform/events/record.ts';

/** The queue whose job tells both sides that a reservation held for a bank payment lapsed unpaid (notifications' hold-mails.jobs.ts). */
export const HOLD_LAPSED_QUEUE = 'mail.hold_lapsed';

/** The queue whose job voids a lapsed reservation's unpaid invoice by a credit note (billing's lapses.jobs.ts). */
export const LAPSE_VOID_QUEUE = 'billing.void_lapsed';

/** How long a reserved booking holds its times. */
export const HOLD_MS = 15 * 60_000;

export interface Released { bookings: number; blocks: number }

/** Whether a reserved booking's hold has run out at `now` (its rows may not be released yet). */
export function holdExpired(booking: { status: string; holdExpiresAt: Date | null }, now: number): boolean {
  return booking.status === 'reserved' && booking.holdExpiresAt !== null && booking.holdExpiresAt.getTime() <= now;
}

/**
 * Releases expired holds of one org: all of them, or only those of some bookings or of the
 * bookings owning some blocks. Runs as `system` (the caller has switched). A hold that is no
 * longer expired, or whose booking was confirmed meanwhile, is left alone by the `where`s.
 */
export async function releaseExpiredHolds(tx: Tx, orgId: string, now: number, only?: { blockIds?: string[]; bookingIds?: string[] }): Promise<Released> {
  const at = new Date(now).toISOString();
  const blockIds = uuidArray(only?.blockIds ?? []);
  const bookingIds = uuidArray(only?.bookingIds ?? []);
  const everything = !only;
  const result = await rows(tx, sql`
    with target as (
      select s.booking_id as id from schedule_blocks k join program_sessions s on s.id = k.session_id and s.org_id = k.org_id
       where k.org_id = ${orgId}::uuid and k.id = any(${blockIds}::uuid[])
      union select unnest(${bookingIds}::uuid[])
    ), b as (
      update program_bookings set status = 'cancelled', cancelled_at = ${at}::timestamptz, cancellation_reason = 'hold_expired', updated_at = ${at}::timestamptz
       where org_id = ${orgId}::uuid and status = 'reserved' and hold_expires_at <= ${at}::timestamptz
         and (${everything}::boolean or id in (select id from target))
      returning id, order_id
    ), unpaid as (
      select o.coupon_id, o.referral_code_id from orders o join b on b.order_id = o.id
       where o.org_id = ${orgId}::uuid and o.status in ('pending', 'partially_paid')
    ), c as (
      update coupons set redemptions = greatest(redemptions - n.given, 0)
        from (select coupon_id, count(*)::int as given from unpaid where coupon_id is not null group by coupon_id) n
       where coupons.org_id = ${orgId}::uuid and coupons.id = n.coupon_id
      returning 1
    ), r as (
      update referral_codes set uses = greatest(referral_codes.uses - n.given, 0)
        from (select referral_code_id, count(*)::int as given from unpaid where referral_code_id is not null group by referral_code_id) n
       where referral_codes.org_id = ${orgId}::uuid and referral_codes.id = n.referral_code_id
      returning 1
    ), s as (
      update program_sessions set status = 'cancelled'
       where org_id = ${orgId}::uuid and status = 'scheduled' and booking_id in (select id from b)
      returning id
    ), k as (
      update schedule_blocks set status = 'cancelled'
       where org_id = ${orgId}::uuid and status = 'held' and hold_expires_at <= ${at}::timestamptz
         and (${everything}::boolean or id = any(${blockIds}::uuid[]) or session_id in (select id from s))
      returning id
    ), lapsed as (
      select b.id, b.order_id from b join orders o on o.org_id = ${orgId}::uuid and o.id = b.order_id
       where o.status in ('pending', 'partially_paid')
         and exists (select 1 from invoices i where i.org_id = o.org_id and i.order_id = o.id)
    ), e as (
      insert into domain_events (id, org_id, type, subject_id, payload)
      select gen_random_uuid(), ${orgId}::uuid, 'booking.lapsed', l.id, jsonb_build_object('order_id', l.order_id, 'at', ${at}::text) from lapsed l
      returning subject_id
    )
    select (select count(*) from b)::int as bookings, (select count(*) from k)::int as blocks,
      coalesce((select json_agg(json_build_object('id', l.id, 'order_id', l.order_id)) from lapsed l), '[]'::json) as lapsed,
      (select count(*) from e)::int as events`);
  const row = result[0] ?? {};
  // A reservation held for a bank payment lapsed unpaid: the customer and the studio hear of it (after commit).
  const lapsed = (typeof row.lapsed === 'string' ? JSON.parse(row.lapsed) : row.lapsed ?? []) as { id: string; order_id: string }[];
  for (const l of lapsed) {
    await enqueue(tx, HOLD_LAPSED_QUEUE, { orgId, bookingId: l.id, orderId: l.order_id }, { singletonKey: `hold_lapsed:${l.order_id}` });
    await enqueue(tx, LAPSE_VOID_QUEUE, { orgId, bookingId: l.id, orderId: l.order_id }, { singletonKey: `void_lapsed:${l.order_id}` });
  }
  return { bookings: Number(row.bookings ?? 0), blocks: Number(row.blocks ?? 0) };
}

/** The queue whose job releases an org's expired holds. */
export const HOLDS_QUEUE = 'holds.release';

/** The same job as a statement to fold into the booking's own insert (one round trip less on the booking path). */
export function holdReleaseStatement(orgId: string, until: Date): SQL {
  return enqueueStatement(HOLDS_QUEUE, { orgId }, { startAfter: new Date(until.getTime() + 1_000) });
}

/** Asks for the org's expired holds to be released just after `until` (in the caller's transaction). */
export async function scheduleHoldRelease(tx: Tx, orgId: string, until: Date): Promise<void> {
  await enqueue(tx, HOLDS_QUEUE, { orgId }, { startAfter: new Date(until.getTime() + 1_000) });
}

/**
 * The customer gives the times of their reserved booking back before paying (they went back to
 * choose other times): the booking and its sessions are cancelled (`customer`) and its held
 * blocks let go at once, recorded as `booking.hold_released` (no mail: nothing was booked).
 * A booking already cancelled is answered as it is; one with an order (checkout begun) or
 * confirmed is not released here.
 */
export async function releaseHold(tx: Tx, orgId: string, booking: { id: string; status: string; orderId: string | null; holdExpiresAt: Date | null }, now: Date, o: { orderCancelled?: boolean } = {}): Promise<void> {
  if (booking.status === 'cancelled') return;
  if (booking.status !== 'reserved') throw new AppError('invalid_state', `The booking is ${booking.status}: only a reserved booking's hold can be released.`);
  if (booking.orderId && !o.orderCancelled) {
    // An invoice was issued (it may still be paid) or the order is paid: the times stay held until it is done or the hold lapses.
    throw new AppError('checkout_started', 'Payment for this booking has begun, so its times cannot be given back now: finish the payment, or the times are released when the reservation runs out.', { hold_expires_at: booking.holdExpiresAt?.toISOString() ?? null });
  }
  const at = now.toISOString();
  await rows(tx, sql`
    with b as (
      update program_bookings set status = 'cancelled', cancelled_at = ${at}::timestamptz, cancellation_reason = 'customer', updated_at = ${at}::timestamptz
       where org_id = ${orgId}::uuid and id = ${booking.id}::uuid and status = 'reserved'
      returning id
    ), s as (
      update program_sessions set status = 'cancelled'
       where org_id = ${orgId}::uuid and status = 'scheduled' and booking_id in (select id from b)
      returning id
    ), k as (
      update schedule_blocks set status = 'cancelled'
       where org_id = ${orgId}::uuid and status = 'held' and session_id in (select id from s)
      returning id
    ), e as (${eventInsert({ orgId, type: 'booking.hold_released', subjectId: booking.id, payload: { by: 'customer' } })} returning 1)
    select (select count(*) from k)::int as blocks, (select count(*) from e)::int as events`);
}
