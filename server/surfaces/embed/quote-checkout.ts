import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { QuoteQuery, QuoteResponse } from '../../../schema/api/checkout.ts';
import { BookingParams } from '../../../schema/api/embed-bookings.ts';
import type { AppDeps, AppEnv } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { quoteCheckout } from '../../modules/billing/index.ts';
import { bookingForToken, clientTokenOf } from '../../modules/bookings/index.ts';
import { identityTokenOf, provenCustomer } from '../../modules/identity/index.ts';
import { quoteOut } from './quote.out.ts';
import { problemResponses } from '../openapi-shared.ts';

export function quoteCheckoutRoute(deps: AppDeps) {
  return new Hono<AppEnv>().get('/bookings/:id/quote',
    describeRoute({
      tags: ['embed'], summary: 'What a checkout with these choices would charge, before the customer commits',
      description: 'The same rules and figures as `POST …/checkout` with the same `method`, `plan` and `coupon` (query string), nothing written: '
        + 'the lines with the code\'s discount, VAT, the total, `due_now` (the deposit with a plan) and the plan\'s installments with their dates. '
        + 'A choice that cannot work answers as checkout would (e.g. 422 `payment_method_unavailable` for a deposit with TWINT, 400 `coupon_expired` on `coupon`). '
        + 'A code that counts uses per customer needs `Tandem-Identity`, as at checkout; the method itself needs no proof here. Needs `Tandem-Booking-Token`.',
      security: [{ publishableKey: [] }],
      parameters: [
        { name: 'Tandem-Booking-Token', in: 'header', required: true, schema: { type: 'string' } },
        { name: 'Tandem-Identity', in: 'header', required: false, schema: { type: 'string' } },
      ],
      responses: {
        200: { description: 'The figures', content: { 'application/json': { schema: resolver(QuoteResponse) } } },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    validate('param', BookingParams),
    validate('query', QuoteQuery),
    async (c) => {
      const { orgId } = c.get('embed');
      const { id } = c.req.valid('param');
      const query = c.req.valid('query');
      const token = clientTokenOf(c.req.header('Tandem-Booking-Token'));
      const now = deps.now();
      const out = await withCaller(deps.db, { orgId, role: 'anonymous' }, async (tx) => {
        const booking = await bookingForToken(tx, orgId, id, token);
        const proof = await provenCustomer(tx, orgId, identityTokenOf(c.req.header('Tandem-Identity')), now);
        const quote = await quoteCheckout(tx, { now, config: deps.config, payments: deps.payments }, orgId, booking, query, proof);
        return quoteOut(quote, query.method);
      });
      return c.json(out);
    });
}
