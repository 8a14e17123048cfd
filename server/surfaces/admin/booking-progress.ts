import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { ProgressBody, ProgressOut, ProgressParams } from '../../../schema/api/admin-progress.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { bookingForStaff, bookingProgress, logProgress } from '../../modules/bookings/index.ts';
import { staffAction } from './staff-action.ts';
import { problemResponses } from '../openapi-shared.ts';

/**
 * PUT /v1/admin/bookings/:id/progress/:milestoneId: the booking's instructor or the studio's owners
 * and managers log a milestone (done or open again, notes, an https link to an artifact). Answers
 * every milestone of the program with this booking's progress.
 */
export function adminBookingProgressRoute(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .put('/bookings/:id/progress/:milestoneId',
      describeRoute({ tags: ['admin'], summary: 'Log a milestone of a booking',
        description: '`completed` true marks it done (the first time is kept), false opens it again; `notes_md` and `artifact_url` (https) left out keep what is there, null clears them. '
          + 'A milestone of another program is 404; a reserved or cancelled booking 409 `invalid_state`. Needs an `Idempotency-Key`.',
        security: [{ secretKey: [] }], parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'The milestones with progress', content: { 'application/json': { schema: resolver(ProgressOut) } } }, ...problemResponses(400, 401, 404, 409) } }),
      idempotencyKeyRequired(),
      validate('param', ProgressParams),
      validate('json', ProgressBody),
      async (c) => {
        const staff = c.get('staff');
        const { id, milestoneId } = c.req.valid('param');
        const body = c.req.valid('json');
        return staffAction(c, deps, { method: 'PUT', path: `bookings/${id}/progress/${milestoneId}`, body },
          (tx) => bookingForStaff(tx, staff.orgId, id),
          async (tx, booking, now) => {
            await logProgress(tx, { now, config: deps.config }, booking, { milestoneId, completed: body.completed, notesMd: body.notes_md, artifactUrl: body.artifact_url });
            const rows = await bookingProgress(tx, booking);
            return { status: 200, body: { progress: rows.map((p) => ({
              milestone_id: p.milestoneId, name: p.name, due_day_offset: p.dueDayOffset, completed_at: p.completedAt?.toISOString() ?? null, artifact_url: p.artifactUrl, notes_md: p.notesMd,
            })) } satisfies ProgressOut };
          });
      });
}
