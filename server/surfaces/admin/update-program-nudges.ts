import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { NudgeSettingsBody, NudgeSettingsOut, ProgramSlugParams } from '../../../schema/api/admin-nudges.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { programBySlug, saveNudgeSettings } from '../../modules/notifications/index.ts';
import { nudgeSettingsOut } from './nudges.out.ts';
import { staffAction } from './staff-action.ts';
import { problemResponses } from '../openapi-shared.ts';

/** PUT /v1/admin/programs/:slug/nudges: owners and managers turn a program's reminders and nudges on or off. */
export function adminUpdateProgramNudgesRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().put('/programs/:slug/nudges',
    describeRoute({
      tags: ['admin'], summary: 'Change a program\'s reminders and nudges (owner, manager)',
      description: 'What the body names changes; the rest stays. `session_reminder_hours`: up to 4 whole hours from 1 to 336 (`[]`: none). '
        + 'Jobs already planned read the settings when they run (a reminder turned off is not sent); new hours apply to sessions '
        + 'confirmed, scheduled or moved from now on. An instructor\'s key gets 404. Needs an `Idempotency-Key`.',
      security: [{ secretKey: [] }],
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: {
        200: { description: 'The settings now', content: { 'application/json': { schema: resolver(NudgeSettingsOut) } } },
        ...problemResponses(400, 401, 404, 422),
      },
    }),
    idempotencyKeyRequired(),
    validate('param', ProgramSlugParams),
    validate('json', NudgeSettingsBody),
    async (c) => {
      const { orgId, role } = c.get('staff');
      const { slug } = c.req.valid('param');
      const body = c.req.valid('json');
      return staffAction(c, deps, { method: 'PUT', path: `programs/${slug}/nudges`, body },
        async (tx) => {
          const program = role === 'instructor' ? undefined : await programBySlug(tx, orgId, slug);
          if (!program) throw new AppError('not_found', 'No such program.');
          return program;
        },
        async (tx, program, now) => {
          const saved = await saveNudgeSettings(tx, orgId, program.id, {
            sessionReminderHours: body.session_reminder_hours, bookNext: body.book_next, installmentDue: body.installment_due,
            abandonedReservation: body.abandoned_reservation, milestoneDue: body.milestone_due, reviewRequest: body.review_request,
          }, now);
          return { status: 200, body: nudgeSettingsOut(program.slug, saved) };
        });
    });
}
