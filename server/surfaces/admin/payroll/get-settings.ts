import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { PayrollSettingsOut } from '../../../../schema/api/admin-payroll.ts';
import type { AdminEnv, AppDeps } from '../../../deps.ts';
import { withCaller } from '../../../platform/db/identity.ts';
import { payrollSettingsOf } from '../../../modules/payroll/index.ts';
import { problemResponses } from '../../openapi-shared.ts';
import { callerOf } from './common.ts';
import { settingsOut } from './payroll.out.ts';

/** GET /v1/admin/payroll/settings */
export function getPayrollSettingsRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().get('/payroll/settings',
    describeRoute({
      tags: ['admin'], summary: 'The studio\'s payroll settings',
      description: '`period`: monthly, semi_monthly (1st–15th, 16th–end) or biweekly (14 days from `anchor_on`); periods are local dates in the '
        + 'studio\'s `timezone`. `no_show_share_bp` / `late_cancel_share_bp`: what an instructor earns for a no-show or a late cancellation the '
        + 'studio kept money for, in basis points of what the session would have earned (0: nothing). `saved: false`: the defaults.',
      security: [{ secretKey: [] }],
      responses: { 200: { description: 'The settings', content: { 'application/json': { schema: resolver(PayrollSettingsOut) } } }, ...problemResponses(401) },
    }),
    async (c) => {
      const staff = c.get('staff');
      return c.json(settingsOut(await withCaller(deps.db, callerOf(staff), (tx) => payrollSettingsOf(tx, staff.orgId))));
    });
}
