import type { Context } from 'hono';
import type { AppDeps, PortalCaller, PortalEnv } from '../../deps.ts';
import type { Caller } from '../../platform/db/identity.ts';
import type { Tx } from '../../platform/db/database.ts';
import { idempotencyKeyOf, runIdempotent, sendAnswer, type Answer } from '../../platform/http/idempotency.ts';
import { bookingForCustomer, slotRaceLost, type BookingRow } from '../../modules/bookings/index.ts';

/** The transaction identity of a portal request: the customer, under their own policies. */
export function customerCaller(p: PortalCaller): Omit<Caller, 'idempotencyKey'> {
  return { orgId: p.orgId, role: 'customer', customerId: p.customerId };
}

/**
 * A customer's POST on their own booking: runs as them, once per `Idempotency-Key`, scoped to
 * `POST /v1/portal/bookings/<id>/<path>`. The booking is found under their own policies on
 * every attempt, replays included (another customer's booking is 404).
 */
export async function portalAction(
  c: Context<PortalEnv>,
  deps: AppDeps,
  request: { id: string; path: string; body: unknown },
  work: (tx: Tx, booking: BookingRow, now: Date) => Promise<Answer>,
): Promise<Response> {
  const caller = c.get('portal');
  const now = deps.now();
  const answer = await runIdempotent(deps.db, customerCaller(caller),
    { key: idempotencyKeyOf(c), scope: `POST /v1/portal/bookings/${request.id}/${request.path}`, body: request.body, now, raceLost: slotRaceLost },
    (tx) => bookingForCustomer(tx, caller.orgId, request.id, caller.bookingId),
    (tx, booking) => work(tx, booking, now));
  return sendAnswer(c, answer);
}
