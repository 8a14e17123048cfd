import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { CreateBookingBody, CreatedBooking, SlotProblem } from '../../../schema/api/embed-bookings.ts';
import type { AppDeps, AppEnv } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyOf, idempotencyKeyRequired, runIdempotent, sendAnswer, type Answer } from '../../platform/http/idempotency.ts';
import { createBooking, programForBooking, slotRaceLost, type NewBooking } from '../../modules/bookings/index.ts';
import { abandonedReservationCheck } from '../../modules/notifications/index.ts';
import { createdBookingOut } from './bookings.out.ts';
import { problemResponses } from '../openapi-shared.ts';
import { emailBucket, embedClientOf, routeLimits } from '../../platform/http/rate-limit.ts';
import { rateLimitsOf } from '../../platform/limits.ts';
import { timedDb } from '../../platform/http/server-timing.ts';
import { allSettledInTransaction } from '../../platform/db/prepared.ts';

export function createBookingRoute(deps: AppDeps) {
  return new Hono<AppEnv>().post('/bookings',
    describeRoute({
      tags: ['embed'], summary: 'Reserve a program: customer, sessions and their times, held for 15 minutes',
      description: 'Creates (or finds by email) the customer, a `reserved` booking, its sessions and their schedule blocks in one transaction. '
        + 'The times are held until `hold_expires_at` unless checkout confirms the booking. `sessions.mode`: `explicit` starts, '
        + '`cadence` (first start, then the program\'s cadence for every session of the variant) or `later` (first start only). '
        + 'Keep `client_token`: it opens the booking (`Tandem-Booking-Token`). Needs an `Idempotency-Key`: the same key with the same body '
        + 'answers the first answer again (`Idempotency-Replayed: true`), with another body 422.',
      security: [{ publishableKey: [] }],
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: {
        201: { description: 'Reserved', content: { 'application/json': { schema: resolver(CreatedBooking) } } },
        409: { description: 'A wanted time is taken (`slot_taken`) or not offered (`slot_unavailable`): `conflicts` names each, with the nearest free alternatives', content: { 'application/problem+json': { schema: resolver(SlotProblem) } } },
        ...problemResponses(400, 401, 403, 404, 422, 429),
      },
    }),
    idempotencyKeyRequired(),
    validate('json', CreateBookingBody),
    async (c) => {
      const { orgId } = c.get('embed');
      const body = c.req.valid('json');
      const now = deps.now();
      // The client's bucket (declared by embedRateLimit) and the e-mail address's, whichever client
      // asks: taken in the booking's own transaction, in the round trip that reads the program.
      const limits = rateLimitsOf(deps.config);
      const pending = routeLimits(c);
      pending.add({ bucket: emailBucket(deps.config, 'holds', body.customer.email), limit: limits.holdsPerEmail, what: 'reservations for this e-mail address' });
      const holdCaps = { client: embedClientOf(c, deps.config), perClient: limits.liveHoldsPerClient, perCustomer: limits.liveHoldsPerEmail };
      const answer = await timedDb(c, () => runIdempotent(deps.db, { orgId, role: 'anonymous', linkToken: body.link },
        { key: idempotencyKeyOf(c), scope: 'POST /v1/embed/bookings', body, now, raceLost: slotRaceLost },
        (tx) => {
          const taken = pending.take(tx);
          const program = programForBooking(tx, orgId, body);
          // A refusal answers first, once the program's reads are done (none may outlive the transaction).
          return allSettledInTransaction([taken, program] as const).then(([, read]) => read);
        },
        async (tx, program, recorder) => {
          // The answer is recorded in the booking's own statement; the same answer object is returned.
          const answerOf = (created: NewBooking): Answer => ({ status: 201, body: createdBookingOut(created) });
          let recorded: Answer | undefined;
          // lastInTransaction: the answer is recorded in the booking's statement, so runIdempotent sends nothing after it.
          const created = await createBooking(tx, { orgId, body, now, program, recordAnswer: (b) => recorder.statement(recorded = answerOf(b)), holdCaps, lastInTransaction: true,
            followUp: (b) => abandonedReservationCheck(orgId, b.booking.id, b.booking.holdExpiresAt ?? now) });
          return recorded ?? answerOf(created);
        }));
      pending.committed();
      return sendAnswer(c, answer);
    });
}
