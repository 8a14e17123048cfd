import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { RuleParams } from '../../../../schema/api/admin-payroll.ts';
import type { AdminEnv, AppDeps } from '../../../deps.ts';
import { validate } from '../../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../../platform/http/idempotency.ts';
import { deletePayRule } from '../../../modules/payroll/index.ts';
import { problemResponses } from '../../openapi-shared.ts';
import { staffAction } from '../staff-action.ts';
import { actorOf } from './common.ts';

/** DELETE /v1/admin/payroll/rules/:id */
export function deletePayRuleRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().delete('/payroll/rules/:id',
    describeRoute({
      tags: ['admin'], summary: 'Remove a pay rule nothing was earned under (owners, managers)',
      description: 'For a rule entered by mistake. Once earnings were computed under a rule it stays as history (409 `invalid_state`): add a new '
        + 'rule from a later date instead. An instructor\'s key: 403 `forbidden`. Needs an `Idempotency-Key`.',
      security: [{ secretKey: [] }],
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: { 200: { description: '`{"deleted": true}`' }, ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    idempotencyKeyRequired(),
    validate('param', RuleParams),
    async (c) => {
      const staff = c.get('staff');
      const { id } = c.req.valid('param');
      return staffAction(c, deps, { path: `payroll/rules/${id} (delete)`, body: {} },
        async () => undefined,
        async (tx, _none, now) => {
          await deletePayRule(tx, staff.orgId, id, actorOf(staff), { now, config: deps.config });
          return { status: 200, body: { deleted: true, id } };
        });
    });
}
