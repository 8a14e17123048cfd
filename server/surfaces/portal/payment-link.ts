/**
 * Paying a booking the studio made for the customer with a payment link (the mail opens the
 * booking's page at its payment): the widget's own checkout (`checkout()`) runs for the reserved
 * booking with the method chosen, the manage link or the signed-in address standing for the
 * customer. Confirmation stays where every card payment's is: the provider's verified event
 * (or the test processor's button below, which enters the same path).
 */
import { Hono, type Context } from 'hono';
import { and, desc, eq } from 'drizzle-orm';
import { BookingParams, PaymentLinkCheckoutBody, PaymentLinkCheckoutOut } from '../../../schema/api/portal.ts';
import * as t from '../../../schema/db/index.ts';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import type { Tx } from '../../platform/db/database.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { bookingForCustomer, type BookingRow } from '../../modules/bookings/index.ts';
import { applyPaymentEvent, checkout, openIntentsOf, pendingIntentOf, recordIntent } from '../../modules/billing/index.ts';
import { atProvider, customerCaller, portalAction } from './portal-action.ts';
import { paymentRouteDoc, testProcessorRoute } from './payment-routes.ts';
import { portalBookingDetail } from './get-booking.ts';

/** Only a reserved booking the studio sent a payment link for is checked out here (the hold's expiry is checkout's to judge). */
function ensurePaymentLink(booking: BookingRow): void {
  if (booking.status !== 'reserved' || (booking.source as Record<string, string>).payment !== 'link') {
    throw new AppError('invalid_state', booking.status === 'reserved' ? 'This booking has no payment link.' : `The booking is already ${booking.status.replace('_', ' ')}.`);
  }
}

export function paymentLinkRoutes(deps: AppDeps) {
  return new Hono<PortalEnv>()
    .post('/bookings/:id/payment-link/checkout',
      paymentRouteDoc({
        summary: 'Pay a booking the studio made for you (its payment link)',
        description: 'For a `reserved` booking the studio booked with `payment.mode: "payment_link"` (`actions.pay_now`): the widget\'s checkout '
          + '(`method` `card`, the default, or `twint`, paid in full) creates the order and its payment, and answers `payment.client_secret` for '
          + 'Stripe\'s Payment Element (`confirmPayment` in the browser), or the test processor when Stripe is not configured (`payment.provider` '
          + '`test`: POST …/payment-link/test-payment plays the customer paying). The booking is confirmed only by the provider\'s verified '
          + '`payment_intent.succeeded`. Asking again replaces the earlier unpaid payment. 409 `invalid_state` for any other booking, '
          + '`hold_expired` once its 48 hours have passed (its times are released). Needs an `Idempotency-Key`.',
        answered: 'What the Payment Element needs, and the amount', schema: PaymentLinkCheckoutOut,
      }),
      idempotencyKeyRequired(),
      validate('param', BookingParams),
      validate('json', PaymentLinkCheckoutBody),
      async (c) => {
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const caller = c.get('portal');
        return portalAction(c, deps, { id, path: 'payment-link/checkout', body },
          async (tx, booking, now) => {
            ensurePaymentLink(booking);
            // The link was mailed to the booking's address: its holder stands for the customer, as a proven address does.
            // The studio chose online payment when it sent the link, so the variant's methods for the widget do not bind it (as for its other ways).
            const done = await checkout(tx, { now, config: deps.config, payments: deps.payments }, caller.orgId, booking, { method: body.method, plan: 'full' }, { customerId: booking.customerId }, { byStaff: true });
            const amount = { amount: done.payment?.amount ?? 0, currency: done.order.order.currency };
            return { status: 200, body: { order_id: done.payment ? done.order.order.id : null, amount } };
          },
          {
            beforeFresh: () => cancelOpenIntents(c, deps, id),
            // After the checkout committed: its payment's intent at the provider, keyed by the payment's id (the same one on a replay).
            payment: {
              rowOf: (recorded: CheckoutRecorded) => recorded.order_id,
              read: async (tx, _booking, orderId) => {
                const found = await pendingIntentOf(tx, caller.orgId, orderId);
                if (!found) throw new AppError('invalid_state', 'This checkout has been replaced by a newer one or is paid already.');
                const [org] = await tx.select({ account: t.orgs.stripeAccountId }).from(t.orgs).where(eq(t.orgs.id, caller.orgId));
                return { ...found, stripeAccount: org?.account ?? null };
              },
              call: (p) => deps.payments.createIntent(p.input),
              record: (tx, p, created) => recordIntent(tx, caller.orgId, p, created),
              answer: (recorded, payment): PaymentLinkCheckoutOut => ({ payment, amount: recorded.amount }),
              unpaid: (recorded): PaymentLinkCheckoutOut => ({ payment: null, amount: recorded.amount }),
            },
          });
      })
    .route('/', testProcessorRoute(deps, 'payment-link/test-payment', {
      summary: 'Test mode only: the customer pays (or fails to pay) the payment-link checkout',
      description: 'Exists only while no Stripe keys are configured (demo, tests); 404 otherwise. Plays the browser and the provider\'s part: '
        + 'the outcome enters the same path as Stripe\'s verified webhook, which confirms the booking or records why not. Answers the booking.',
      answered: 'The booking after the simulated event', refusals: [400, 401, 404, 409],
    }, async (c, tx, { id, booking, now, outcome }) => {
      const caller = c.get('portal');
      ensurePaymentLink(booking);
      const payment = booking.orderId ? await lastTestPayment(tx, caller.orgId, booking.orderId) : undefined;
      if (!payment?.providerRef || payment.status !== 'pending') throw new AppError('invalid_state', 'There is no test payment waiting for this booking: check out first.');
      await applyPaymentEvent(tx, { now, config: deps.config }, outcome === 'succeed'
        ? { provider: 'test', kind: 'succeeded', ref: payment.providerRef, orgId: caller.orgId, paymentMethodRef: `test_pm_${payment.id.slice(0, 8)}` }
        : { provider: 'test', kind: 'failed', ref: payment.providerRef, orgId: caller.orgId, failureReason: 'Your card was declined. (test mode)' });
      return { status: 200, body: await portalBookingDetail(tx, deps, caller, id, now) };
    }));
}

/** What the checkout records: the order whose payment the provider is asked for (none when nothing is owed), and the amount. */
type CheckoutRecorded = { order_id?: string | null; amount: PaymentLinkCheckoutOut['amount'] };

async function lastTestPayment(tx: Tx, orgId: string, orderId: string) {
  const [payment] = await tx.select().from(t.payments)
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.orderId, orderId), eq(t.payments.provider, 'test')))
    .orderBy(desc(t.payments.createdAt)).limit(1);
  return payment;
}

/** Before a new checkout's transaction: the earlier one's open intents are cancelled at the provider; one paid meanwhile refuses it. */
async function cancelOpenIntents(c: Context<PortalEnv>, deps: AppDeps, id: string): Promise<void> {
  const caller = c.get('portal');
  const open = await withCaller(deps.db, customerCaller(caller), async (tx) => openIntentsOf(tx, caller.orgId, await bookingForCustomer(tx, caller.orgId, id, caller.bookingId), deps.payments.kind));
  for (const intent of open) {
    const state = await atProvider(() => deps.payments.cancelIntent(intent.ref, intent.account));
    if (state !== 'cancelled') throw new AppError('invalid_state', 'A payment for this booking has just gone through; it is being confirmed.');
  }
}

