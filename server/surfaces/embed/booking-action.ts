import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../../deps.ts';
import type { Tx } from '../../platform/db/database.ts';
import { idempotencyKeyOf, runIdempotent, sendAnswer, type IdempotentAnswer } from '../../platform/http/idempotency.ts';
import { bookingForToken, slotRaceLost } from '../../modules/bookings/index.ts';
import { clientTokenOf } from '../../modules/bookings/index.ts';

type BookingRow = Awaited<ReturnType<typeof bookingForToken>>;
type Answer = Awaited<ReturnType<Parameters<typeof runIdempotent<BookingRow>>[4]>>;

/**
 * A customer's POST on their own booking through the widget: the booking's client
 * token (`Tandem-Booking-Token`) opens it, and the answer is recorded under the
 * request's `Idempotency-Key`, scoped to `POST /v1/embed/bookings/<id>/<path>`.
 */
export async function bookingAction(
  c: Context<AppEnv>,
  deps: AppDeps,
  request: { id: string; path: string; body: unknown },
  work: (tx: Tx, booking: BookingRow, now: Date) => Promise<Answer>,
  /** Runs after the transaction committed (fresh or replayed answer): provider calls that the customer waits for. */
  afterCommit?: (answer: IdempotentAnswer) => Promise<IdempotentAnswer>,
): Promise<Response> {
  const { orgId } = c.get('embed');
  const token = clientTokenOf(c.req.header('Tandem-Booking-Token'));
  const now = deps.now();
  const answer = await runIdempotent(deps.db, { orgId, role: 'anonymous' },
    { key: idempotencyKeyOf(c), scope: `POST /v1/embed/bookings/${request.id}/${request.path}`, body: request.body, now, raceLost: slotRaceLost },
    (tx) => bookingForToken(tx, orgId, request.id, token),
    (tx, booking) => work(tx, booking, now));
  return sendAnswer(c, afterCommit ? await afterCommit(answer) : answer);
}
