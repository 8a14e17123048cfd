import { slotRaceLost } from '../../modules/bookings/index.ts';
import type { Context } from 'hono';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import type { Tx } from '../../platform/db/database.ts';
import { idempotencyKeyOf, runIdempotent, sendAnswer } from '../../platform/http/idempotency.ts';

type Answer = Awaited<ReturnType<Parameters<typeof runIdempotent<unknown>>[4]>>;

/**
 * A staff member's POST (or PUT, DELETE) through the admin API: runs as them (their role's policies), once per
 * `Idempotency-Key`, scoped to `<method> /v1/admin/<path>`. `authorize` finds what the request is
 * about as the staff member sees it (404 otherwise), on every attempt, replays included.
 */
export async function staffAction<A>(
  c: Context<AdminEnv>,
  deps: AppDeps,
  request: { path: string; body: unknown; method?: 'POST' | 'PUT' | 'PATCH' | 'DELETE' },
  authorize: (tx: Tx) => Promise<A>,
  work: (tx: Tx, authorized: A, now: Date) => Promise<Answer>,
): Promise<Response> {
  const staff = c.get('staff');
  const now = deps.now();
  const answer = await runIdempotent(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId },
    { key: idempotencyKeyOf(c), scope: `${request.method ?? 'POST'} /v1/admin/${request.path}`, body: request.body, now, raceLost: slotRaceLost },
    authorize,
    (tx, authorized) => work(tx, authorized, now));
  return sendAnswer(c, answer);
}
