import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { BookingParams, CardSetupOut } from '../../../schema/api/portal.ts';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyOf, idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { applyPaymentEvent, cardSetupInput, recordSetupCustomer, startCardUpdate } from '../../modules/billing/index.ts';
import { portalAction } from './portal-action.ts';
import { paymentRouteDoc, testProcessorRoute } from './payment-routes.ts';
import { portalBookingDetail } from './get-booking.ts';

/**
 * "Update card": `POST /v1/portal/bookings/:id/card` answers a SetupIntent's client secret for the
 * Payment Element (Stripe), or the test processor's, whose "customer saves the card" is
 * `POST …/card/test-confirm`. The new card replaces the plan's on the provider's verified event.
 */
export function cardRoutes(deps: AppDeps) {
  return new Hono<PortalEnv>()
    .post('/bookings/:id/card',
      paymentRouteDoc({
        summary: 'Update card: save a new card for the plan\'s later charges',
        description: 'For a booking with a payment plan: answers `setup.client_secret` of a SetupIntent (Stripe\'s Payment Element confirms it '
          + 'with `confirmSetup`; or the test processor when Stripe is not configured: then `setup.provider` is `test`). Nothing is charged. '
          + 'The card replaces the plan\'s when the provider\'s verified `setup_intent.succeeded` arrives; installments and fees are charged to it '
          + 'from then on. Needs an `Idempotency-Key` (a replay answers the same SetupIntent).',
        answered: 'What the Payment Element needs', schema: CardSetupOut,
      }),
      idempotencyKeyRequired(),
      validate('param', BookingParams),
      async (c) => {
        const { id } = c.req.valid('param');
        const caller = c.get('portal');
        // The recorded answer holds the setup's id, never its secret: a replay asks the provider again with the same key.
        return portalAction(c, deps, { id, path: 'card', body: {} },
          async (tx, booking) => ({ status: 200, body: await startCardUpdate(tx, caller.orgId, booking) }),
          {
            payment: {
              rowOf: (body: { setup_id?: string }) => body.setup_id,
              read: (tx, booking, setupId) => cardSetupInput(tx, caller.orgId, booking, setupId),
              call: (p) => deps.payments.createSetupIntent(p.input),
              record: (tx, p, created) => recordSetupCustomer(tx, caller.orgId, p, created),
              answer: (_body, setup): CardSetupOut => ({ setup }),
            },
          });
      })
    .route('/', testProcessorRoute(deps, 'card/test-confirm', {
      summary: 'Test mode only: the customer saves the test card (or it is refused)',
      description: 'Exists only while no Stripe keys are configured (demo, tests); 404 otherwise. Plays the browser and the provider\'s '
        + '`setup_intent.succeeded` through the same path as the webhook. Needs an `Idempotency-Key`. Answers the booking.',
      answered: 'The booking', refusals: [400, 401, 404, 409, 422],
    }, async (c, tx, { id, booking, now, outcome }) => {
      const caller = c.get('portal');
      if (outcome === 'fail') throw new AppError('payment_provider_error', 'The test card was refused (test mode): the card on file stays as it was.');
      const pending = await cardSetupInput(tx, caller.orgId, booking, id);
      const ref = pending.input.customer.ref ?? `test_cus_${id.slice(0, 8)}`;
      await applyPaymentEvent(tx, { now, config: deps.config }, {
        provider: 'test', kind: 'card_saved', ref: `test_seti_${idempotencyKeyOf(c).slice(0, 24)}`, orgId: caller.orgId,
        orderId: pending.input.metadata.order_id, paymentMethodRef: `test_pm_${randomUUID().slice(0, 8)}`, customerRef: ref,
      });
      return { status: 200, body: await portalBookingDetail(tx, deps, caller, id, now) };
    }));
}
