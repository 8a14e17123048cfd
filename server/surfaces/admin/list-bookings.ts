import { csvOf } from '../../../shared/csv.ts';
/** The bookings pipeline: a page with counts per status, and the same list as CSV. */
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { PipelineOut, PipelineQuery } from '../../../schema/api/admin-pipeline.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { pipelineExport, pipelinePage, type PipelineFilters } from '../../modules/pipeline/index.ts';
import { PIPELINE_CSV_HEADER, pipelineBookingOut, pipelineCsvRow } from './pipeline.out.ts';
import { problemResponses } from '../openapi-shared.ts';

const DEFAULT_LIMIT = 50;
/** The most rows one export carries. */
const EXPORT_MAX = 10_000;

const FILTERS = 'Filters, all optional and combined: `status` (one or several comma-separated: reserved, confirmed, in_progress, '
  + 'awaiting_attendance, payment_overdue, completed, cancelled), `program` (slug or id), `instructor` (staff id), `from`/`to` (a session '
  + 'starting in [from, to)), `q` (part of the customer\'s name, e-mail or phone, or the booking id), `source` (the `utm_source` the '
  + 'widget recorded). An instructor sees only the bookings they conduct.';

function filtersOf(q: PipelineQuery): PipelineFilters {
  return { statuses: q.status, program: q.program, instructorId: q.instructor, from: q.from, to: q.to, q: q.q, source: q.source };
}

export function adminListBookingsRoutes(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .get('/bookings',
      describeRoute({
        tags: ['admin'], summary: 'The bookings pipeline: a page of bookings with counts per status',
        description: `Newest first, \`limit\` (1–200, default ${DEFAULT_LIMIT}) per page; \`next_cursor\` fetches the next. Each booking's \`status\` `
          + 'is its pipeline column; `counts` count every status over the other filters (so the columns show their size whatever `status` '
          + `asks). ${FILTERS}`,
        security: [{ secretKey: [] }, { staffSession: [] }],
        responses: { 200: { description: 'A page', content: { 'application/json': { schema: resolver(PipelineOut) } } }, ...problemResponses(400, 401) },
      }),
      validate('query', PipelineQuery),
      async (c) => {
        const staff = c.get('staff');
        const query = c.req.valid('query');
        const page = await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId },
          (tx) => pipelinePage(tx, staff.orgId, filtersOf(query), { cursor: query.cursor, limit: query.limit ?? DEFAULT_LIMIT }, deps.now()));
        const out: PipelineOut = { bookings: page.rows.map(pipelineBookingOut), counts: page.counts, next_cursor: page.nextCursor };
        return c.json(out);
      })
    .get('/bookings.csv',
      describeRoute({
        tags: ['admin'], summary: 'The bookings pipeline as CSV',
        description: `Every matching booking (at most ${EXPORT_MAX}), newest first, UTF-8 with a header row; amounts in minor units, instants in UTC. `
          + `Cells a spreadsheet would read as a formula start with an apostrophe. ${FILTERS}`,
        security: [{ secretKey: [] }, { staffSession: [] }],
        responses: { 200: { description: 'text/csv' }, ...problemResponses(400, 401) },
      }),
      validate('query', PipelineQuery),
      async (c) => {
        const staff = c.get('staff');
        const query = c.req.valid('query');
        const now = deps.now();
        const rows = await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId },
          (tx) => pipelineExport(tx, staff.orgId, filtersOf(query), now, EXPORT_MAX));
        return c.body(csvOf(PIPELINE_CSV_HEADER, rows.map(pipelineCsvRow)), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="bookings-${now.toISOString().slice(0, 10)}.csv"`,
          'Cache-Control': 'no-store',
        });
      });
}
