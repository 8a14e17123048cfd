import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { PeriodsOut } from '../../../../schema/api/admin-payroll.ts';
import type { AdminEnv, AppDeps } from '../../../deps.ts';
import { withCaller } from '../../../platform/db/identity.ts';
import { listPeriods, openCurrentPeriod } from '../../../modules/payroll/index.ts';
import { problemResponses } from '../../openapi-shared.ts';
import { callerOf, ROLES_NOTE } from './common.ts';
import { periodOut } from './payroll.out.ts';

/** GET /v1/admin/payroll/periods */
export function listPayrollPeriodsRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().get('/payroll/periods',
    describeRoute({
      tags: ['admin'], summary: 'Payroll periods with their totals per instructor',
      description: '`{"periods":[{"id","starts_on","ends_on","status":"open"|"closed"|"paid","totals":[{"staff_id","amount","currency"}], …}]}`, '
        + 'newest first. Dates are the studio\'s local dates, both inclusive. The current period is always there (open, empty until something is earned); earlier ones exist once something was earned in them. Totals are the sums of '
        + 'the period\'s earnings (adjustments included), live while it is open. ' + ROLES_NOTE,
      security: [{ secretKey: [] }],
      responses: { 200: { description: 'The periods', content: { 'application/json': { schema: resolver(PeriodsOut) } } }, ...problemResponses(401) },
    }),
    async (c) => {
      const staff = c.get('staff');
      await openCurrentPeriod(deps.db, staff.orgId, deps.now());
      const periods = await withCaller(deps.db, callerOf(staff), (tx) => listPeriods(tx, staff.orgId));
      return c.json({ periods: periods.map((p) => periodOut(p, p.totals)) });
    });
}
