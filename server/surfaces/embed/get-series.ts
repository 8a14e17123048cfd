import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { ProgramParams } from '../../../schema/api/embed-programs.ts';
import { SeriesQuery, SeriesResponse, canonicalZone } from '../../../schema/api/embed-slots.ts';
import type { AppDeps, AppEnv } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { checkSeries } from '../../modules/bookings/index.ts';
import { seriesOut } from './slots.out.ts';
import { problemResponses } from '../openapi-shared.ts';

export function getSeriesRoute(deps: AppDeps) {
  return new Hono<AppEnv>().get('/programs/:slug/slots/series',
    describeRoute({
      tags: ['embed'], summary: 'The series a first start leads to, checked',
      description: 'Every session of the variant from `first_start` on, at the program\'s cadence (the same local time in the instructor\'s zone), '
        + 'each `free`, `taken` or `unavailable` (no hours, too soon, beyond the horizon) as a booking would find it now, with the nearest free '
        + 'alternatives to each that is not free (local fields in `tz`). With `starts` (the customer\'s own list once an alternative was chosen), '
        + 'those starts are checked instead of the cadence\'s. Nothing is held. A by_link program needs `link`.',
      security: [{ publishableKey: [] }],
      responses: { 200: { description: 'The series', content: { 'application/json': { schema: resolver(SeriesResponse) } } }, ...problemResponses(400, 401, 403, 404, 409) },
    }),
    validate('param', ProgramParams),
    validate('query', SeriesQuery),
    async (c) => {
      const { orgId } = c.get('embed');
      const { slug } = c.req.valid('param');
      const q = c.req.valid('query');
      const answer = await withCaller(deps.db, { orgId, role: 'anonymous', linkToken: q.link }, (tx) => checkSeries(tx, {
        orgId, slug, firstStart: q.first_start, starts: q.starts?.split(','), zone: canonicalZone(q.tz)!, variant: q.variant, instructor: q.instructor, count: q.count, now: deps.now().getTime(),
      }));
      return c.json(seriesOut(answer));
    });
}
