import type { Context } from 'hono';
import type { AppDeps, PortalCaller, PortalEnv } from '../../deps.ts';
import { withCaller, type Caller } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { ProviderError } from '../../platform/adapters/payments/provider.ts';
import type { Tx } from '../../platform/db/database.ts';
import { answeredBefore, idempotencyKeyOf, runIdempotent, sendAnswer, type Answer, type IdempotentAnswer } from '../../platform/http/idempotency.ts';
import { bookingForCustomer, slotRaceLost, type BookingRow } from '../../modules/bookings/index.ts';
import type { PaymentElementOut } from '../../../schema/api/portal.ts';

/** The transaction identity of a portal request: the customer, under their own policies. */
export function customerCaller(p: PortalCaller): Omit<Caller, 'idempotencyKey'> {
  return { orgId: p.orgId, role: 'customer', customerId: p.customerId };
}

/**
 * A customer's POST on their own booking: runs as them, once per `Idempotency-Key`, scoped to
 * `POST /v1/portal/bookings/<id>/<path>`. The booking is found under their own policies on
 * every attempt, replays included (another customer's booking is 404).
 * `beforeFresh` runs first, outside the transaction, unless the key has an answer already (a replay);
 * `payment` asks the provider after commit for what the answer names (see `PaymentStep`).
 */
export async function portalAction<B, P extends { stripeAccount: string | null }, R extends { clientSecret: string }>(
  c: Context<PortalEnv>,
  deps: AppDeps,
  request: { id: string; path: string; body: unknown },
  work: (tx: Tx, booking: BookingRow, now: Date) => Promise<Answer>,
  around: { beforeFresh?: () => Promise<void>; payment?: PaymentStep<B, P, R> } = {},
): Promise<Response> {
  const caller = c.get('portal');
  const now = deps.now();
  const scope = `POST /v1/portal/bookings/${request.id}/${request.path}`;
  if (around.beforeFresh && !(await answeredBefore(deps.db, customerCaller(caller), { key: idempotencyKeyOf(c), scope }))) await around.beforeFresh();
  const answer = await runIdempotent(deps.db, customerCaller(caller),
    { key: idempotencyKeyOf(c), scope, body: request.body, now, raceLost: slotRaceLost },
    (tx) => bookingForCustomer(tx, caller.orgId, request.id, caller.bookingId),
    (tx, booking) => work(tx, booking, now));
  return sendAnswer(c, around.payment ? await withPaymentElement(c, deps, request.id, answer, around.payment) : answer);
}

/**
 * A payment step at the provider (a PaymentIntent, a SetupIntent) for a portal answer. The recorded
 * answer names the row the call is keyed by, never the client secret, so a replay asks the provider
 * again with the same key and gets the same intent.
 */
export interface PaymentStep<B, P, R> {
  /** The row a 200 answer names; without one there is nothing to ask the provider for. */
  rowOf(body: B): string | null | undefined;
  read(tx: Tx, booking: BookingRow, row: string): Promise<P>;
  call(pending: P): Promise<R>;
  record(tx: Tx, pending: P, result: R, row: string): Promise<void>;
  /** The body answered: the recorded one with what the Payment Element needs. */
  answer(body: B, element: PaymentElementOut): unknown;
  /** The body answered without a row (else the recorded one). */
  unpaid?(body: B): unknown;
}

/** After the request committed: the provider step for a 200 (first answer or replay alike); any other answer stands as recorded. */
async function withPaymentElement<B, P extends { stripeAccount: string | null }, R extends { clientSecret: string }>(
  c: Context<PortalEnv>, deps: AppDeps, bookingId: string, answer: IdempotentAnswer, step: PaymentStep<B, P, R>,
): Promise<IdempotentAnswer> {
  if (answer.status !== 200) return answer;
  const row = step.rowOf(answer.body as B);
  if (!row) return step.unpaid ? { ...answer, body: step.unpaid(answer.body as B) } : answer;
  const { pending, result } = await callProviderForCustomer(c, deps, bookingId, {
    read: (tx, booking) => step.read(tx, booking, row),
    call: (p) => step.call(p),
    record: (tx, p, r) => step.record(tx, p, r, row),
  });
  const element: PaymentElementOut = {
    provider: deps.payments.kind, client_secret: result.clientSecret, publishable_key: deps.payments.publishableKey,
    stripe_account: deps.payments.kind === 'stripe' ? pending.stripeAccount : null, test_mode: deps.payments.testMode,
  };
  return { ...answer, body: step.answer(answer.body as B, element) };
}

/**
 * The provider call a portal answer needs (a PaymentIntent, a SetupIntent), after the request's
 * transaction committed: reads what the call needs as the customer, calls the provider outside any
 * transaction (a ProviderError is 502 `payment_provider_error`), then records its result as the
 * customer. The booking is looked up under the customer's policies in both transactions.
 */
async function callProviderForCustomer<P, R>(
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
  const result = await atProvider(() => steps.call(pending));
  await asCustomer((tx) => steps.record(tx, pending, result));
  return { pending, result };
}

/** A call to the payment provider: its refusal (ProviderError) is 502 `payment_provider_error`. */
export async function atProvider<R>(call: () => Promise<R>): Promise<R> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ProviderError) throw new AppError('payment_provider_error', error.message);
    throw error;
  }
}
