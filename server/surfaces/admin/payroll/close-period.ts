import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { PeriodOut, PeriodParams } from '../../../../schema/api/admin-payroll.ts';
import type { AdminEnv, AppDeps } from '../../../deps.ts';
import { validate } from '../../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../../platform/http/idempotency.ts';
import { closePeriod, listPeriods, periodForChange } from '../../../modules/payroll/index.ts';
import { problemResponses } from '../../openapi-shared.ts';
import { staffAction } from '../staff-action.ts';
import { actorOf } from './common.ts';
import { periodOut } from './payroll.out.ts';

/** POST /v1/admin/payroll/periods/:id/close */
export function closePayrollPeriodRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().post('/payroll/periods/:id/close',
    describeRoute({
      tags: ['admin'], summary: 'Close a payroll period (owners, managers)',
      description: 'open → closed, from the day after its last day (in the studio\'s zone; earlier: 409 `invalid_state`). From then on nothing in it '
        + 'changes: a later refund or correction becomes an adjustment in the next open period. Closing a closed period answers it unchanged. '
        + 'An instructor\'s key: 403 `forbidden`. Needs an `Idempotency-Key`; no body.',
      security: [{ secretKey: [] }],
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: { 200: { description: 'The period', content: { 'application/json': { schema: resolver(PeriodOut) } } }, ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    idempotencyKeyRequired(),
    validate('param', PeriodParams),
    async (c) => {
      const staff = c.get('staff');
      const { id } = c.req.valid('param');
      return staffAction(c, deps, { path: `payroll/periods/${id}/close`, body: {} },
        (tx) => periodForChange(tx, staff.orgId, id),
        async (tx, _period, now) => {
          const closed = await closePeriod(tx, staff.orgId, id, actorOf(staff), { now, config: deps.config });
          const totals = (await listPeriods(tx, staff.orgId)).find((p) => p.id === id)?.totals ?? [];
          return { status: 200, body: periodOut(closed, totals) };
        });
    });
}
