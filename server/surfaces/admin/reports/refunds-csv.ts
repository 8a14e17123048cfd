import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { ReportRangeQuery } from '../../../../schema/api/admin-reports.ts';
import type { AdminEnv, AppDeps } from '../../../deps.ts';
import { withCaller } from '../../../platform/db/identity.ts';
import { validate } from '../../../platform/http/validate.ts';
import { moneyBackCsv, refundsAndCreditNotes } from '../../../modules/reports/index.ts';
import { problemResponses } from '../../openapi-shared.ts';
import { managersOnly, sendCsv } from './common.ts';

/** GET /v1/admin/reports/refunds.csv?from=&to= */
export function refundsReportRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().get('/reports/refunds.csv',
    describeRoute({
      tags: ['admin'], summary: 'Refunds and credit notes (CSV)',
      description: 'Refunds made (with their method and status: `pending` bank refunds wait for the outgoing transfer) and credit notes issued '
        + 'between `from` and `to` (local dates, inclusive), by date, with the invoice they belong to. Owners and managers.',
      security: [{ secretKey: [] }],
      responses: { 200: { description: 'text/csv' }, ...problemResponses(400, 401, 403) },
    }),
    validate('query', ReportRangeQuery),
    async (c) => {
      const caller = managersOnly(c.get('staff'));
      const { from, to } = c.req.valid('query');
      const rows = await withCaller(deps.db, caller, (tx) => refundsAndCreditNotes(tx, caller.orgId, from, to));
      return sendCsv(c, `refunds-${from}-${to}.csv`, moneyBackCsv(rows));
    });
}
