import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { problemResponses } from '../openapi-shared.ts';
import { WebhookDeliveriesOut, WebhookParams } from '../../../schema/api/admin-webhooks.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { deliveriesOf, endpointById } from '../../modules/webhooks/index.ts';
import { webhookDeliveryOut } from './webhooks.out.ts';

/** GET /v1/admin/webhooks/:id/deliveries: the delivery log, newest event first. */
export function adminListWebhookDeliveriesRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().get('/webhooks/:id/deliveries',
    describeRoute({
      tags: ['admin'], summary: 'A webhook endpoint\'s delivery log',
      description: 'The last 100 events sent to the endpoint, newest first: the exact body, its `webhook-id`, where it stands (`pending` with '
        + 'its next attempt, `succeeded`, `failed` after three days of attempts) and every attempt with the answer\'s status, duration and '
        + 'the first 2,048 characters of its body. Send one again with POST …/deliveries/:deliveryId/redeliver.',
      security: [{ secretKey: [] }],
      responses: { 200: { description: 'The deliveries', content: { 'application/json': { schema: resolver(WebhookDeliveriesOut) } } }, ...problemResponses(400, 401, 404) },
    }),
    validate('param', WebhookParams),
    async (c) => {
      const staff = c.get('staff');
      const { id } = c.req.valid('param');
      const out = await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, async (tx) =>
        (await endpointById(tx, staff.orgId, id)) ? deliveriesOf(tx, staff.orgId, id) : null);
      if (!out) throw new AppError('not_found', 'No such webhook endpoint.');
      return c.json({ deliveries: out.map(webhookDeliveryOut) });
    });
}
