/**
 * An instructor's week as the console shows it: the weekly hours and date overrides as written,
 * the open time they make (closures taken out), time off, group classes and booked sessions,
 * the studio's closures; the rooms, feeds and closures lists. Read as the caller: an instructor
 * sees only their own, managers and owners anyone's.
 */
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Tx } from '../../platform/db/database.ts';
import { rows } from '../../platform/db/prepared.ts';
import { closureIntervals, openTime, type Closure } from './domain/closures.ts';
import type { DateOverride, WeeklyRule } from './domain/types.ts';
import { instructorFor, type Actor } from './manage.mutations.ts';

type Span = { starts_at: string; ends_at: string };
/** An instructor's week (see the file's comment); the admin surface answers it as is. */
export interface InstructorWeek {
  instructor: { id: string; name: string; timezone: string };
  instructors: { id: string; name: string }[];
  from: string; to: string;
  weekly: { id: string; weekday: number; start: string; end: string; location_id: string | null; valid_from: string | null; valid_until: string | null }[];
  overrides: { id: string; date: string; kind: string; start: string | null; end: string | null }[];
  open: Span[];
  time_off: (Span & { id: string; note: string })[];
  classes: (Span & { id: string; instructor_id: string; title: string; resource_id: string | null; feed_id: string | null })[];
  sessions: (Span & { id: string; booking_id: string; status: string; program: string; customer: string })[];
  closures: { id: string; starts_on: string; ends_on: string; name: string; timezone: string }[];
  locations: { id: string; name: string }[];
}

export interface StudioRooms { locations: { id: string; name: string; timezone: string; rooms: { id: string; name: string }[] }[] }

const iso = (v: unknown) => new Date(v instanceof Date ? v.getTime() : String(v)).toISOString();
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

export async function instructorWeek(tx: Tx, actor: Actor, q: { instructor?: string | undefined; from?: string | undefined; days: number }, now: Date): Promise<InstructorWeek> {
  const who = await instructorFor(tx, actor, q.instructor ?? actor.staffId);
  const startDay = q.from ? DateTime.fromISO(q.from, { zone: who.timezone }) : DateTime.fromJSDate(now, { zone: who.timezone }).startOf('week');
  const endDay = startDay.plus({ days: q.days });
  const from = startDay.toMillis();
  const to = endDay.toMillis();
  const fromIso = new Date(from).toISOString();
  const toIso = new Date(to).toISOString();
  const org = actor.orgId;

  const [rules, blocks, classes, sessions, closures, locations, staff] = await Promise.all([
    rows(tx, sql`select id, kind, weekday, on_date::text as on_date, to_char(start_time, 'HH24:MI') as start_time, to_char(end_time, 'HH24:MI') as end_time,
        valid_from::text as valid_from, valid_until::text as valid_until, location_id
      from availability_rules where org_id = ${org}::uuid and instructor_id = ${who.id}::uuid order by kind, weekday, on_date, start_time`),
    rows(tx, sql`select id, lower(during) as s, upper(during) as e, coalesce(note, '') as note from schedule_blocks
      where org_id = ${org}::uuid and instructor_id = ${who.id}::uuid and kind = 'time_off' and status <> 'cancelled'
        and during && tstzrange(${fromIso}::timestamptz, ${toIso}::timestamptz, '[)') order by lower(during)`),
    rows(tx, sql`select id, instructor_id, title, starts_at, ends_at, resource_id, feed_id from class_occurrences
      where org_id = ${org}::uuid and instructor_id = ${who.id}::uuid and starts_at < ${toIso}::timestamptz and ends_at > ${fromIso}::timestamptz order by starts_at`),
    rows(tx, sql`select s.id, s.booking_id, s.starts_at, s.ends_at, s.status, p.title, coalesce(bk.customer_name, '') as customer
      from program_sessions s join program_bookings bk on bk.org_id = s.org_id and bk.id = s.booking_id
      join programs p on p.org_id = bk.org_id and p.id = bk.program_id
      where s.org_id = ${org}::uuid and bk.instructor_id = ${who.id}::uuid and s.starts_at < ${toIso}::timestamptz and s.ends_at > ${fromIso}::timestamptz
        and s.status <> 'cancelled' and bk.status <> 'cancelled' order by s.starts_at`),
    rows(tx, sql`select id, starts_on::text as starts_on, ends_on::text as ends_on, name, timezone from studio_closures
      where org_id = ${org}::uuid and ends_on >= ${startDay.minus({ days: 1 }).toISODate()}::date and starts_on <= ${endDay.plus({ days: 1 }).toISODate()}::date order by starts_on`),
    rows(tx, sql`select id, name from locations where org_id = ${org}::uuid order by name`),
    actor.role === 'instructor' ? Promise.resolve([{ id: who.id, name: who.name }])
      // Whoever delivers a program has hours to keep, whatever their role (an owner who teaches too).
      : rows(tx, sql`select id, name from staff s where org_id = ${org}::uuid and is_active and (role = 'instructor' or id = ${actor.staffId}::uuid
          or exists (select 1 from program_instructors pi where pi.org_id = s.org_id and pi.staff_id = s.id)) order by name`),
  ]);

  const weekly: WeeklyRule[] = [];
  const overrides: DateOverride[] = [];
  const byDate = new Map<string, DateOverride>();
  for (const r of rules) {
    const end = r.end_time === '00:00' ? '24:00' : String(r.end_time ?? '');
    if (r.kind === 'weekly') {
      weekly.push({ weekday: Number(r.weekday) as WeeklyRule['weekday'], start: String(r.start_time), end, ...(r.valid_from ? { validFrom: String(r.valid_from) } : {}), ...(r.valid_until ? { validUntil: String(r.valid_until) } : {}) });
    } else {
      const key = `${String(r.on_date)}|${String(r.kind)}`;
      let o = byDate.get(key);
      if (!o) { o = { date: String(r.on_date), kind: r.kind as DateOverride['kind'], intervals: [] }; byDate.set(key, o); overrides.push(o); }
      if (r.kind !== 'closed') o.intervals.push({ start: String(r.start_time), end });
    }
  }
  const closed = closureIntervals(closures.map((c): Closure => ({ startsOn: String(c.starts_on), endsOn: String(c.ends_on), timezone: String(c.timezone) })));
  const open = openTime({ timezone: who.timezone, rules: weekly, overrides, closed }, from, to);

  return {
    instructor: who,
    instructors: staff.map((s) => ({ id: String(s.id), name: String(s.name) })),
    from: startDay.toISODate()!, to: endDay.minus({ days: 1 }).toISODate()!,
    weekly: rules.filter((r) => r.kind === 'weekly').map((r) => ({
      id: String(r.id), weekday: Number(r.weekday), start: String(r.start_time), end: r.end_time === '00:00' ? '24:00' : String(r.end_time),
      location_id: str(r.location_id), valid_from: str(r.valid_from), valid_until: str(r.valid_until),
    })),
    overrides: rules.filter((r) => r.kind !== 'weekly').map((r) => ({
      id: String(r.id), date: String(r.on_date), kind: String(r.kind), start: str(r.start_time), end: r.end_time === '00:00' ? '24:00' : str(r.end_time),
    })),
    open: open.map((o) => ({ starts_at: new Date(o.start).toISOString(), ends_at: new Date(o.end).toISOString() })),
    time_off: blocks.map((b) => ({ id: String(b.id), starts_at: iso(b.s), ends_at: iso(b.e), note: String(b.note) })),
    classes: classes.map((c) => ({ id: String(c.id), instructor_id: String(c.instructor_id), title: String(c.title), starts_at: iso(c.starts_at), ends_at: iso(c.ends_at), resource_id: str(c.resource_id), feed_id: str(c.feed_id) })),
    sessions: sessions.map((s) => ({ id: String(s.id), booking_id: String(s.booking_id), starts_at: iso(s.starts_at), ends_at: iso(s.ends_at), status: String(s.status), program: String(s.title), customer: String(s.customer) })),
    closures: closures.map((c) => ({ id: String(c.id), starts_on: String(c.starts_on), ends_on: String(c.ends_on), name: String(c.name), timezone: String(c.timezone) })),
    locations: locations.map((l) => ({ id: String(l.id), name: String(l.name) })),
  };
}

export async function listClosures(tx: Tx, orgId: string) {
  const list = await rows(tx, sql`select id, starts_on::text as starts_on, ends_on::text as ends_on, name, timezone from studio_closures where org_id = ${orgId}::uuid order by starts_on`);
  return list.map((c) => ({ id: String(c.id), starts_on: String(c.starts_on), ends_on: String(c.ends_on), name: String(c.name), timezone: String(c.timezone) }));
}

export async function listRooms(tx: Tx, orgId: string): Promise<StudioRooms> {
  const list = await rows(tx, sql`select l.id, l.name, l.timezone,
      coalesce((select json_agg(json_build_object('id', r.id, 'name', r.name) order by r.name) from resources r where r.org_id = l.org_id and r.location_id = l.id), '[]')::text as rooms
    from locations l where l.org_id = ${orgId}::uuid order by l.name`);
  return { locations: list.map((l) => ({ id: String(l.id), name: String(l.name), timezone: String(l.timezone), rooms: JSON.parse(String(l.rooms)) as { id: string; name: string }[] })) };
}
