import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { OrderParams, RecordPaymentBody, RecordPaymentResponse } from '../../../schema/api/checkout.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { staffAction } from './staff-action.ts';
import { orderForStaff, recordTransfer } from '../../modules/billing/index.ts';
import { recordPaymentOut } from './orders.out.ts';
import { problemResponses } from '../openapi-shared.ts';

export function recordPaymentRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().post('/orders/:id/payments',
    describeRoute({
      tags: ['admin'], summary: 'Record a bank transfer received for an order (a paid QR-bill); confirms the booking when enough is paid',
      description: 'Owners and managers (an instructor\'s key sees no orders: 404). `amount` in minor units: every transfer is recorded; '
        + 'what exceeds what is still due (all of it on an order paid in full) comes back as `overpayment`, a bank refund waiting for the studio\'s transfer, and both sides are mailed. '
        + 'The booking is confirmed through the same confirmation as a card payment: invoice, thread, mail. Needs an `Idempotency-Key`.',
      security: [{ secretKey: [] }],
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: {
        201: { description: 'Recorded', content: { 'application/json': { schema: resolver(RecordPaymentResponse) } } },
        ...problemResponses(400, 401, 404, 409, 422),
      },
    }),
    idempotencyKeyRequired(),
    validate('param', OrderParams),
    validate('json', RecordPaymentBody),
    async (c) => {
      const { orgId } = c.get('staff');
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      return staffAction(c, deps, { path: `orders/${id}/payments`, body },
        (tx) => orderForStaff(tx, orgId, id),
        async (tx, order, now) => ({ status: 201, body: recordPaymentOut(await recordTransfer(tx, { now, config: deps.config }, order, body)) }));
    });
}
