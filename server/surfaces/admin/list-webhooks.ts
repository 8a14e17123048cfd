import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { problemResponses } from '../openapi-shared.ts';
import { WebhooksOut } from '../../../schema/api/admin-webhooks.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { endpointsOf } from '../../modules/webhooks/index.ts';
import { webhookOut } from './webhooks.out.ts';

/** GET /v1/admin/webhooks: the studio's endpoints (no secrets). */
export function adminListWebhooksRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().get('/webhooks',
    describeRoute({
      tags: ['admin'], summary: 'The studio\'s webhook endpoints',
      description: 'Owners and managers; an instructor\'s key lists none. Secrets are never listed.',
      security: [{ secretKey: [] }],
      responses: { 200: { description: 'The endpoints', content: { 'application/json': { schema: resolver(WebhooksOut) } } }, ...problemResponses(401) },
    }),
    async (c) => {
      const staff = c.get('staff');
      const list = await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, (tx) => endpointsOf(tx, staff.orgId));
      return c.json({ webhooks: list.map(webhookOut) });
    });
}
