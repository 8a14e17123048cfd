import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { problemResponses } from '../openapi-shared.ts';
import { WebhookDeliveryParams, WebhookDeliveryOut } from '../../../schema/api/admin-webhooks.ts';
import { AppError } from '../../platform/errors.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { deliveriesOf, redeliver } from '../../modules/webhooks/index.ts';
import { webhookDeliveryOut } from './webhooks.out.ts';
import { endpointForChange } from './webhook-endpoint.ts';
import { staffAction } from './staff-action.ts';

/** POST /v1/admin/webhooks/:id/deliveries/:deliveryId/redeliver: the same message again, now. */
export function adminRedeliverWebhookRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().post('/webhooks/:id/deliveries/:deliveryId/redeliver',
    describeRoute({
      tags: ['admin'], summary: 'Send a webhook delivery again (owner, manager)',
      description: 'The same body and `webhook-id` (receivers de-duplicate by it), signed afresh, from a new back-off; it takes its place in '
        + 'the endpoint\'s order by the event\'s time. Answers the delivery as it stands (`pending`). Needs an `Idempotency-Key`; no body.',
      security: [{ secretKey: [] }],
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: { 202: { description: 'Queued', content: { 'application/json': { schema: resolver(WebhookDeliveryOut) } } }, ...problemResponses(400, 401, 404, 422) },
    }),
    idempotencyKeyRequired(),
    validate('param', WebhookDeliveryParams),
    async (c) => {
      const staff = c.get('staff');
      const { id, deliveryId } = c.req.valid('param');
      return staffAction(c, deps, { path: `webhooks/${id}/deliveries/${deliveryId}/redeliver`, body: {} },
        (tx) => endpointForChange(tx, staff, id),
        async (tx, endpoint, now) => {
          if (!(await redeliver(tx, endpoint, deliveryId, now))) throw new AppError('not_found', 'No such delivery of this endpoint.');
          const [one] = (await deliveriesOf(tx, staff.orgId, id)).filter((d) => d.delivery.id === deliveryId);
          return { status: 202, body: webhookDeliveryOut(one!) };
        });
    });
}
