import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { PayRulesOut, PayRulesQuery } from '../../../../schema/api/admin-payroll.ts';
import type { AdminEnv, AppDeps } from '../../../deps.ts';
import { withCaller } from '../../../platform/db/identity.ts';
import { validate } from '../../../platform/http/validate.ts';
import { listPayRules, payRulesInUse } from '../../../modules/payroll/index.ts';
import { problemResponses } from '../../openapi-shared.ts';
import { callerOf } from './common.ts';
import { payRuleOut } from './payroll.out.ts';

/** GET /v1/admin/payroll/rules */
export function listPayRulesRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().get('/payroll/rules',
    describeRoute({
      tags: ['admin'], summary: 'Pay rules with their history',
      description: 'Every rule row, per instructor by `valid_from` (optionally one instructor: `?staff_id=`). A rate change is a new row; the rule '
        + 'that applies to a session is the one in force on the session\'s date (a program\'s own rule before the instructor\'s general one). '
        + '`in_use`: earnings were computed under it (it can no longer be removed). An instructor\'s key sees only their own rules.',
      security: [{ secretKey: [] }],
      responses: { 200: { description: 'The rules', content: { 'application/json': { schema: resolver(PayRulesOut) } } }, ...problemResponses(400, 401) },
    }),
    validate('query', PayRulesQuery),
    async (c) => {
      const staff = c.get('staff');
      const { staff_id } = c.req.valid('query');
      const { rules, used } = await withCaller(deps.db, callerOf(staff), async (tx) => {
        const rules = await listPayRules(tx, staff.orgId, { staffId: staff_id });
        return { rules, used: await payRulesInUse(tx, staff.orgId, rules.map((r) => r.id)) };
      });
      return c.json({ rules: rules.map((r) => payRuleOut(r, used.has(r.id))) });
    });
}
