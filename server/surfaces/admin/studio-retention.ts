import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { RetentionBody, RetentionOut } from '../../../schema/api/admin-customers.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { healthRetentionOf, setHealthRetention } from '../../modules/customers/index.ts';
import { staffAction } from './staff-action.ts';
import { problemResponses } from '../openapi-shared.ts';

const setting = { description: 'The setting', content: { 'application/json': { schema: resolver(RetentionOut) } } };

/** GET and PUT /v1/admin/studio/retention: how long health answers are kept after their booking completed (owners and managers). */
export function adminStudioRetentionRoute(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .get('/studio/retention',
      describeRoute({ tags: ['admin'], summary: 'How long health answers are kept (owners, managers)',
        description: '`{"health_months"}`: months after a booking completed that the answers its intake form marks as health data are kept (24 until the studio sets it). '
          + 'Instructors 403.',
        security: [{ secretKey: [] }, { staffSession: [] }], responses: { 200: setting, ...problemResponses(401, 403) } }),
      async (c) => {
        const staff = c.get('staff');
        if (staff.role === 'instructor') throw new AppError('forbidden', 'Owners and managers read the retention.');
        const months = await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, (tx) => healthRetentionOf(tx, staff.orgId));
        return c.json({ health_months: months } satisfies RetentionOut);
      })
    .put('/studio/retention',
      describeRoute({ tags: ['admin'], summary: 'Set how long health answers are kept (owners, managers)',
        description: '`{"health_months": 1–120}` (default 24): the answers an intake form marks as health data (`x-health`) are deleted from a booking '
          + 'this many months after it completed, by a job; the booking and its other answers stay. A booking that completed earlier is judged '
          + 'by the setting when its job runs. Instructors 403. Needs an `Idempotency-Key`.',
        security: [{ secretKey: [] }, { staffSession: [] }], parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        responses: { 200: setting, ...problemResponses(400, 401, 403) } }),
      idempotencyKeyRequired(),
      validate('json', RetentionBody),
      async (c) => {
        const staff = c.get('staff');
        if (staff.role === 'instructor') throw new AppError('forbidden', 'Owners and managers set the retention.');
        const body = c.req.valid('json');
        return staffAction(c, deps, { method: 'PUT', path: 'studio/retention', body }, async () => undefined,
          async (tx) => ({ status: 200, body: { health_months: await setHealthRetention(tx, staff.orgId, body.health_months) } satisfies RetentionOut }));
      });
}
