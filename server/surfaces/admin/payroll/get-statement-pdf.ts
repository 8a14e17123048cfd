import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { StatementParams, StatementQuery } from '../../../../schema/api/admin-payroll.ts';
import type { AdminEnv, AppDeps } from '../../../deps.ts';
import { withCaller } from '../../../platform/db/identity.ts';
import { AppError } from '../../../platform/errors.ts';
import { validate } from '../../../platform/http/validate.ts';
import { renderStatementPdf, statementDocument } from '../../../modules/payroll/index.ts';
import { problemResponses } from '../../openapi-shared.ts';
import { callerOf } from './common.ts';

/** GET /v1/admin/payroll/periods/:id/statements/<staff id>.pdf */
export function getPayrollStatementPdfRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().get('/payroll/periods/:id/statements/:file',
    describeRoute({
      tags: ['admin'], summary: 'An instructor\'s payroll statement for a period, as PDF',
      description: 'Sessions (with the rule applied and the net revenue it was applied to), bookings paid flat, adjustments with their reasons, '
        + 'the total, and whether and when the period was paid. `?lang=en|de|fr|it` the language (default: the studio\'s). '
        + 'An instructor\'s key: only their own statement (404 for another\'s).',
      security: [{ secretKey: [] }],
      responses: { 200: { description: 'application/pdf' }, ...problemResponses(400, 401, 404) },
    }),
    validate('param', StatementParams),
    validate('query', StatementQuery),
    async (c) => {
      const staff = c.get('staff');
      const { id, file } = c.req.valid('param');
      const staffId = file.slice(0, -4).toLowerCase();
      if (staff.role === 'instructor' && staffId !== staff.staffId) throw new AppError('not_found', 'No such statement.');
      const { lang } = c.req.valid('query');
      const doc = await withCaller(deps.db, callerOf(staff), (tx) => statementDocument(tx, staff.orgId, id, staffId, lang));
      if (!doc) throw new AppError('not_found', 'No such statement.');
      const pdf = await renderStatementPdf(doc);
      return c.body(new Uint8Array(pdf), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="payroll-${doc.period.startsOn}-${doc.staff.name.replace(/[^\w.-]+/g, '-')}.pdf"`,
        'Cache-Control': 'private, no-store',
      });
    });
}
