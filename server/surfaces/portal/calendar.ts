import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import * as v from 'valibot';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { idempotencyKeyOf, idempotencyKeyRequired, runIdempotent, sendAnswer } from '../../platform/http/idempotency.ts';
import { calendarToken, calendarTokenOf, issueCalendarToken, openCalendarToken } from '../../modules/identity/index.ts';
import { customerCalendar, type CalendarSession } from '../../modules/bookings/index.ts';
import { icsCalendar, type IcsEvent } from '../../../shared/ics.ts';
import { validate } from '../../platform/http/validate.ts';
import { SessionParams } from '../../../schema/api/portal.ts';
import { customerCaller } from './portal-action.ts';
import { portalSecurity } from './list-bookings.ts';
import { problemResponses } from '../openapi-shared.ts';

const CalendarLink = v.object({ url: v.string() });
const feedUrl = (origin: string, token: string) => `${origin}/v1/portal/calendar.ics?token=${token}`;
const raceLost = () => new AppError('conflict', 'Another request made a calendar link at the same moment; try again.');

/** `POST /v1/portal/calendar-link` (behind the portal's bearer): a new subscription URL, the earlier ones revoked. */
export function calendarLinkRoute(deps: AppDeps) {
  return new Hono<PortalEnv>().post('/calendar-link',
    describeRoute({
      tags: ['portal'], summary: 'A calendar subscription URL for all the customer\'s sessions in this studio',
      description: 'Answers `url` (GET /v1/portal/calendar.ics?token=…, valid a year). Making a new one revokes the earlier ones. Needs an `Idempotency-Key`.',
      security: portalSecurity,
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: { 200: { description: 'The feed URL', content: { 'application/json': { schema: resolver(CalendarLink) } } }, ...problemResponses(400, 401) },
    }),
    idempotencyKeyRequired(),
    async (c) => {
      const caller = c.get('portal');
      const now = deps.now();
      // The recorded answer holds the session's id, never its token: a replay derives the same URL again.
      const answer = await runIdempotent(deps.db, customerCaller(caller),
        { key: idempotencyKeyOf(c), scope: 'POST /v1/portal/calendar-link', body: {}, now, raceLost },
        async () => undefined,
        async (tx) => ({ status: 200, body: { session_id: await issueCalendarToken(tx, { now, secret: deps.config.secret }, caller.orgId, caller.customerId) } }));
      const id = (answer.body as { session_id?: string }).session_id;
      return sendAnswer(c, answer.status === 200 && id ? { ...answer, body: { url: feedUrl(deps.config.publicOrigin, calendarToken(deps.config.secret, id)) } } : answer);
    });
}

/**
 * `GET /v1/portal/calendar.ics?token=…`: what a calendar app polls, so the token is in the URL (it
 * opens nothing but this feed). Every scheduled session of the customer's live bookings in the studio.
 */
export function calendarFeedRoute(deps: AppDeps) {
  return new Hono().get('/v1/portal/calendar.ics',
    describeRoute({
      tags: ['portal'], summary: 'The customer\'s calendar feed (iCalendar)',
      description: 'Opened by the `url` of POST /v1/portal/calendar-link; an unknown, expired or revoked token is 404.',
      responses: { 200: { description: 'text/calendar' }, 404: { description: 'Unknown, expired or revoked token' } },
    }),
    async (c) => {
      const proven = await openCalendarToken(deps.db, calendarTokenOf(c.req.query('token')), deps.now());
      if (!proven) throw new AppError('not_found', 'This calendar link is not valid (any more).');
      const sessions = await withCaller(deps.db, { orgId: proven.orgId, role: 'customer', customerId: proven.customerId }, (tx) => customerCalendar(tx, proven.orgId));
      const body = icsCalendar(sessions.map(sessionEvent), deps.now(), PRODID);
      return c.body(body, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' });
    });
}

const PRODID = '-//Tandem//Portal//EN';

/** A session as an event of the feed and of its own file: the same UID as the mails' (`<id>@tandem`), so calendars keep one event. */
function sessionEvent(s: CalendarSession): IcsEvent {
  return {
    uid: `${s.id}@tandem`, start: s.startsAt.toISOString(), end: s.endsAt.toISOString(),
    summary: `${s.program} (${s.seq}/${s.total})${s.instructor ? ` · ${s.instructor}` : ''}`,
    ...(s.place ? { location: s.place } : s.meetingUrl ? { location: s.meetingUrl } : {}),
  };
}

/**
 * `GET /v1/portal/bookings/:id/sessions/:sessionId/ics` (behind the portal's bearer): "add to
 * calendar" for one scheduled session, as a file to download. Read under the customer's own
 * policies; another customer's session, one not scheduled, or outside a manage link's booking is 404.
 */
export function sessionIcsRoute(deps: AppDeps) {
  return new Hono<PortalEnv>().get('/bookings/:id/sessions/:sessionId/ics',
    describeRoute({
      tags: ['portal'], summary: 'One scheduled session as an iCalendar file (add to calendar)',
      description: 'text/calendar, downloaded as `<program>-<n>.ics`; the event\'s UID is the one the booking mails use, so importing it after a mail updates the same event.',
      security: portalSecurity,
      responses: { 200: { description: 'text/calendar' }, ...problemResponses(400, 401, 404) },
    }),
    validate('param', SessionParams),
    async (c) => {
      const caller = c.get('portal');
      const { id, sessionId } = c.req.valid('param');
      if (caller.bookingId !== null && caller.bookingId !== id) throw new AppError('not_found', 'No such session.');
      const [session] = await withCaller(deps.db, customerCaller(caller), (tx) => customerCalendar(tx, caller.orgId, { bookingId: id, sessionId }));
      if (!session) throw new AppError('not_found', 'No such scheduled session.');
      const file = `${session.program.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'session'}-${session.seq}.ics`;
      return c.body(icsCalendar([sessionEvent(session)], deps.now(), PRODID), 200, {
        'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `attachment; filename="${file}"`, 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff',
      });
    });
}
