import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { problemResponses } from '../openapi-shared.ts';
import * as v from 'valibot';
import { WebhookParams } from '../../../schema/api/admin-webhooks.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { deleteEndpoint } from '../../modules/webhooks/index.ts';
import { endpointForChange } from './webhook-endpoint.ts';
import { staffAction } from './staff-action.ts';

const Deleted = v.object({ id: v.string(), deleted: v.literal(true) });

/** DELETE /v1/admin/webhooks/:id: the endpoint and its delivery log are removed; nothing more is sent to it. */
export function adminDeleteWebhookRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().delete('/webhooks/:id',
    describeRoute({
      tags: ['admin'], summary: 'Remove a webhook endpoint (owner, manager)',
      description: 'The endpoint, its pending deliveries and its log are removed. Needs an `Idempotency-Key` (a replay answers the same).',
      security: [{ secretKey: [] }],
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: { 200: { description: 'Removed', content: { 'application/json': { schema: resolver(Deleted) } } }, ...problemResponses(400, 401, 404, 422) },
    }),
    idempotencyKeyRequired(),
    validate('param', WebhookParams),
    async (c) => {
      const staff = c.get('staff');
      const { id } = c.req.valid('param');
      return staffAction(c, deps, { method: 'DELETE', path: `webhooks/${id}`, body: {} },
        (tx) => endpointForChange(tx, staff, id),
        async (tx, endpoint) => { await deleteEndpoint(tx, endpoint); return { status: 200, body: { id, deleted: true } }; });
    });
}
