import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { SessionParams } from '../../../schema/api/embed-bookings.ts';
import { CheckInAnswer } from '../../../schema/api/admin-lifecycle.ts';
import { SessionNoteBody } from '../../../schema/api/admin-progress.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { bookingForStaff, setSessionNote } from '../../modules/bookings/index.ts';
import { staffSessionOut } from './bookings.out.ts';
import { staffAction } from './staff-action.ts';
import { problemResponses } from '../openapi-shared.ts';

/** PUT /v1/admin/bookings/:id/sessions/:sessionId/note: staff's private note on a session (the booking's instructor, owners, managers). */
export function adminSessionNoteRoute(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .put('/bookings/:id/sessions/:sessionId/note',
      describeRoute({ tags: ['admin'], summary: 'Write the private note of a session (staff only)',
        description: '`notes_md` (markdown, 5,000 characters at most) replaces the note; null or empty clears it. The customer never sees it; '
          + 'the event log records that it changed, not its text. Needs an `Idempotency-Key`.',
        security: [{ secretKey: [] }], parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'The session', content: { 'application/json': { schema: resolver(CheckInAnswer) } } }, ...problemResponses(400, 401, 404) } }),
      idempotencyKeyRequired(),
      validate('param', SessionParams),
      validate('json', SessionNoteBody),
      async (c) => {
        const { orgId } = c.get('staff');
        const { id, sessionId } = c.req.valid('param');
        const body = c.req.valid('json');
        return staffAction(c, deps, { method: 'PUT', path: `bookings/${id}/sessions/${sessionId}/note`, body },
          (tx) => bookingForStaff(tx, orgId, id),
          async (tx, booking, now) => ({ status: 200, body: { session: staffSessionOut(await setSessionNote(tx, { now, config: deps.config }, booking, sessionId, body.notes_md)) } }));
      });
}
