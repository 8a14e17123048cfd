import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { PayrollSettingsBody, PayrollSettingsOut } from '../../../../schema/api/admin-payroll.ts';
import type { AdminEnv, AppDeps } from '../../../deps.ts';
import { validate } from '../../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../../platform/http/idempotency.ts';
import { savePayrollSettings } from '../../../modules/payroll/index.ts';
import { problemResponses } from '../../openapi-shared.ts';
import { staffAction } from '../staff-action.ts';
import { actorOf } from './common.ts';
import { settingsOut } from './payroll.out.ts';

/** POST /v1/admin/payroll/settings */
export function savePayrollSettingsRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().post('/payroll/settings',
    describeRoute({
      tags: ['admin'], summary: 'Change the studio\'s payroll settings (owners, managers)',
      description: '`{"period":"monthly"|"semi_monthly"|"biweekly","anchor_on"?,"no_show_share_bp","late_cancel_share_bp","currency"?}`. '
        + 'Existing periods keep their dates; new periods follow the new schedule from the first day after them. Shares apply to earnings '
        + 'computed from now on. An instructor\'s key: 403 `forbidden`. Needs an `Idempotency-Key`.',
      security: [{ secretKey: [] }],
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: { 200: { description: 'The settings', content: { 'application/json': { schema: resolver(PayrollSettingsOut) } } }, ...problemResponses(400, 401, 403, 422) },
    }),
    idempotencyKeyRequired(),
    validate('json', PayrollSettingsBody),
    async (c) => {
      const staff = c.get('staff');
      const body = c.req.valid('json');
      return staffAction(c, deps, { path: 'payroll/settings', body },
        async () => undefined,
        async (tx, _none, now) => ({ status: 200, body: settingsOut(await savePayrollSettings(tx, staff.orgId, body, actorOf(staff), { now, config: deps.config })) }));
    });
}
