import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AdminEnv, AppDeps } from '../../../deps.ts';
import { withCaller } from '../../../platform/db/identity.ts';
import { outstandingBalances, outstandingCsv } from '../../../modules/reports/index.ts';
import { problemResponses } from '../../openapi-shared.ts';
import { managersOnly, sendCsv } from './common.ts';

/** GET /v1/admin/reports/outstanding.csv */
export function outstandingReportRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().get('/reports/outstanding.csv',
    describeRoute({
      tags: ['admin'], summary: 'Outstanding balances and open QR-bills (CSV)',
      description: 'Every invoiced order not paid in full and not cancelled, now: total, paid, balance; `qr_bill: yes` with its reference for an '
        + 'open QR-bill. Owners and managers.',
      security: [{ secretKey: [] }],
      responses: { 200: { description: 'text/csv' }, ...problemResponses(401, 403) },
    }),
    async (c) => {
      const caller = managersOnly(c.get('staff'));
      const rows = await withCaller(deps.db, caller, (tx) => outstandingBalances(tx, caller.orgId));
      return sendCsv(c, `outstanding-${deps.now().toISOString().slice(0, 10)}.csv`, outstandingCsv(rows));
    });
}
