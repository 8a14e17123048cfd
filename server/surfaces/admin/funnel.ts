import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { FunnelQuery, FunnelReportOut } from '../../../schema/api/admin-funnel.ts';
import type { AdminEnv, AppDeps, StaffCaller } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { funnelCsv, funnelReport } from '../../modules/marketing/index.ts';
import { problemResponses } from '../openapi-shared.ts';

const ABOUT = 'Distinct visits per step of the widget (viewed, time_chosen, intake_done, details_done, checkout_started, paid) over '
  + '`from`..`to` (dates in the studio\'s zone, both included), grouped `by` program (default), source (utm_source, else the referring '
  + 'host, else `(direct)`), medium, campaign or referrer, with the conversion between steps, and the bookings made in the range and '
  + 'what their orders have been paid, joined through the bookings\' `source`. `program` narrows to one program. Owners and managers; '
  + 'an instructor\'s key: 403 `forbidden`.';

async function report(deps: AppDeps, staff: StaffCaller, q: FunnelQuery) {
  if (staff.role === 'instructor') throw new AppError('forbidden', 'The funnel is for the studio\'s owners and managers.');
  return withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, (tx) => funnelReport(tx, staff.orgId, q));
}

/** GET /v1/admin/funnel (JSON) and /v1/admin/funnel.csv: the conversion funnel and what each source brought. */
export function adminFunnelRoutes(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .get('/funnel',
      describeRoute({
        tags: ['admin'], summary: 'The conversion funnel per program or per source, with bookings and revenue', description: ABOUT,
        security: [{ secretKey: [] }],
        responses: { 200: { description: 'The funnel', content: { 'application/json': { schema: resolver(FunnelReportOut) } } }, ...problemResponses(400, 401, 403) },
      }),
      validate('query', FunnelQuery),
      async (c) => {
        const q = c.req.valid('query');
        const groups = await report(deps, c.get('staff'), q);
        const body: FunnelReportOut = { from: q.from, to: q.to, by: q.by, program: q.program ?? null, groups };
        return c.json(body, 200, { 'Cache-Control': 'private, no-store' });
      })
    .get('/funnel.csv',
      describeRoute({
        tags: ['admin'], summary: 'The conversion funnel as CSV',
        description: `${ABOUT} One row per group: the group, the visits of each step, \`conversion\` (paid / viewed), \`bookings\`, and per currency the revenue in minor units and as a decimal.`,
        security: [{ secretKey: [] }],
        responses: { 200: { description: 'text/csv' }, ...problemResponses(400, 401, 403) },
      }),
      validate('query', FunnelQuery),
      async (c) => {
        const q = c.req.valid('query');
        const groups = await report(deps, c.get('staff'), q);
        return c.body(funnelCsv(q.by, groups), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="funnel-${q.by}-${q.from}-${q.to}.csv"`,
          'Cache-Control': 'private, no-store',
        });
      });
}
