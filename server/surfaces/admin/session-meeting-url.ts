import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { SessionParams } from '../../../schema/api/embed-bookings.ts';
import { CheckInAnswer } from '../../../schema/api/admin-lifecycle.ts';
import { MeetingUrlBody } from '../../../schema/api/admin-progress.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { bookingForStaff, setSessionMeetingUrl } from '../../modules/bookings/index.ts';
import { staffSessionOut } from './bookings.out.ts';
import { staffAction } from './staff-action.ts';
import { problemResponses } from '../openapi-shared.ts';

/** PUT /v1/admin/bookings/:id/sessions/:sessionId/meeting-url: one session's own online meeting address (the booking's instructor, owners, managers). */
export function adminSessionMeetingUrlRoute(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .put('/bookings/:id/sessions/:sessionId/meeting-url',
      describeRoute({ tags: ['admin'], summary: 'Set the meeting address of one online session',
        description: '`{"meeting_url":"https://…"}` (http or https, 500 characters at most) replaces the address the session was booked with (the program\'s); '
          + 'null leaves the session none. The customer sees it in the portal and in the mails that show the program\'s address. Needs an `Idempotency-Key`.',
        security: [{ secretKey: [] }, { staffSession: [] }], parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'The session', content: { 'application/json': { schema: resolver(CheckInAnswer) } } }, ...problemResponses(400, 401, 404) } }),
      idempotencyKeyRequired(),
      validate('param', SessionParams),
      validate('json', MeetingUrlBody),
      async (c) => {
        const { orgId } = c.get('staff');
        const { id, sessionId } = c.req.valid('param');
        const body = c.req.valid('json');
        return staffAction(c, deps, { method: 'PUT', path: `bookings/${id}/sessions/${sessionId}/meeting-url`, body },
          (tx) => bookingForStaff(tx, orgId, id),
          async (tx, booking, now) => ({ status: 200, body: { session: staffSessionOut(await setSessionMeetingUrl(tx, { now, config: deps.config }, booking, sessionId, body.meeting_url)) } }));
      });
}
