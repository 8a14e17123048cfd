/**
 * POST /v1/admin/segments/preview: a filter's live count and first members before it is saved (the
 * console's segment form asks as the filters change). Nothing is written, so no Idempotency-Key; the
 * filter is validated as a saved one's is. Owners and managers; an instructor is refused (403).
 */
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { AppError } from '../../platform/errors.ts';
import { segmentCount, segmentMembers } from '../../modules/marketing/index.ts';
import { SEGMENT_SAMPLE_SIZE, SegmentPreviewBody, SegmentPreviewOut } from '../../../schema/api/admin-segments.ts';
import { problemResponses } from '../openapi-shared.ts';
import { memberOut } from './marketing-campaigns.ts';

export function adminSegmentPreviewRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().post('/segments/preview',
    describeRoute({
      tags: ['admin'], summary: 'Count a segment filter before saving it',
      description: `Read-only: answers how many customers the filter selects now (\`count\`), how many of them a campaign would reach (\`with_consent\`) and the first ${SEGMENT_SAMPLE_SIZE} by name. Owners and managers.`,
      security: [{ secretKey: [] }],
      responses: { 200: { description: 'The count and a sample', content: { 'application/json': { schema: resolver(SegmentPreviewOut) } } }, ...problemResponses(400, 401, 403) },
    }),
    validate('json', SegmentPreviewBody),
    async (c) => {
      const staff = c.get('staff');
      if (staff.role === 'instructor') throw new AppError('forbidden', 'Segments are for the studio\'s owners and managers.');
      const { filter } = c.req.valid('json');
      const out = await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, async (tx) => {
        const [n, sample] = [await segmentCount(tx, staff.orgId, filter), await segmentMembers(tx, staff.orgId, filter, { limit: SEGMENT_SAMPLE_SIZE })];
        return { count: n.count, with_consent: n.withConsent, sample: sample.map(memberOut) };
      });
      return c.json(out satisfies SegmentPreviewOut);
    });
}
