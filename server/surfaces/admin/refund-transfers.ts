import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { RefundParams, RefundTransferBody, RefundTransferResponse } from '../../../schema/api/admin-orders.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { staffAction } from './staff-action.ts';
import { recordRefundTransfer, refundForStaff } from '../../modules/billing/index.ts';
import { refundTransferOut } from './orders.out.ts';
import { problemResponses } from '../openapi-shared.ts';

export function adminRefundTransferRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().post('/refunds/:id/transfers',
    describeRoute({
      tags: ['admin'], summary: 'Record the outgoing bank transfer of a bank refund',
      description: 'A QR-bill or transfer payment is refunded by the studio from its bank: the refund waits as `pending_transfer` until staff '
        + 'record the transfer here. `amount` (minor units) must be the refund\'s amount (400 on `amount` otherwise); `reference` is the bank\'s '
        + 'reference of the outgoing transfer. The refund becomes `succeeded` with `transfer_reference` and `completed_at`. A refund that is not a '
        + 'pending bank refund (sent through the provider, given as credits, already transferred) is 409 `invalid_state`. Owners and managers; '
        + 'an instructor\'s key sees no refunds (404), nor does another studio\'s. Needs an `Idempotency-Key`: a retry answers the first answer.',
      security: [{ secretKey: [] }],
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: {
        201: { description: 'Recorded: the refund and its order', content: { 'application/json': { schema: resolver(RefundTransferResponse) } } },
        ...problemResponses(400, 401, 404, 409, 422),
      },
    }),
    idempotencyKeyRequired(),
    validate('param', RefundParams),
    validate('json', RefundTransferBody),
    async (c) => {
      const { orgId } = c.get('staff');
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      return staffAction(c, deps, { path: `refunds/${id}/transfers`, body },
        (tx) => refundForStaff(tx, orgId, id),
        async (tx, refund, now) => ({ status: 201, body: refundTransferOut(await recordRefundTransfer(tx, { now, config: deps.config }, refund, body), deps.config.publicOrigin) }));
    });
}
