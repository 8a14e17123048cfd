import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BookingParams, CardSetupOut, PortalBookingDetail, TestCardBody } from '../../../schema/api/portal.ts';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyOf, idempotencyKeyRequired, runIdempotent, sendAnswer, type IdempotentAnswer } from '../../platform/http/idempotency.ts';
import { bookingForCustomer, slotRaceLost } from '../../modules/bookings/index.ts';
import { applyPaymentEvent, cardSetupInput, recordSetupCustomer, startCardUpdate } from '../../modules/billing/index.ts';
import { callProviderForCustomer, customerCaller, portalAction } from './portal-action.ts';
import { portalBookingDetail } from './get-booking.ts';
import { portalSecurity } from './list-bookings.ts';
import { problemResponses } from '../openapi-shared.ts';

const keyParam = [{ name: 'Idempotency-Key', in: 'header' as const, required: true, schema: { type: 'string' as const } }];

/**
 * "Update card": `POST /v1/portal/bookings/:id/card` answers a SetupIntent's client secret for the
 * Payment Element (Stripe), or the test processor's, whose "customer saves the card" is
 * `POST …/card/test-confirm`. The new card replaces the plan's on the provider's verified event.
 */
export function cardRoutes(deps: AppDeps) {
  return new Hono<PortalEnv>()
    .post('/bookings/:id/card',
      describeRoute({
        tags: ['portal'], summary: 'Update card: save a new card for the plan\'s later charges',
        description: 'For a booking with a payment plan: answers `setup.client_secret` of a SetupIntent (Stripe\'s Payment Element confirms it '
          + 'with `confirmSetup`; or the test processor when Stripe is not configured: then `setup.provider` is `test`). Nothing is charged. '
          + 'The card replaces the plan\'s when the provider\'s verified `setup_intent.succeeded` arrives; installments and fees are charged to it '
          + 'from then on. Needs an `Idempotency-Key` (a replay answers the same SetupIntent).',
        security: portalSecurity,
        parameters: keyParam,
        responses: {
          200: { description: 'What the Payment Element needs', content: { 'application/json': { schema: resolver(CardSetupOut) } } },
          ...problemResponses(400, 401, 404, 409, 422),
          502: { description: 'payment_provider_error' },
        },
      }),
      idempotencyKeyRequired(),
      validate('param', BookingParams),
      async (c) => {
        const { id } = c.req.valid('param');
        const caller = c.get('portal');
        const now = deps.now();
        // The recorded answer holds the setup's id, never its secret: a replay asks the provider again with the same key.
        const answer = await runIdempotent(deps.db, customerCaller(caller),
          { key: idempotencyKeyOf(c), scope: `POST /v1/portal/bookings/${id}/card`, body: {}, now, raceLost: slotRaceLost },
          (tx) => bookingForCustomer(tx, caller.orgId, id, caller.bookingId),
          async (tx, booking) => ({ status: 200, body: await startCardUpdate(tx, caller.orgId, booking) }));
        return sendAnswer(c, await attachSetup(c, deps, id, answer));
      })
    .post('/bookings/:id/card/test-confirm',
      describeRoute({
        tags: ['portal'], summary: 'Test mode only: the customer saves the test card (or it is refused)',
        description: 'Exists only while no Stripe keys are configured (demo, tests); 404 otherwise. Plays the browser and the provider\'s '
          + '`setup_intent.succeeded` through the same path as the webhook. Needs an `Idempotency-Key`. Answers the booking.',
        security: portalSecurity,
        parameters: keyParam,
        responses: { 200: { description: 'The booking', content: { 'application/json': { schema: resolver(PortalBookingDetail) } } }, ...problemResponses(400, 401, 404, 409, 422) },
      }),
      async (_c, next) => {
        if (deps.payments.kind !== 'test') throw new AppError('not_found', 'The test payment processor is not active (Stripe is configured).');
        await next();
      },
      idempotencyKeyRequired(),
      validate('param', BookingParams),
      validate('json', TestCardBody),
      async (c) => {
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const caller = c.get('portal');
        return portalAction(c, deps, { id, path: 'card/test-confirm', body }, async (tx, booking, now) => {
          if (body.outcome === 'fail') throw new AppError('payment_provider_error', 'The test card was refused (test mode): the card on file stays as it was.');
          const pending = await cardSetupInput(tx, caller.orgId, booking, id);
          const ref = pending.input.customer.ref ?? `test_cus_${id.slice(0, 8)}`;
          await applyPaymentEvent(tx, { now, config: deps.config }, {
            provider: 'test', kind: 'card_saved', ref: `test_seti_${idempotencyKeyOf(c).slice(0, 24)}`, orgId: caller.orgId,
            orderId: pending.input.metadata.order_id, paymentMethodRef: `test_pm_${randomUUID().slice(0, 8)}`, customerRef: ref,
          });
          return { status: 200, body: await portalBookingDetail(tx, deps, caller, id, now) };
        });
      });
}

/** After the request committed: the provider's SetupIntent, keyed by the recorded setup id (the same one on a replay). */
async function attachSetup(c: Context<PortalEnv>, deps: AppDeps, id: string, answer: IdempotentAnswer): Promise<IdempotentAnswer> {
  const setupId = (answer.body as { setup_id?: string }).setup_id;
  if (answer.status !== 200 || !setupId) return answer;
  const caller = c.get('portal');
  const { pending, result: setup } = await callProviderForCustomer(c, deps, id, {
    read: (tx, booking) => cardSetupInput(tx, caller.orgId, booking, setupId),
    call: (p) => deps.payments.createSetupIntent(p.input),
    record: (tx, p, created) => recordSetupCustomer(tx, caller.orgId, p, created),
  });
  const out: CardSetupOut = {
    setup: {
      provider: deps.payments.kind, client_secret: setup.clientSecret, publishable_key: deps.payments.publishableKey,
      stripe_account: deps.payments.kind === 'stripe' ? pending.stripeAccount : null, test_mode: deps.payments.testMode,
    },
  };
  return { ...answer, body: out };
}
