import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { and, desc, eq } from 'drizzle-orm';
import { TestPaymentBody, TestPaymentResponse } from '../../../schema/api/checkout.ts';
import { BookingParams } from '../../../schema/api/embed-bookings.ts';
import * as t from '../../../schema/db/index.ts';
import type { AppDeps, AppEnv } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { bookingAction } from './booking-action.ts';
import { testProcessorOnly } from '../test-processor-only.ts';
import { checkoutBookingOut, orderOut } from './checkout.out.ts';
import { checkoutBookingView } from '../../modules/billing/index.ts';
import { orderDetail, orderRow } from '../../modules/billing/index.ts';
import { langOf } from '../../modules/notifications/index.ts';
import { applyPaymentEvent } from '../../modules/billing/index.ts';

/**
 * The built-in test processor's "customer pays" button (no Stripe keys configured; never in
 * production). It plays the provider's part: the outcome enters the same event path as a
 * verified Stripe webhook (`applyPaymentEvent`), which confirms the booking or records why not.
 */
export function testPaymentsRoute(deps: AppDeps) {
  return new Hono<AppEnv>().post('/bookings/:id/test-payments',
    describeRoute({
      tags: ['embed'], summary: 'Test mode only: pay (or fail) the pending test payment of a booking',
      description: 'Exists only while no Stripe keys are configured (demo, tests); 404 otherwise. Simulates the provider\'s webhook for the booking\'s pending payment.',
      security: [{ publishableKey: [] }],
      parameters: [
        { name: 'Tandem-Booking-Token', in: 'header', required: true, schema: { type: 'string' } },
        { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } },
      ],
      responses: { 200: { description: 'The booking after the simulated event', content: { 'application/json': { schema: resolver(TestPaymentResponse) } } } },
    }),
    testProcessorOnly(deps),
    idempotencyKeyRequired(),
    validate('param', BookingParams),
    validate('json', TestPaymentBody),
    async (c) => {
      const { orgId } = c.get('embed');
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      return bookingAction(c, deps, { id, path: 'test-payments', body },
        async (tx, booking, now) => {
          if (!booking.orderId) throw new AppError('invalid_state', 'Check out first.');
          const [payment] = await tx.select().from(t.payments)
            .where(and(eq(t.payments.orgId, orgId), eq(t.payments.orderId, booking.orderId), eq(t.payments.provider, 'test')))
            .orderBy(desc(t.payments.createdAt)).limit(1);
          if (!payment?.providerRef || payment.status === 'succeeded') throw new AppError('invalid_state', 'There is no test payment waiting for this booking.');
          const env = { now, config: deps.config };
          await applyPaymentEvent(tx, env, body.outcome === 'succeed'
            ? { provider: 'test', kind: 'succeeded', ref: payment.providerRef, orgId, paymentMethodRef: `test_pm_${payment.id.slice(0, 8)}` }
            : { provider: 'test', kind: 'failed', ref: payment.providerRef, orgId, failureReason: 'Your card was declined. (test mode)' });
          const order = await orderRow(tx, orgId, booking.orderId);
          const bookingAnswer = checkoutBookingOut(await checkoutBookingView(tx, env, orgId, booking.id));
          const [customer] = await tx.select({ locale: t.customers.locale }).from(t.customers).where(and(eq(t.customers.orgId, orgId), eq(t.customers.id, booking.customerId)));
          return { status: 200, body: { booking: bookingAnswer, order: orderOut(await orderDetail(tx, orgId, order!), langOf(customer?.locale)) } };
        });
    });
}
