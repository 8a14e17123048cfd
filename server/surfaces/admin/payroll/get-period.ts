import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { PeriodDetailOut, PeriodParams } from '../../../../schema/api/admin-payroll.ts';
import type { AdminEnv, AppDeps } from '../../../deps.ts';
import { withCaller } from '../../../platform/db/identity.ts';
import { AppError } from '../../../platform/errors.ts';
import { validate } from '../../../platform/http/validate.ts';
import { periodDetail } from '../../../modules/payroll/index.ts';
import { problemResponses } from '../../openapi-shared.ts';
import { callerOf, ROLES_NOTE } from './common.ts';
import { exportCsvUrl, periodOut, statementOut } from './payroll.out.ts';

/** GET /v1/admin/payroll/periods/:id */
export function getPayrollPeriodRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().get('/payroll/periods/:id',
    describeRoute({
      tags: ['admin'], summary: 'A payroll period per instructor: sessions, bookings, adjustments, totals',
      description: 'Each earning carries the rule as it was applied (`rule`) and what it was applied to (`inputs`: the session\'s net revenue, '
        + 'date, outcome and share). An adjustment (`kind: "adjustment"`) names the earning it corrects (`adjusts_id`) and why (`reason`). '
        + 'Links to each instructor\'s PDF statement and to the period\'s CSV export. ' + ROLES_NOTE,
      security: [{ secretKey: [] }],
      responses: { 200: { description: 'The period', content: { 'application/json': { schema: resolver(PeriodDetailOut) } } }, ...problemResponses(400, 401, 404) },
    }),
    validate('param', PeriodParams),
    async (c) => {
      const staff = c.get('staff');
      const { id } = c.req.valid('param');
      const detail = await withCaller(deps.db, callerOf(staff), (tx) => periodDetail(tx, staff.orgId, id));
      if (!detail) throw new AppError('not_found', 'No such payroll period.');
      const origin = deps.config.publicOrigin;
      return c.json({
        period: periodOut(detail.period, detail.totals),
        instructors: detail.statements.map((s) => statementOut(s, id, origin)),
        export_csv_url: exportCsvUrl(origin, id),
      });
    });
}
