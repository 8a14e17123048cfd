/**
 * Changing availability from the console or a script: an instructor's weekly hours, date
 * overrides and time off, the studio's closures, group classes and rooms. Everything runs as the
 * caller (the policies decide: an instructor writes only their own rows, closures and classes are
 * the studio's), and every change that could leave booked sessions outside the hours is checked
 * in the same transaction after it is written: sessions inside the hours before and outside
 * after are refused (409 `sessions_in_the_way`, the change rolled back) unless `force` is
 * given; then the change is kept and answered with them. Nothing is moved or cancelled silently.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rows } from '../../platform/db/prepared.ts';
import { asSystem } from '../../platform/db/escalation.ts';
import { AppError } from '../../platform/errors.ts';
import { PG, pgErrorCode } from '../../platform/db/pg-errors.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import type { ClassBody, ClosureBody, OverrideBody, RoomBody, TimeOffBody, WeeklyHoursBody } from '../../../schema/api/admin-availability.ts';
import { subtractIntervals, mergeIntervals } from './domain/intervals.ts';
import { newlyOutside, type HeldSession } from './domain/closures.ts';
import type { InstructorCalendar } from './domain/types.ts';
import { loadCalendars } from './calendars.queries.ts';

export interface Actor { orgId: string; role: 'owner' | 'manager' | 'instructor'; staffId: string }

/** A booked session a change leaves (or would leave) outside the hours. */
export interface StrandedSession { id: string; booking_id: string; instructor_id: string; starts_at: string; ends_at: string; program: string; customer: string }

export interface ChangeResult { ok: boolean; stranded: StrandedSession[]; ids: string[] }

const invalid = (field: string, message: string) => new AppError('validation_failed', undefined, { errors: [{ field, message }] });
const iso = (ms: number) => new Date(ms).toISOString();

/** The instructor as the caller may act on them: an instructor only themselves, managers and owners anyone on the staff. */
export async function instructorFor(tx: Tx, actor: Actor, instructorId: string): Promise<{ id: string; name: string; timezone: string }> {
  if (actor.role === 'instructor' && instructorId !== actor.staffId) throw new AppError('not_found', 'No such instructor.');
  const [row] = await rows(tx, sql`select id, name, timezone from staff where org_id = ${actor.orgId}::uuid and id = ${instructorId}::uuid`);
  if (!row) throw new AppError('not_found', 'No such instructor.');
  return { id: String(row.id), name: String(row.name), timezone: String(row.timezone) };
}

interface AheadSession extends HeldSession { instructorId: string; timezone: string; bookingId: string; program: string; customer: string }

/** Booked sessions still ahead (live blocks only: a lapsed hold holds nothing), of some instructors or, with null, of all the caller sees. */
async function sessionsAhead(tx: Tx, orgId: string, instructorIds: string[] | null, now: Date): Promise<AheadSession[]> {
  const list = await rows(tx, sql`
    select s.id, s.booking_id, b.instructor_id, st.timezone, p.title, coalesce(bk.customer_name, '') as customer,
           (extract(epoch from lower(b.during)) * 1000)::float8 as s, (extract(epoch from upper(b.during)) * 1000)::float8 as e
      from schedule_blocks b
      join program_sessions s on s.org_id = b.org_id and s.id = b.session_id
      join program_bookings bk on bk.org_id = s.org_id and bk.id = s.booking_id
      join programs p on p.org_id = bk.org_id and p.id = bk.program_id
      join staff st on st.org_id = b.org_id and st.id = b.instructor_id
     where b.org_id = ${orgId}::uuid and b.kind = 'session' and b.status <> 'cancelled'
       and (b.status <> 'held' or b.hold_expires_at > ${now.toISOString()}::timestamptz)
       and upper(b.during) > ${now.toISOString()}::timestamptz
       ${instructorIds ? sql`and b.instructor_id = any(${`{${instructorIds.join(',')}}`}::uuid[])` : sql``}
     order by lower(b.during)`);
  return list.map((r) => ({
    id: String(r.id), bookingId: String(r.booking_id), instructorId: String(r.instructor_id), timezone: String(r.timezone),
    program: String(r.title), customer: String(r.customer), start: Number(r.s), end: Number(r.e),
  }));
}

const stranded = (s: AheadSession): StrandedSession => ({
  id: s.id, booking_id: s.bookingId, instructor_id: s.instructorId, starts_at: iso(s.start), ends_at: iso(s.end), program: s.program, customer: s.customer,
});

async function calendarsOf(tx: Tx, orgId: string, sessions: AheadSession[], now: Date): Promise<Map<string, InstructorCalendar>> {
  const instructors = [...new Map(sessions.map((s) => [s.instructorId, { id: s.instructorId, timezone: s.timezone }])).values()];
  const from = Math.min(...sessions.map((s) => s.start)) - 2 * 86_400_000;
  const to = Math.max(...sessions.map((s) => s.end)) + 2 * 86_400_000;
  // Busy time is not what is checked here (a far-off, empty window keeps that read to nothing).
  const { calendars } = await loadCalendars(tx, { orgId, instructors, from, to, now: now.getTime() });
  return new Map(calendars.map((c) => [c.instructorId, c]));
}

/**
 * Runs `change`, then refuses it (throwing, so the transaction rolls back) when it left booked
 * sessions outside the hours and `force` is not set. `instructorIds` null: every instructor (a closure).
 */
async function guarded(tx: Tx, orgId: string, instructorIds: string[] | null, force: boolean, now: Date, change: () => Promise<string[]>): Promise<ChangeResult> {
  const ahead = await sessionsAhead(tx, orgId, instructorIds, now);
  const before = ahead.length ? await calendarsOf(tx, orgId, ahead, now) : new Map<string, InstructorCalendar>();
  const ids = await change();
  if (!ahead.length) return { ok: true, stranded: [], ids };
  const after = await calendarsOf(tx, orgId, ahead, now);
  const out: AheadSession[] = [];
  for (const [instructorId, cal] of after) {
    const mine = ahead.filter((s) => s.instructorId === instructorId);
    const hit = new Set(newlyOutside(before.get(instructorId)!, cal, mine).map((s) => s.id));
    out.push(...mine.filter((s) => hit.has(s.id)));
  }
  out.sort((a, b) => a.start - b.start);
  if (out.length && !force) throw inTheWay(out);
  return { ok: true, stranded: out.map(stranded), ids };
}

function inTheWay(list: AheadSession[]): AppError {
  return new AppError('sessions_in_the_way',
    `${list.length} booked session${list.length === 1 ? '' : 's'} would be left outside the hours. Move or cancel ${list.length === 1 ? 'it' : 'them'} first, or send "force": true to keep the change anyway.`,
    { sessions: list.map(stranded) });
}

/** 'HH:mm' as stored: the end of the day is '00:00' (the table's own convention, read back as 24:00). */
const dbClock = (t: string) => (t === '24:00' ? '00:00' : t);

async function checkLocations(tx: Tx, orgId: string, ids: (string | null | undefined)[]): Promise<void> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!wanted.length) return;
  const found = await rows(tx, sql`select id from locations where org_id = ${orgId}::uuid and id = any(${`{${wanted.join(',')}}`}::uuid[])`);
  const known = new Set(found.map((r) => String(r.id)));
  const i = ids.findIndex((x) => x && !known.has(x));
  if (i >= 0) throw invalid(`hours.${i}.location_id`, 'is not a location of this studio');
}

export async function replaceWeeklyHours(tx: Tx, actor: Actor, instructorId: string, body: WeeklyHoursBody, ctx: EventContext): Promise<ChangeResult> {
  const who = await instructorFor(tx, actor, instructorId);
  await checkLocations(tx, actor.orgId, body.hours.map((h) => h.location_id));
  body.hours.forEach((h, i) => {
    if (h.valid_from && h.valid_until && h.valid_until < h.valid_from) throw invalid(`hours.${i}.valid_until`, 'must not be before valid_from');
  });
  const result = await guarded(tx, actor.orgId, [who.id], body.force, ctx.now, async () => {
    await rows(tx, sql`delete from availability_rules where org_id = ${actor.orgId}::uuid and instructor_id = ${who.id}::uuid and kind = 'weekly'`);
    const ids: string[] = [];
    for (const h of body.hours) {
      const id = randomUUID();
      ids.push(id);
      await rows(tx, sql`insert into availability_rules (id, org_id, instructor_id, kind, weekday, start_time, end_time, valid_from, valid_until, timezone, location_id)
        values (${id}::uuid, ${actor.orgId}::uuid, ${who.id}::uuid, 'weekly', ${h.weekday}, ${h.start}::time, ${dbClock(h.end)}::time,
                ${h.valid_from ?? null}::date, ${h.valid_until ?? null}::date, ${who.timezone}, ${h.location_id ?? null}::uuid)`);
    }
    return ids;
  });
  await changed(tx, actor, 'weekly_hours', [who.id], result, body.force, ctx);
  return result;
}

export async function setOverride(tx: Tx, actor: Actor, instructorId: string, body: OverrideBody, ctx: EventContext): Promise<ChangeResult> {
  const who = await instructorFor(tx, actor, instructorId);
  const result = await guarded(tx, actor.orgId, [who.id], body.force, ctx.now, async () => {
    await rows(tx, sql`delete from availability_rules where org_id = ${actor.orgId}::uuid and instructor_id = ${who.id}::uuid and kind <> 'weekly' and on_date = ${body.date}::date`);
    const intervals = body.kind === 'closed' ? [null] : body.intervals;
    const ids: string[] = [];
    for (const h of intervals) {
      const id = randomUUID();
      ids.push(id);
      await rows(tx, sql`insert into availability_rules (id, org_id, instructor_id, kind, on_date, start_time, end_time, timezone)
        values (${id}::uuid, ${actor.orgId}::uuid, ${who.id}::uuid, ${body.kind}, ${body.date}::date, ${h?.start ?? null}::time, ${h ? dbClock(h.end) : null}::time, ${who.timezone})`);
    }
    return ids;
  });
  await changed(tx, actor, 'override', [who.id], result, body.force, ctx);
  return result;
}

export async function removeOverride(tx: Tx, actor: Actor, instructorId: string, date: string, force: boolean, ctx: EventContext): Promise<ChangeResult> {
  const who = await instructorFor(tx, actor, instructorId);
  const result = await guarded(tx, actor.orgId, [who.id], force, ctx.now, async () => {
    // Nothing on that date is already the wanted state: answered like a removal, with no ids.
    const gone = await rows(tx, sql`delete from availability_rules where org_id = ${actor.orgId}::uuid and instructor_id = ${who.id}::uuid and kind <> 'weekly' and on_date = ${date}::date returning id`);
    return gone.map((r) => String(r.id));
  });
  await changed(tx, actor, 'override_removed', [who.id], result, force, ctx);
  return result;
}

/**
 * Time off blocks the instructor like a session. Over booked sessions it is refused; with
 * `force` it is kept around them (the sessions stay, listed), since two blocks of one
 * instructor can never overlap (the exclusion constraint).
 */
export async function addTimeOff(tx: Tx, actor: Actor, instructorId: string, body: TimeOffBody, ctx: EventContext): Promise<ChangeResult> {
  const who = await instructorFor(tx, actor, instructorId);
  const start = Date.parse(body.starts_at);
  const end = Date.parse(body.ends_at);
  if (end - start > 366 * 86_400_000) throw invalid('ends_at', 'time off lasts at most a year at once');
  const now = ctx.now;
  const inWay = await rows(tx, sql`select b.kind, b.session_id,
        (extract(epoch from lower(b.during)) * 1000)::float8 as s, (extract(epoch from upper(b.during)) * 1000)::float8 as e
      from schedule_blocks b
     where b.org_id = ${actor.orgId}::uuid and b.instructor_id = ${who.id}::uuid and b.status <> 'cancelled'
       and (b.status <> 'held' or b.hold_expires_at > ${now.toISOString()}::timestamptz)
       and b.during && tstzrange(${body.starts_at}::timestamptz, ${body.ends_at}::timestamptz, '[)')`);
  const sessionIds = new Set(inWay.filter((r) => r.kind === 'session').map((r) => String(r.session_id)));
  const sessions = sessionIds.size ? (await sessionsAhead(tx, actor.orgId, [who.id], new Date(0))).filter((s) => sessionIds.has(s.id)) : [];
  if (sessions.length && !body.force) throw inTheWay(sessions);
  const pieces = subtractIntervals([{ start, end }], mergeIntervals(inWay.map((r) => ({ start: Number(r.s), end: Number(r.e) }))));
  const ids: string[] = [];
  for (const p of pieces) {
    const id = randomUUID();
    ids.push(id);
    await rows(tx, sql`insert into schedule_blocks (id, org_id, kind, status, instructor_id, during, timezone, note)
      values (${id}::uuid, ${actor.orgId}::uuid, 'time_off', 'active', ${who.id}::uuid, tstzrange(${iso(p.start)}::timestamptz, ${iso(p.end)}::timestamptz, '[)'), ${who.timezone}, ${body.note})`);
  }
  const result = { ok: true, stranded: sessions.map(stranded), ids };
  await changed(tx, actor, 'time_off', [who.id], result, body.force, ctx);
  return result;
}

export async function removeTimeOff(tx: Tx, actor: Actor, instructorId: string, blockId: string, ctx: EventContext): Promise<ChangeResult> {
  const who = await instructorFor(tx, actor, instructorId);
  const gone = await rows(tx, sql`delete from schedule_blocks where org_id = ${actor.orgId}::uuid and instructor_id = ${who.id}::uuid and id = ${blockId}::uuid and kind = 'time_off' returning id`);
  if (!gone.length) throw new AppError('not_found', 'No such time off.');
  const result = { ok: true, stranded: [], ids: [blockId] };
  await changed(tx, actor, 'time_off_removed', [who.id], result, false, ctx);
  return result;
}

function managersOnly(actor: Actor, what: string): void {
  if (actor.role === 'instructor') throw new AppError('forbidden', `Owners and managers ${what}.`);
}

export async function addClosure(tx: Tx, actor: Actor, body: ClosureBody, ctx: EventContext): Promise<ChangeResult> {
  managersOnly(actor, 'close the studio');
  const [org] = await rows(tx, sql`select timezone from orgs where id = ${actor.orgId}::uuid`);
  const result = await guarded(tx, actor.orgId, null, body.force, ctx.now, async () => {
    const id = randomUUID();
    await rows(tx, sql`insert into studio_closures (id, org_id, starts_on, ends_on, name, timezone)
      values (${id}::uuid, ${actor.orgId}::uuid, ${body.starts_on}::date, ${body.ends_on}::date, ${body.name}, ${String(org!.timezone)})`);
    return [id];
  });
  await changed(tx, actor, 'closure', null, result, body.force, ctx);
  return result;
}

export async function removeClosure(tx: Tx, actor: Actor, id: string, ctx: EventContext): Promise<ChangeResult> {
  managersOnly(actor, 'reopen the studio');
  const gone = await rows(tx, sql`delete from studio_closures where org_id = ${actor.orgId}::uuid and id = ${id}::uuid returning id`);
  if (!gone.length) throw new AppError('not_found', 'No such closure.');
  const result = { ok: true, stranded: [], ids: [id] };
  await changed(tx, actor, 'closure_removed', null, result, false, ctx);
  return result;
}

/** A class occupies its instructor (and its room) like a session: it is never put over booked sessions, `force` or not. */
export async function addClass(tx: Tx, actor: Actor, body: ClassBody, ctx: EventContext): Promise<ChangeResult> {
  managersOnly(actor, 'schedule group classes');
  const who = await instructorFor(tx, actor, body.instructor_id).catch(() => { throw invalid('instructor_id', 'is not on this studio\'s staff'); });
  if (body.resource_id) {
    const [room] = await rows(tx, sql`select id from resources where org_id = ${actor.orgId}::uuid and id = ${body.resource_id}::uuid`);
    if (!room) throw invalid('resource_id', 'is not a room of this studio');
  }
  const ahead = await sessionsAhead(tx, actor.orgId, [who.id], new Date(0));
  const start = Date.parse(body.starts_at);
  const end = Date.parse(body.ends_at);
  const clash = ahead.filter((s) => s.start < end && s.end > start);
  if (clash.length) throw inTheWay(clash);
  const id = randomUUID();
  try {
    await rows(tx, sql`with c as (
        insert into class_occurrences (id, org_id, instructor_id, resource_id, title, starts_at, ends_at, timezone, capacity)
        values (${id}::uuid, ${actor.orgId}::uuid, ${who.id}::uuid, ${body.resource_id ?? null}::uuid, ${body.title}, ${body.starts_at}::timestamptz, ${body.ends_at}::timestamptz, ${who.timezone}, ${body.capacity})
        returning id)
      insert into schedule_blocks (org_id, kind, status, instructor_id, resource_id, during, timezone, class_occurrence_id)
      select ${actor.orgId}::uuid, 'class', 'active', ${who.id}::uuid, ${body.resource_id ?? null}::uuid,
             tstzrange(${body.starts_at}::timestamptz, ${body.ends_at}::timestamptz, '[)'), ${who.timezone}, c.id from c`);
  } catch (error) {
    if (pgErrorCode(error) === PG.exclusionViolation) throw new AppError('conflict', 'The instructor or the room is already taken then (time off, another class or a session).');
    throw error;
  }
  const result = { ok: true, stranded: [], ids: [id] };
  await changed(tx, actor, 'class', [who.id], result, false, ctx);
  return result;
}

export async function removeClass(tx: Tx, actor: Actor, id: string, ctx: EventContext): Promise<ChangeResult> {
  managersOnly(actor, 'remove group classes');
  const gone = await rows(tx, sql`delete from class_occurrences where org_id = ${actor.orgId}::uuid and id = ${id}::uuid returning instructor_id`);
  if (!gone.length) throw new AppError('not_found', 'No such class.');
  // Its block goes with it (foreign key, on delete cascade).
  const result = { ok: true, stranded: [], ids: [id] };
  await changed(tx, actor, 'class_removed', [String(gone[0]!.instructor_id)], result, false, ctx);
  return result;
}

export async function addRoom(tx: Tx, actor: Actor, body: RoomBody, ctx: EventContext): Promise<{ id: string; name: string; location_id: string }> {
  managersOnly(actor, 'add rooms');
  const [loc] = await rows(tx, sql`select id from locations where org_id = ${actor.orgId}::uuid and id = ${body.location_id}::uuid`);
  if (!loc) throw invalid('location_id', 'is not a location of this studio');
  const id = randomUUID();
  await rows(tx, sql`insert into resources (id, org_id, location_id, name) values (${id}::uuid, ${actor.orgId}::uuid, ${body.location_id}::uuid, ${body.name})`);
  await recordEvent(tx, { orgId: actor.orgId, type: 'room.added', subjectId: id, payload: { location_id: body.location_id } }, ctx);
  return { id, name: body.name, location_id: body.location_id };
}

/** One event per change: who changed whose availability, and which sessions it knowingly left outside the hours. */
async function changed(tx: Tx, actor: Actor, what: string, instructorIds: string[] | null, result: ChangeResult, forced: boolean, ctx: EventContext): Promise<void> {
  // The studio's event log is written by managers and the server; an instructor's own change was made as them, above.
  if (actor.role === 'instructor') await asSystem(tx, 'availability: the instructor changed their own hours as themselves; this records the event');
  await recordEvent(tx, {
    orgId: actor.orgId, type: 'availability.changed', subjectId: instructorIds?.[0] ?? actor.orgId,
    payload: { what, by: actor.staffId, instructor_ids: instructorIds, ids: result.ids, forced, stranded_session_ids: result.stranded.map((s) => s.id) },
  }, ctx);
}
