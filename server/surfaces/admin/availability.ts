/**
 * Availability in the admin API: an instructor's week (hours, overrides, time off, classes,
 * sessions, closures), their weekly hours, date overrides and time off; the studio's closures,
 * group classes, calendar feeds and rooms. Instructors act on their own availability only
 * (another instructor's is 404); closures, classes and rooms are owners' and managers' (403).
 * A change that would leave booked sessions outside the hours is 409 `sessions_in_the_way`
 * with `sessions`, unless the body says `"force": true` (then 200/201 with `stranded`).
 */
import { Hono, type Context } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import * as v from 'valibot';
import {
  ChangeOut, ClassBody, ClosureBody, ClosuresOut, FeedBody, FeedOut, FeedsOut, IsoDate, OverrideBody, RoomBody, RoomsOut, TimeOffBody, WeekOut, WeekQuery, WeeklyHoursBody,
} from '../../../schema/api/admin-availability.ts';
import { Id } from '../../../schema/api/common.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import type { Tx } from '../../platform/db/database.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import {
  addClass, addClosure, addFeed, addRoom, addTimeOff, instructorWeek, listClosures, listFeeds, listRooms, removeClass, removeClosure, removeFeed,
  removeOverride, removeTimeOff, replaceWeeklyHours, setOverride, syncFeedNow, type Actor,
} from '../../modules/availability/index.ts';
import type { EventContext } from '../../platform/events/record.ts';
import { problemResponses } from '../openapi-shared.ts';
import { staffAction } from './staff-action.ts';

const security: Record<string, string[]>[] = [{ secretKey: [] }, { staffSession: [] }];
const idempotency = [{ name: 'Idempotency-Key', in: 'header' as const, required: true, schema: { type: 'string' as const } }];
const json = (schema: Parameters<typeof resolver>[0]) => ({ 'application/json': { schema: resolver(schema) } });
const changeResponses = (ok: 200 | 201) => ({
  [ok]: { description: 'Kept; `stranded` lists the sessions left outside the hours (only with force)', content: json(ChangeOut) },
  409: { description: '`sessions_in_the_way` with `sessions` [{id, booking_id, instructor_id, starts_at, ends_at, program, customer}]; `conflict` when a class meets a taken time', content: { 'application/problem+json': { schema: resolver(v.object({ code: v.string(), sessions: v.optional(v.array(v.object({ id: v.string() }))) })) } } },
  ...problemResponses(400, 401, 403, 404, 422),
});

const InstructorParam = v.object({ instructorId: Id });
const IdParam = v.object({ id: Id });
const TimeOffParam = v.object({ instructorId: Id, id: Id });
const DateParam = v.object({ instructorId: Id, date: IsoDate });
const ForceQuery = v.object({ force: v.optional(v.picklist(['true', 'false'], 'must be true or false'), 'false') });

function actorOf(c: Context<AdminEnv>): Actor {
  const s = c.get('staff');
  return { orgId: s.orgId, role: s.role, staffId: s.staffId };
}

/** A change run as the caller, once per Idempotency-Key. */
function change(c: Context<AdminEnv>, deps: AppDeps, method: 'POST' | 'PUT' | 'DELETE', path: string, body: unknown, status: 200 | 201,
  work: (tx: Tx, actor: Actor, ctx: EventContext) => Promise<unknown>): Promise<Response> {
  const actor = actorOf(c);
  return staffAction(c, deps, { method, path, body }, async () => undefined, async (tx, _, now) => ({
    status, body: await work(tx, actor, { now, config: deps.config }),
  }));
}

export function adminAvailabilityRoutes(deps: AppDeps) {
  const read = <T>(c: Context<AdminEnv>, work: (tx: Tx, actor: Actor) => Promise<T>) => {
    const s = c.get('staff');
    return withCaller(deps.db, { orgId: s.orgId, role: s.role, userId: s.staffId }, (tx) => work(tx, actorOf(c)));
  };
  return new Hono<AdminEnv>()
    .get('/availability',
      describeRoute({ tags: ['admin'], summary: 'An instructor\'s week: hours, overrides, open time, time off, classes, sessions, closures', security,
        description: '`?instructor=<id>&from=YYYY-MM-DD&days=7` (default: the caller, this week from Monday in the instructor\'s zone). Instructors read their own only (another\'s: 404).',
        responses: { 200: { description: 'The week', content: json(WeekOut) }, ...problemResponses(400, 401, 404) } }),
      validate('query', WeekQuery),
      async (c) => {
        const q = c.req.valid('query');
        return c.json(await read(c, (tx, actor) => instructorWeek(tx, actor, { instructor: q.instructor, from: q.from, days: q.days }, deps.now())));
      })
    .put('/availability/:instructorId/weekly',
      describeRoute({ tags: ['admin'], summary: 'Replace an instructor\'s weekly hours', security, parameters: idempotency,
        description: '`{"hours":[{"weekday":1,"start":"09:00","end":"12:00","location_id"?,"valid_from"?,"valid_until"?}],"force"?}`: wall-clock times in the instructor\'s zone (the same local hours across DST). '
          + 'A `location_id` keeps the hours for programs at that location. Instructors: their own only.',
        responses: changeResponses(200) }),
      idempotencyKeyRequired(), validate('param', InstructorParam), validate('json', WeeklyHoursBody),
      (c) => {
        const { instructorId } = c.req.valid('param');
        const body = c.req.valid('json');
        return change(c, deps, 'PUT', `availability/${instructorId}/weekly`, body, 200, (tx, actor, ctx) => replaceWeeklyHours(tx, actor, instructorId, body, ctx));
      })
    .post('/availability/:instructorId/overrides',
      describeRoute({ tags: ['admin'], summary: 'Set one date\'s hours (closed, replace or extra)', security, parameters: idempotency,
        description: '`{"date":"2026-12-24","kind":"closed"|"replace"|"extra","intervals":[{"start","end"}],"force"?}` replaces that date\'s earlier overrides.',
        responses: changeResponses(201) }),
      idempotencyKeyRequired(), validate('param', InstructorParam), validate('json', OverrideBody),
      (c) => {
        const { instructorId } = c.req.valid('param');
        const body = c.req.valid('json');
        return change(c, deps, 'POST', `availability/${instructorId}/overrides`, body, 201, (tx, actor, ctx) => setOverride(tx, actor, instructorId, body, ctx));
      })
    .delete('/availability/:instructorId/overrides/:date',
      describeRoute({ tags: ['admin'], summary: 'Remove one date\'s overrides (back to the weekly hours)', security, parameters: [...idempotency, { name: 'force', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } }],
        responses: changeResponses(200) }),
      idempotencyKeyRequired(), validate('param', DateParam), validate('query', ForceQuery),
      (c) => {
        const { instructorId, date } = c.req.valid('param');
        const force = c.req.valid('query').force === 'true';
        return change(c, deps, 'DELETE', `availability/${instructorId}/overrides/${date}`, { force }, 200, (tx, actor, ctx) => removeOverride(tx, actor, instructorId, date, force, ctx));
      })
    .post('/availability/:instructorId/time-off',
      describeRoute({ tags: ['admin'], summary: 'Add time off', security, parameters: idempotency,
        description: '`{"starts_at","ends_at","note"?,"force"?}`. Over booked sessions: 409 with them; with force the time off is kept around them (the sessions stay, listed in `stranded`).',
        responses: changeResponses(201) }),
      idempotencyKeyRequired(), validate('param', InstructorParam), validate('json', TimeOffBody),
      (c) => {
        const { instructorId } = c.req.valid('param');
        const body = c.req.valid('json');
        return change(c, deps, 'POST', `availability/${instructorId}/time-off`, body, 201, (tx, actor, ctx) => addTimeOff(tx, actor, instructorId, body, ctx));
      })
    .delete('/availability/:instructorId/time-off/:id',
      describeRoute({ tags: ['admin'], summary: 'Remove time off', security, parameters: idempotency, responses: changeResponses(200) }),
      idempotencyKeyRequired(), validate('param', TimeOffParam),
      (c) => {
        const { instructorId, id } = c.req.valid('param');
        return change(c, deps, 'DELETE', `availability/${instructorId}/time-off/${id}`, {}, 200, (tx, actor, ctx) => removeTimeOff(tx, actor, instructorId, id, ctx));
      })
    .get('/closures',
      describeRoute({ tags: ['admin'], summary: 'The studio\'s closures (public holidays, breaks)', security, responses: { 200: { description: 'Closures', content: json(ClosuresOut) }, ...problemResponses(401) } }),
      async (c) => c.json({ closures: await read(c, (tx, actor) => listClosures(tx, actor.orgId)) }))
    .post('/closures',
      describeRoute({ tags: ['admin'], summary: 'Close the studio on some days (owners, managers)', security, parameters: idempotency,
        description: '`{"starts_on","ends_on","name","force"?}`, local dates in the studio\'s zone, inclusive. No instructor or room is open then: slots skip the days, a series at the cadence moves past them.',
        responses: changeResponses(201) }),
      idempotencyKeyRequired(), validate('json', ClosureBody),
      (c) => {
        const body = c.req.valid('json');
        return change(c, deps, 'POST', 'closures', body, 201, (tx, actor, ctx) => addClosure(tx, actor, body, ctx));
      })
    .delete('/closures/:id',
      describeRoute({ tags: ['admin'], summary: 'Reopen: remove a closure (owners, managers)', security, parameters: idempotency, responses: changeResponses(200) }),
      idempotencyKeyRequired(), validate('param', IdParam),
      (c) => {
        const { id } = c.req.valid('param');
        return change(c, deps, 'DELETE', `closures/${id}`, {}, 200, (tx, actor, ctx) => removeClosure(tx, actor, id, ctx));
      })
    .post('/classes',
      describeRoute({ tags: ['admin'], summary: 'Schedule a group class that blocks an instructor (and a room) (owners, managers)', security, parameters: idempotency,
        description: '`{"instructor_id","title","starts_at","ends_at","resource_id"?,"capacity"?}`. Over booked sessions: 409 `sessions_in_the_way` (force does not apply: nobody holds two at once); over time off or another class: 409 `conflict`.',
        responses: changeResponses(201) }),
      idempotencyKeyRequired(), validate('json', ClassBody),
      (c) => {
        const body = c.req.valid('json');
        return change(c, deps, 'POST', 'classes', body, 201, (tx, actor, ctx) => addClass(tx, actor, body, ctx));
      })
    .delete('/classes/:id',
      describeRoute({ tags: ['admin'], summary: 'Remove a group class (owners, managers)', security, parameters: idempotency, responses: changeResponses(200) }),
      idempotencyKeyRequired(), validate('param', IdParam),
      (c) => {
        const { id } = c.req.valid('param');
        return change(c, deps, 'DELETE', `classes/${id}`, {}, 200, (tx, actor, ctx) => removeClass(tx, actor, id, ctx));
      })
    .get('/calendar-feeds',
      describeRoute({ tags: ['admin'], summary: 'Imported calendar feeds (instructors: their own)', security, responses: { 200: { description: 'Feeds', content: json(FeedsOut) }, ...problemResponses(401) } }),
      async (c) => c.json({ feeds: await read(c, (tx, actor) => listFeeds(tx, actor.orgId)) }))
    .post('/calendar-feeds',
      describeRoute({ tags: ['admin'], summary: 'Import an instructor\'s .ics feed as classes that block their time', security, parameters: idempotency,
        description: '`{"instructor_id","url","label"?}`: an https URL on a public address (webcal:// is read as https://). Fetched by a job, then again on POST …/sync; events over booked sessions are left out (`last_error` counts them).',
        responses: { 201: { description: 'Added; the first import is queued', content: json(FeedOut) }, ...problemResponses(400, 401, 404, 409, 422) } }),
      idempotencyKeyRequired(), validate('json', FeedBody),
      (c) => {
        const body = c.req.valid('json');
        return change(c, deps, 'POST', 'calendar-feeds', body, 201, (tx, actor, ctx) => addFeed(tx, actor, body, ctx, deps.config.allowPrivateWebhookTargets === true));
      })
    .post('/calendar-feeds/:id/sync',
      describeRoute({ tags: ['admin'], summary: 'Fetch a feed again now', security, parameters: idempotency,
        responses: { 202: { description: 'Queued', content: json(v.object({ id: v.string(), queued: v.literal(true) })) }, ...problemResponses(400, 401, 404) } }),
      idempotencyKeyRequired(), validate('param', IdParam),
      (c) => {
        const { id } = c.req.valid('param');
        return change(c, deps, 'POST', `calendar-feeds/${id}/sync`, {}, 202 as 200, (tx, actor, ctx) => syncFeedNow(tx, actor, id, ctx));
      })
    .delete('/calendar-feeds/:id',
      describeRoute({ tags: ['admin'], summary: 'Remove a feed and the classes it brought', security, parameters: idempotency,
        responses: { 200: { description: 'Removed', content: json(v.object({ id: v.string(), removed: v.literal(true) })) }, ...problemResponses(400, 401, 404) } }),
      idempotencyKeyRequired(), validate('param', IdParam),
      (c) => {
        const { id } = c.req.valid('param');
        return change(c, deps, 'DELETE', `calendar-feeds/${id}`, {}, 200, (tx, actor, ctx) => removeFeed(tx, actor, id, ctx));
      })
    .get('/rooms',
      describeRoute({ tags: ['admin'], summary: 'Locations and their rooms', security, responses: { 200: { description: 'Rooms by location', content: json(RoomsOut) }, ...problemResponses(401) } }),
      async (c) => c.json(await read(c, (tx, actor) => listRooms(tx, actor.orgId))))
    .post('/rooms',
      describeRoute({ tags: ['admin'], summary: 'Add a room to a location (owners, managers)', security, parameters: idempotency,
        responses: { 201: { description: 'Added', content: json(v.object({ id: v.string(), name: v.string(), location_id: v.string() })) }, ...problemResponses(400, 401, 403, 422) } }),
      idempotencyKeyRequired(), validate('json', RoomBody),
      (c) => {
        const body = c.req.valid('json');
        return change(c, deps, 'POST', 'rooms', body, 201, (tx, actor, ctx) => addRoom(tx, actor, body, ctx));
      });
}
