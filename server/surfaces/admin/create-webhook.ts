import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { problemResponses } from '../openapi-shared.ts';
import { CreateWebhookBody, WebhookWithSecretOut } from '../../../schema/api/admin-webhooks.ts';
import { AppError } from '../../platform/errors.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { endpointUrlProblem } from '../../platform/adapters/http/public-address.ts';
import { createEndpoint } from '../../modules/webhooks/index.ts';
import { webhookWithSecretOut } from './webhooks.out.ts';
import { staffAction } from './staff-action.ts';

/** POST /v1/admin/webhooks: a studio's endpoint, with its signing secret shown this once. */
export function adminCreateWebhookRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().post('/webhooks',
    describeRoute({
      tags: ['admin'], summary: 'Add a webhook endpoint (owner, manager)',
      description: 'The studio\'s other systems hear of its bookings: `url` (https; in production never a private, loopback or link-local '
        + 'address, checked again on every send) and the `events` it wants. Answers 201 with `secret` (Standard Webhooks `whsec_…`), '
        + 'shown only here and on rotation. Every message is signed (`webhook-id`, `webhook-timestamp`, `webhook-signature`), sent in the '
        + 'order the events happened, retried with back-off for three days; an endpoint failing for three days is disabled and the owner mailed. '
        + 'Payloads: see `webhooks` in this document. An instructor\'s key gets 404. Needs an `Idempotency-Key`.',
      security: [{ secretKey: [] }],
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: {
        201: { description: 'The endpoint and its secret', content: { 'application/json': { schema: resolver(WebhookWithSecretOut) } } },
        ...problemResponses(400, 401, 404, 422),
      },
    }),
    idempotencyKeyRequired(),
    validate('json', CreateWebhookBody),
    async (c) => {
      const staff = c.get('staff');
      const body = c.req.valid('json');
      const problem = endpointUrlProblem(body.url, deps.config.allowPrivateWebhookTargets === true);
      if (problem) throw new AppError('validation_failed', undefined, { errors: [{ field: 'url', message: problem }] });
      return staffAction(c, deps, { path: 'webhooks', body },
        async () => { if (staff.role === 'instructor') throw new AppError('not_found', 'No such route for an instructor.'); },
        async (tx, _, now) => ({ status: 201, body: webhookWithSecretOut(await createEndpoint(tx, staff.orgId, body, now)) }));
    });
}
