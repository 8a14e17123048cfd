import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { PeriodParams } from '../../../../schema/api/admin-payroll.ts';
import type { AdminEnv, AppDeps } from '../../../deps.ts';
import { withCaller } from '../../../platform/db/identity.ts';
import { AppError } from '../../../platform/errors.ts';
import { validate } from '../../../platform/http/validate.ts';
import { EARNINGS_CSV_COLUMNS, EARNINGS_CSV_HEADER, earningsCsvLines, periodById, periodLineIds, periodLines } from '../../../modules/payroll/index.ts';
import { problemResponses } from '../../openapi-shared.ts';
import { callerOf, ROLES_NOTE } from './common.ts';

/** Rows per piece of the streamed file. */
const CSV_PIECE = 500;

/** GET /v1/admin/payroll/periods/:id/export.csv */
export function exportPayrollPeriodCsvRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().get('/payroll/periods/:id/export.csv',
    describeRoute({
      tags: ['admin'], summary: 'A payroll period as CSV: one line per earning',
      description: `UTF-8, comma-separated, CRLF, a header row; the columns, always in this order: ${EARNINGS_CSV_COLUMNS.join(', ')}. `
        + '`amount_minor` is exact (minor units), `amount` the same as a decimal with a point. See docs/payroll.md. ' + ROLES_NOTE,
      security: [{ secretKey: [] }],
      responses: { 200: { description: 'text/csv' }, ...problemResponses(400, 401, 404) },
    }),
    validate('param', PeriodParams),
    async (c) => {
      const staff = c.get('staff');
      const { id } = c.req.valid('param');
      // Which rows, in order, is read once (earnings are append-only); the rows themselves are read and
      // written a piece at a time, each in its own short transaction, so a large period never sits in memory.
      const found = await withCaller(deps.db, callerOf(staff), async (tx) => {
        const period = await periodById(tx, staff.orgId, id);
        return period ? { period, ids: await periodLineIds(tx, staff.orgId, id) } : undefined;
      });
      if (!found) throw new AppError('not_found', 'No such payroll period.');
      const encoder = new TextEncoder();
      let next = 0;
      const body = new ReadableStream<Uint8Array>({
        start(controller) { controller.enqueue(encoder.encode(EARNINGS_CSV_HEADER)); },
        async pull(controller) {
          if (next >= found.ids.length) { controller.close(); return; }
          const ids = found.ids.slice(next, next + CSV_PIECE);
          next += ids.length;
          const lines = await withCaller(deps.db, callerOf(staff), (tx) => periodLines(tx, staff.orgId, id, undefined, { ids }));
          controller.enqueue(encoder.encode(earningsCsvLines(found.period, lines)));
        },
      });
      return c.body(body, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="payroll-${found.period.startsOn}-${found.period.endsOn}.csv"`,
        'Cache-Control': 'private, no-store',
      });
    });
}
