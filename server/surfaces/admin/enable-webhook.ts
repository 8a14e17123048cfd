import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { problemResponses } from '../openapi-shared.ts';
import { WebhookEndpointOut, WebhookParams } from '../../../schema/api/admin-webhooks.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { enableEndpoint } from '../../modules/webhooks/index.ts';
import { webhookOut } from './webhooks.out.ts';
import { endpointForChange } from './webhook-endpoint.ts';
import { staffAction } from './staff-action.ts';

/** POST /v1/admin/webhooks/:id/enable: a disabled endpoint on again; its waiting deliveries follow in order. */
export function adminEnableWebhookRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().post('/webhooks/:id/enable',
    describeRoute({
      tags: ['admin'], summary: 'Enable a webhook endpoint again (owner, manager)',
      description: 'After it was disabled (three days of failed deliveries): the failure clock starts afresh and the deliveries that waited '
        + 'are sent in the order their events happened. Needs an `Idempotency-Key`; no body.',
      security: [{ secretKey: [] }],
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: { 200: { description: 'The endpoint', content: { 'application/json': { schema: resolver(WebhookEndpointOut) } } }, ...problemResponses(400, 401, 404, 422) },
    }),
    idempotencyKeyRequired(),
    validate('param', WebhookParams),
    async (c) => {
      const staff = c.get('staff');
      const { id } = c.req.valid('param');
      return staffAction(c, deps, { path: `webhooks/${id}/enable`, body: {} },
        (tx) => endpointForChange(tx, staff, id),
        async (tx, endpoint, now) => ({ status: 200, body: webhookOut(await enableEndpoint(tx, endpoint, now)) }));
    });
}
