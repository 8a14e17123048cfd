import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { ProgramParams } from '../../../schema/api/embed-programs.ts';
import { MAX_SLOT_RANGE_DAYS, SlotsQuery, SlotsResponse, canonicalZone } from '../../../schema/api/embed-slots.ts';
import type { AppDeps, AppEnv } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { routeLimits } from '../../platform/http/rate-limit.ts';
import { listSlots } from '../../modules/availability/index.ts';
import { slotsOut } from './slots.out.ts';
import { problemResponses } from '../openapi-shared.ts';

export function getSlotsRoute(deps: AppDeps) {
  return new Hono<AppEnv>().get('/programs/:slug/slots',
    describeRoute({
      tags: ['embed'], summary: "A program's free start times",
      description: `Free starts between \`from\` and \`to\` (dates in the customer's zone \`tz\`, both included, at most ${MAX_SLOT_RANGE_DAYS} days), `
        + 'as UTC instants with local display fields, grouped by the customer\'s local date, each with its instructor. '
        + 'Respects the instructors\' hours, their and the room\'s bookings, buffers, minimum notice and horizon. A by_link program needs `link`.',
      security: [{ publishableKey: [] }],
      responses: { 200: { description: 'Free starts by day', content: { 'application/json': { schema: resolver(SlotsResponse) } } }, ...problemResponses(400, 401, 403, 404) },
    }),
    validate('param', ProgramParams),
    validate('query', SlotsQuery),
    async (c) => {
      const { orgId } = c.get('embed');
      const { slug } = c.req.valid('param');
      const q = c.req.valid('query');
      const pending = routeLimits(c);
      const answer = await withCaller(deps.db, { orgId, role: 'anonymous', linkToken: q.link }, (tx) => listSlots(tx, {
        orgId, slug, from: q.from, to: q.to, zone: canonicalZone(q.tz)!, instructor: q.instructor, variant: q.variant, now: deps.now().getTime(),
        admitted: pending.take(tx),
      }));
      pending.committed();
      return c.json(slotsOut(answer));
    });
}
