import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { NudgeSettingsOut, ProgramSlugParams } from '../../../schema/api/admin-nudges.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { nudgeSettingsOf, programBySlug } from '../../modules/notifications/index.ts';
import { nudgeSettingsOut } from './nudges.out.ts';
import { problemResponses } from '../openapi-shared.ts';

/** GET /v1/admin/programs/:slug/nudges: what a program's customers are reminded of (every staff role may read it). */
export function adminGetProgramNudgesRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().get('/programs/:slug/nudges',
    describeRoute({
      tags: ['admin'], summary: 'A program\'s reminders and nudges',
      description: 'Session reminders (hours before each session, in the customer\'s zone, with the manage link and the meeting URL), '
        + '"book your next session", the installment notice 3 days ahead and the abandoned-reservation mail (`review_request` is stored '
        + 'for the review request, which is not sent yet). '
        + 'All on by default; `quiet_hours` is when no mail goes out unless a session is under 3 hours away.',
      security: [{ secretKey: [] }],
      responses: {
        200: { description: 'The settings', content: { 'application/json': { schema: resolver(NudgeSettingsOut) } } },
        ...problemResponses(400, 401, 404),
      },
    }),
    validate('param', ProgramSlugParams),
    async (c) => {
      const staff = c.get('staff');
      const { slug } = c.req.valid('param');
      const out = await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, async (tx) => {
        const program = await programBySlug(tx, staff.orgId, slug);
        return program ? nudgeSettingsOut(program.slug, await nudgeSettingsOf(tx, staff.orgId, program.id)) : null;
      });
      if (!out) throw new AppError('not_found', 'No such program.');
      return c.json(out);
    });
}
