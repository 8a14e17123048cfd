import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { RefundAccountBody, RefundAccountOut, RefundAccountParams } from '../../../schema/api/portal.ts';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { giveRefundAccount } from '../../modules/billing/index.ts';
import { portalAction } from './portal-action.ts';
import { portalSecurity } from './list-bookings.ts';
import { problemResponses } from '../openapi-shared.ts';

export function refundAccountRoute(deps: AppDeps) {
  return new Hono<PortalEnv>().post('/bookings/:id/refunds/:refundId/account',
    describeRoute({
      tags: ['portal'], summary: 'Say where a bank refund goes: account holder and IBAN',
      description: 'For a bank refund of the booking still waiting for its transfer (an overpaid transfer, or QR-bill / transfer money given back): '
        + 'the account holder and the IBAN to send it to, which staff see on the order when they make the transfer. The IBAN may be typed with spaces; '
        + 'its check digits must hold (400 `validation_failed` on `iban`). Given again, it replaces the earlier one. 404 for another booking\'s refund; '
        + '409 `invalid_state` for a refund that goes back by card or credits, or is transferred already. Needs an `Idempotency-Key`.',
      security: portalSecurity,
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: {
        200: { description: 'The refund with the account given (the IBAN by its last four characters)', content: { 'application/json': { schema: resolver(RefundAccountOut) } } },
        ...problemResponses(400, 401, 404, 409),
      },
    }),
    idempotencyKeyRequired(),
    validate('param', RefundAccountParams),
    validate('json', RefundAccountBody),
    async (c) => {
      const { id, refundId } = c.req.valid('param');
      const body = c.req.valid('json');
      const caller = c.get('portal');
      return portalAction(c, deps, { id, path: `refunds/${refundId}/account`, body }, async (tx, _booking, now) => {
        const refund = await giveRefundAccount(tx, { now }, caller.orgId, id, refundId, body);
        return { status: 200, body: { refund } };
      });
    });
}
