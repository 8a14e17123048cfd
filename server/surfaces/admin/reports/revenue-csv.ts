import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { ReportRangeQuery } from '../../../../schema/api/admin-reports.ts';
import type { AdminEnv, AppDeps } from '../../../deps.ts';
import { withCaller } from '../../../platform/db/identity.ts';
import { validate } from '../../../platform/http/validate.ts';
import { revenueByMonth, revenueCsv } from '../../../modules/reports/index.ts';
import { problemResponses } from '../../openapi-shared.ts';
import { managersOnly, sendCsv } from './common.ts';

/** GET /v1/admin/reports/revenue.csv?from=&to= */
export function revenueReportRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().get('/reports/revenue.csv',
    describeRoute({
      tags: ['admin'], summary: 'Revenue per month by program, instructor and VAT rate (CSV)',
      description: 'Invoices issued between `from` and `to` (local dates, inclusive): per month, program, instructor and VAT rate the gross, net '
        + 'and VAT of the invoiced lines (after discounts); credit notes issued in the range as their own `credited` rows per rate. Amounts in '
        + 'minor units and as decimals. Owners and managers (403 for an instructor). See docs/finance-reports.md.',
      security: [{ secretKey: [] }],
      responses: { 200: { description: 'text/csv' }, ...problemResponses(400, 401, 403) },
    }),
    validate('query', ReportRangeQuery),
    async (c) => {
      const caller = managersOnly(c.get('staff'));
      const { from, to } = c.req.valid('query');
      const rows = await withCaller(deps.db, caller, (tx) => revenueByMonth(tx, caller.orgId, from, to));
      return sendCsv(c, `revenue-${from}-${to}.csv`, revenueCsv(rows));
    });
}
