/** What the portal's payment routes share: their description, and the test processor's stand-in for the browser and the provider. */
import { Hono, type Context } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type * as v from 'valibot';
import { BookingParams, PortalBookingDetail, TestCardBody } from '../../../schema/api/portal.ts';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import type { Tx } from '../../platform/db/database.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired, type Answer } from '../../platform/http/idempotency.ts';
import type { BookingRow } from '../../modules/bookings/index.ts';
import { portalAction } from './portal-action.ts';
import { portalSecurity } from './list-bookings.ts';
import { problemResponses } from '../openapi-shared.ts';
import { testProcessorOnly } from '../test-processor-only.ts';

const idempotencyKey = [{ name: 'Idempotency-Key', in: 'header' as const, required: true, schema: { type: 'string' as const } }];

/** A route that starts a payment step at the provider: what the Payment Element needs, or why not (502 when the provider refuses). */
export function paymentRouteDoc(doc: { summary: string; description: string; answered: string; schema: v.GenericSchema }) {
  return describeRoute({
    tags: ['portal'], summary: doc.summary, description: doc.description,
    security: portalSecurity, parameters: idempotencyKey,
    responses: {
      200: { description: doc.answered, content: { 'application/json': { schema: resolver(doc.schema) } } },
      ...problemResponses(400, 401, 404, 409, 422),
      502: { description: 'payment_provider_error' },
    },
  });
}

/**
 * `POST /v1/portal/bookings/:id/<path>` while the test payment processor is active (demo, tests;
 * 404 once Stripe is configured): plays the customer's browser and the provider's event, whose
 * `outcome` enters the same path as Stripe's verified webhook. A portal action like any other,
 * answering the booking.
 */
export function testProcessorRoute(
  deps: AppDeps,
  path: string,
  doc: { summary: string; description: string; answered: string; refusals: number[] },
  work: (c: Context<PortalEnv>, tx: Tx, step: { id: string; booking: BookingRow; now: Date; outcome: v.InferOutput<typeof TestCardBody>['outcome'] }) => Promise<Answer>,
) {
  return new Hono<PortalEnv>().post(`/bookings/:id/${path}`,
    describeRoute({
      tags: ['portal'], summary: doc.summary, description: doc.description,
      security: portalSecurity, parameters: idempotencyKey,
      responses: {
        200: { description: doc.answered, content: { 'application/json': { schema: resolver(PortalBookingDetail) } } },
        ...problemResponses(...doc.refusals),
      },
    }),
    testProcessorOnly(deps),
    idempotencyKeyRequired(),
    validate('param', BookingParams),
    validate('json', TestCardBody),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      return portalAction(c, deps, { id, path, body }, (tx, booking, now) => work(c, tx, { id, booking, now, outcome: body.outcome }));
    });
}
