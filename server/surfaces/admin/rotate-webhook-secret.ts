import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { problemResponses } from '../openapi-shared.ts';
import { WebhookParams, WebhookWithSecretOut } from '../../../schema/api/admin-webhooks.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { rotateSecret } from '../../modules/webhooks/index.ts';
import { webhookWithSecretOut } from './webhooks.out.ts';
import { endpointForChange } from './webhook-endpoint.ts';
import { staffAction } from './staff-action.ts';

/** POST /v1/admin/webhooks/:id/rotate-secret: a new secret; the previous one still signs for 24 hours. */
export function adminRotateWebhookSecretRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().post('/webhooks/:id/rotate-secret',
    describeRoute({
      tags: ['admin'], summary: 'Rotate a webhook endpoint\'s secret (owner, manager)',
      description: 'Answers the new secret, this once. For 24 hours (`previous_secret_until`) messages carry two signatures, the new and the '
        + 'previous secret\'s, so the receiver can switch without missing one. Needs an `Idempotency-Key`; no body.',
      security: [{ secretKey: [] }],
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: { 200: { description: 'The endpoint and its new secret', content: { 'application/json': { schema: resolver(WebhookWithSecretOut) } } }, ...problemResponses(400, 401, 404, 422) },
    }),
    idempotencyKeyRequired(),
    validate('param', WebhookParams),
    async (c) => {
      const staff = c.get('staff');
      const { id } = c.req.valid('param');
      return staffAction(c, deps, { path: `webhooks/${id}/rotate-secret`, body: {} },
        (tx) => endpointForChange(tx, staff, id),
        async (tx, endpoint, now) => ({ status: 200, body: webhookWithSecretOut(await rotateSecret(tx, endpoint, now)) }));
    });
}
