import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { PeriodOut, PeriodPaidBody, PeriodParams } from '../../../../schema/api/admin-payroll.ts';
import type { AdminEnv, AppDeps } from '../../../deps.ts';
import { validate } from '../../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../../platform/http/idempotency.ts';
import { listPeriods, markPeriodPaid, periodForChange } from '../../../modules/payroll/index.ts';
import { problemResponses } from '../../openapi-shared.ts';
import { staffAction } from '../staff-action.ts';
import { actorOf } from './common.ts';
import { periodOut } from './payroll.out.ts';

/** POST /v1/admin/payroll/periods/:id/paid */
export function markPayrollPeriodPaidRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().post('/payroll/periods/:id/paid',
    describeRoute({
      tags: ['admin'], summary: 'Mark a closed payroll period paid (owners, managers)',
      description: 'closed → paid, with `{"paid_on":"YYYY-MM-DD","reference":"…"}` (the payout\'s date, after the period\'s last day, and the bank '
        + 'reference). An open period is 409 `invalid_state`; a paid one answers unchanged for the same date and reference, 409 otherwise. '
        + 'An instructor\'s key: 403 `forbidden`. Needs an `Idempotency-Key`.',
      security: [{ secretKey: [] }],
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: { 200: { description: 'The period', content: { 'application/json': { schema: resolver(PeriodOut) } } }, ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    idempotencyKeyRequired(),
    validate('param', PeriodParams),
    validate('json', PeriodPaidBody),
    async (c) => {
      const staff = c.get('staff');
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      return staffAction(c, deps, { path: `payroll/periods/${id}/paid`, body },
        (tx) => periodForChange(tx, staff.orgId, id),
        async (tx, _period, now) => {
          const paid = await markPeriodPaid(tx, staff.orgId, id, { paidOn: body.paid_on, reference: body.reference }, actorOf(staff), { now, config: deps.config });
          const totals = (await listPeriods(tx, staff.orgId)).find((p) => p.id === id)?.totals ?? [];
          return { status: 200, body: periodOut(paid, totals) };
        });
    });
}
