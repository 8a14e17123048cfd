import type { Context } from 'hono';
import type { AppDeps, PortalCaller, PortalEnv } from '../../deps.ts';
import { withCaller, type Caller } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { ProviderError } from '../../platform/adapters/payments/provider.ts';
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

/**
 * The provider call a portal answer needs (a PaymentIntent, a SetupIntent), after the request's
 * transaction committed: reads what the call needs as the customer, calls the provider outside any
 * transaction (a ProviderError is 502 `payment_provider_error`), then records its result as the
 * customer. The booking is looked up under the customer's policies in both transactions.
 */
export async function callProviderForCustomer<P, R>(
  c: Context<PortalEnv>,
  deps: AppDeps,
  bookingId: string,
  steps: {
    read(tx: Tx, booking: BookingRow): Promise<P>;
    call(pending: P): Promise<R>;
    record(tx: Tx, pending: P, result: R): Promise<void>;
  },
): Promise<{ pending: P; result: R }> {
  const caller = c.get('portal');
  const asCustomer = <T>(work: (tx: Tx, booking: BookingRow) => Promise<T>) => withCaller(deps.db, customerCaller(caller),
    async (tx) => work(tx, await bookingForCustomer(tx, caller.orgId, bookingId, caller.bookingId)));
  const pending = await asCustomer((tx, booking) => steps.read(tx, booking));
  let result: R;
  try {
    result = await steps.call(pending);
  } catch (error) {
    if (error instanceof ProviderError) throw new AppError('payment_provider_error', error.message);
    throw error;
  }
  await asCustomer((tx) => steps.record(tx, pending, result));
  return { pending, result };
}
