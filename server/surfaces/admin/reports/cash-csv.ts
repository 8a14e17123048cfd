import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { ReportRangeQuery } from '../../../../schema/api/admin-reports.ts';
import type { AdminEnv, AppDeps } from '../../../deps.ts';
import { withCaller } from '../../../platform/db/identity.ts';
import { validate } from '../../../platform/http/validate.ts';
import { CASH_CSV_COLUMNS, cashByMonth, cashCsv } from '../../../modules/reports/index.ts';
import { problemResponses } from '../../openapi-shared.ts';
import { managersOnly, sendCsv } from './common.ts';

/** GET /v1/admin/reports/cash.csv?from=&to= */
export function cashReportRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().get('/reports/cash.csv',
    describeRoute({
      tags: ['admin'], summary: 'Money received and paid back per month, method and VAT rate (cash basis, CSV)',
      description: 'The cash basis next to revenue.csv\'s accrual figures: payments that succeeded between `from` and `to` (local dates, inclusive) '
        + 'as `received`, refunds that left as `refunded`, per month, payment method and VAT rate (a payment\'s VAT is its order\'s, spread by the '
        + `rates' gross). Columns: ${CASH_CSV_COLUMNS.join(', ')}. Owners and managers (403 for an instructor). See docs/finance-reports.md.`,
      security: [{ secretKey: [] }],
      responses: { 200: { description: 'text/csv' }, ...problemResponses(400, 401, 403) },
    }),
    validate('query', ReportRangeQuery),
    async (c) => {
      const caller = managersOnly(c.get('staff'));
      const { from, to } = c.req.valid('query');
      const rows = await withCaller(deps.db, caller, (tx) => cashByMonth(tx, caller.orgId, from, to));
      return sendCsv(c, `cash-${from}-${to}.csv`, cashCsv(rows));
    });
}
