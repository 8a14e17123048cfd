import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { VatQuarterQuery, VatReturnOut } from '../../../../schema/api/admin-reports.ts';
import type { AdminEnv, AppDeps } from '../../../deps.ts';
import { withCaller } from '../../../platform/db/identity.ts';
import { validate } from '../../../platform/http/validate.ts';
import { quarterDates, vatAmounts, vatReturn, vatReturnCsv } from '../../../modules/reports/index.ts';
import { problemResponses } from '../../openapi-shared.ts';
import { managersOnly, sendCsv } from './common.ts';

const DESCRIPTION = 'The Swiss VAT return\'s figures for a quarter (effective method, agreed consideration): per rate what was invoiced less what '
  + 'credit notes took back, without VAT (`turnover`), and the tax; `figures` by the form\'s numbers (200 total, 230 the 0 % lines, 299 taxable, '
  + '303/313/343 at 8.1/2.6/3.8 %). Amounts in minor units. Owners and managers. See docs/finance-reports.md.';

async function quarter(deps: AppDeps, caller: ReturnType<typeof managersOnly>, q: { year: string; quarter: string }) {
  const dates = quarterDates(Number(q.year), Number(q.quarter) as 1 | 2 | 3 | 4);
  const amounts = await withCaller(deps.db, caller, (tx) => vatAmounts(tx, caller.orgId, dates.from, dates.to));
  return { dates, currency: amounts.currency, result: vatReturn(amounts.invoiced, amounts.credited) };
}

/** GET /v1/admin/reports/vat?year=&quarter= and …/vat.csv */
export function vatQuarterReportRoutes(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .get('/reports/vat',
      describeRoute({
        tags: ['admin'], summary: 'VAT summary for a quarter', description: DESCRIPTION, security: [{ secretKey: [] }],
        responses: { 200: { description: 'The figures', content: { 'application/json': { schema: resolver(VatReturnOut) } } }, ...problemResponses(400, 401, 403) },
      }),
      validate('query', VatQuarterQuery),
      async (c) => {
        const caller = managersOnly(c.get('staff'));
        const q = c.req.valid('query');
        const { dates, currency, result } = await quarter(deps, caller, q);
        const amounts = (a: { gross: number; net: number; vat: number }) => ({ gross: a.gross, net: a.net, vat: a.vat });
        return c.json({
          year: Number(q.year), quarter: Number(q.quarter), from: dates.from, to: dates.to, currency, method: 'agreed' as const,
          rates: result.lines.map((l) => ({ vat_rate_bp: l.rateBp, form_figure: l.code, invoiced: amounts(l.invoiced), credited: amounts(l.credited), turnover: l.turnover, tax: l.tax })),
          figures: result.figures, tax_total: result.taxTotal,
          csv_url: `${deps.config.publicOrigin}/v1/admin/reports/vat.csv?year=${q.year}&quarter=${q.quarter}`,
        });
      })
    .get('/reports/vat.csv',
      describeRoute({ tags: ['admin'], summary: 'VAT summary for a quarter (CSV)', description: DESCRIPTION, security: [{ secretKey: [] }], responses: { 200: { description: 'text/csv' }, ...problemResponses(400, 401, 403) } }),
      validate('query', VatQuarterQuery),
      async (c) => {
        const caller = managersOnly(c.get('staff'));
        const q = c.req.valid('query');
        const { dates, currency, result } = await quarter(deps, caller, q);
        return sendCsv(c, `vat-${q.year}-q${q.quarter}.csv`, vatReturnCsv(result, dates, currency));
      });
}
