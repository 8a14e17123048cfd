/**
 * What the availability engine needs from the database: instructors' rules as WeeklyRule /
 * DateOverride, and their busy time (and a room's) from schedule_blocks. The booking and
 * slots paths call it after `asSystem`: rules and blocks are staff data, and blocks are
 * read through live_blocks_between(), which answers system, owner and manager callers only.
 *
 * A `held` block whose hold has expired is not busy: it is returned apart (`expired`) so the
 * booking path can release the holds it runs into.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rows } from '../../platform/db/prepared.ts';
import type { DateOverride, InstructorCalendar, Interval, WeeklyRule } from './domain/index.ts';
import { MAX_HORIZON_DAYS, closureIntervals, type Closure, type SlotSettings } from './domain/index.ts';
import type { SchedulingSettings } from '../../../schema/db/programs.ts';

export interface BlockRow {
  id: string;
  instructorId: string | null;
  resourceId: string | null;
  status: 'held' | 'active';
  start: number;
  end: number;
  holdExpiresAt: number | null;
}

export interface Calendars {
  /** In the order of the instructors asked for. */
  calendars: InstructorCalendar[];
  /** The room's busy time, when a room was asked for. */
  roomBusy: Interval[] | undefined;
  /** Held blocks whose hold has expired: not busy, still in the table until released. */
  expired: BlockRow[];
  /** When the first hold still busy here lapses (and its time is free again); null: none held. */
  nextLapse: number | null;
}

export interface CalendarRequest {
  orgId: string;
  instructors: { id: string; timezone: string }[];
  resourceId?: string | null | undefined;
  /** Busy time is read for [from, to). */
  from: number;
  to: number;
  now: number;
  /** Blocks to leave out (a session's own block when it moves). */
  ignoreBlockIds?: string[];
  /** The program's location: weekly hours kept for another location do not count; hours without one always do. */
  locationId?: string | null | undefined;
}

/** A Postgres array literal of UUIDs (already validated), so the statement text stays the same and stays prepared. */
export function uuidArray(ids: readonly string[]): string {
  return `{${ids.join(',')}}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A program's scheduling settings for the engine. */
export function slotSettingsOf(program: { sessionLengthMin: number; scheduling: SchedulingSettings }): SlotSettings {
  const s = program.scheduling;
  return {
    sessionLengthMin: program.sessionLengthMin,
    bufferBeforeMin: s.buffer_before_min ?? 0,
    bufferAfterMin: s.buffer_after_min ?? 0,
    minNoticeMin: s.min_notice_min ?? 0,
    horizonDays: Math.min(s.horizon_days ?? 90, MAX_HORIZON_DAYS),
    stepMin: s.slot_step_min ?? 30,
  };
}

/** The studio's closures touching [from, to) (instants), as the local dates they were written in. */
export async function loadClosures(tx: Tx, orgId: string, from: number, to: number): Promise<Closure[]> {
  const list = await rows(tx, sql`select starts_on::text as starts_on, ends_on::text as ends_on, timezone from studio_closures
    where org_id = ${orgId}::uuid and ends_on >= (${iso(from)}::timestamptz at time zone 'UTC')::date - 1 and starts_on <= (${iso(to)}::timestamptz at time zone 'UTC')::date + 1`);
  return list.map((r) => ({ startsOn: String(r.starts_on), endsOn: String(r.ends_on), timezone: String(r.timezone) }));
}

/** Rules, busy time and the studio's closures of some instructors (and a room), in three statements sent together. */
export async function loadCalendars(tx: Tx, req: CalendarRequest): Promise<Calendars> {
  const ids = uuidArray(req.instructors.map((i) => i.id));
  const [ruleRows, blockRows, closures] = await Promise.all([
    rows(tx, sql`select instructor_id, kind, weekday, on_date::text as on_date,
        to_char(start_time, 'HH24:MI') as start_time, to_char(end_time, 'HH24:MI') as end_time,
        valid_from::text as valid_from, valid_until::text as valid_until, timezone
      from availability_rules
      where org_id = ${req.orgId}::uuid and instructor_id = any(${ids}::uuid[])
        and (location_id is null or ${req.locationId ?? null}::uuid is null or location_id = ${req.locationId ?? null}::uuid)`),
    // through live_blocks_between (migration 0007): under RLS `during && …` could not use the index
    rows(tx, sql`select id, instructor_id, resource_id, status,
        (extract(epoch from lower(during)) * 1000)::float8 as s,
        (extract(epoch from upper(during)) * 1000)::float8 as e,
        (extract(epoch from hold_expires_at) * 1000)::float8 as h
      from live_blocks_between(${ids}::uuid[], ${req.resourceId ?? null}::uuid, ${iso(req.from)}::timestamptz, ${iso(req.to)}::timestamptz)`),
    loadClosures(tx, req.orgId, req.from, req.to),
  ]);
  const closed = closureIntervals(closures);

  const byInstructor = new Map<string, InstructorCalendar>();
  const zoneSeen = new Set<string>();
  for (const i of req.instructors) byInstructor.set(i.id, { instructorId: i.id, timezone: i.timezone, rules: [], overrides: [], busy: [], closed });
  const overrideIndex = new Map<string, DateOverride>();
  for (const r of ruleRows) {
    const cal = byInstructor.get(String(r.instructor_id));
    if (!cal) continue;
    // Rules are written in their own zone; an instructor's rules share one (the first wins).
    if (!zoneSeen.has(cal.instructorId)) { zoneSeen.add(cal.instructorId); cal.timezone = String(r.timezone); }
    const start = r.start_time ? String(r.start_time) : '';
    const end = r.end_time ? (String(r.end_time) === '00:00' ? '24:00' : String(r.end_time)) : '';
    if (r.kind === 'weekly') {
      const rule: WeeklyRule = { weekday: Number(r.weekday) as WeeklyRule['weekday'], start, end };
      if (r.valid_from) rule.validFrom = String(r.valid_from);
      if (r.valid_until) rule.validUntil = String(r.valid_until);
      cal.rules.push(rule);
    } else {
      const kind = r.kind as DateOverride['kind'];
      const key = `${cal.instructorId}|${String(r.on_date)}|${kind}`;
      let o = overrideIndex.get(key);
      if (!o) {
        o = { date: String(r.on_date), kind, intervals: [] };
        overrideIndex.set(key, o);
        cal.overrides.push(o);
      }
      if (kind !== 'closed' && start && end) o.intervals.push({ start, end });
    }
  }

  const ignore = new Set(req.ignoreBlockIds ?? []);
  const expired: BlockRow[] = [];
  const roomBusy: Interval[] | undefined = req.resourceId ? [] : undefined;
  let nextLapse: number | null = null;
  for (const r of blockRows) {
    const block: BlockRow = {
      id: String(r.id),
      instructorId: r.instructor_id ? String(r.instructor_id) : null,
      resourceId: r.resource_id ? String(r.resource_id) : null,
      status: r.status as BlockRow['status'],
      start: Number(r.s),
      end: Number(r.e),
      holdExpiresAt: r.h === null || r.h === undefined ? null : Number(r.h),
    };
    if (ignore.has(block.id)) continue;
    if (block.status === 'held' && block.holdExpiresAt !== null && block.holdExpiresAt <= req.now) {
      expired.push(block);
      continue;
    }
    if (block.status === 'held' && block.holdExpiresAt !== null && (nextLapse === null || block.holdExpiresAt < nextLapse)) nextLapse = block.holdExpiresAt;
    const interval = { start: block.start, end: block.end };
    if (block.instructorId) byInstructor.get(block.instructorId)?.busy.push(interval);
    if (roomBusy && block.resourceId === req.resourceId) roomBusy.push(interval);
  }
  return { calendars: req.instructors.map((i) => byInstructor.get(i.id)!), roomBusy, expired, nextLapse };
}
