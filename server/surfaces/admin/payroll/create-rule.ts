import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { PayRuleBody, PayRuleOut } from '../../../../schema/api/admin-payroll.ts';
import type { AdminEnv, AppDeps } from '../../../deps.ts';
import { validate } from '../../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../../platform/http/idempotency.ts';
import { createPayRule } from '../../../modules/payroll/index.ts';
import { problemResponses } from '../../openapi-shared.ts';
import { staffAction } from '../staff-action.ts';
import { actorOf } from './common.ts';
import { payRuleOut } from './payroll.out.ts';

/** POST /v1/admin/payroll/rules */
export function createPayRuleRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().post('/payroll/rules',
    describeRoute({
      tags: ['admin'], summary: 'Add a pay rule (owners, managers)',
      description: '`{"staff_id","program_id"?,"kind":"per_session"|"percent"|"flat","value","min_amount"?,"max_amount"?,"valid_from":"YYYY-MM-DD"}`. '
        + '`value`: minor units per session (`per_session`) or per completed booking (`flat`), basis points of the session\'s net revenue '
        + '(`percent`, 4000 = 40 %). A rule is never edited: a change is a new rule from a later date, and what was earned stays as it was. '
        + '`valid_from` must be after the last closed period (409 `invalid_state`). The currency is the studio\'s payroll currency. '
        + 'An instructor\'s key: 403 `forbidden`. Needs an `Idempotency-Key`.',
      security: [{ secretKey: [] }],
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: { 201: { description: 'The rule', content: { 'application/json': { schema: resolver(PayRuleOut) } } }, ...problemResponses(400, 401, 403, 409, 422) },
    }),
    idempotencyKeyRequired(),
    validate('json', PayRuleBody),
    async (c) => {
      const staff = c.get('staff');
      const body = c.req.valid('json');
      return staffAction(c, deps, { path: 'payroll/rules', body },
        async () => undefined,
        async (tx, _none, now) => ({ status: 201, body: payRuleOut(await createPayRule(tx, staff.orgId, body, actorOf(staff), { now, config: deps.config }), false) }));
    });
}
