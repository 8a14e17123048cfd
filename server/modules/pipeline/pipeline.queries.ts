/**
 * The studio's bookings as a pipeline: one status per booking (its column), filters, counts per
 * status and keyset pages, read as the staff member (an instructor's policies show only the
 * bookings they conduct, and their customers).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rows } from '../../platform/db/prepared.ts';
import { AppError } from '../../platform/errors.ts';
import { DEFAULT_ATTENDANCE_GRACE_HOURS } from '../../../schema/db/index.ts';
import { PIPELINE_STATUSES, decodeCursor, encodeCursor, type PipelineStatus } from './domain/index.ts';

export interface PipelineFilters {
  statuses?: PipelineStatus[] | undefined;
  /** A program's slug or id. */
  program?: string | undefined;
  instructorId?: string | undefined;
  /** Bookings with a session starting within [from, to). */
  from?: string | undefined;
  to?: string | undefined;
  /** Part of the customer's name, e-mail or phone, or the booking's id. */
  q?: string | undefined;
  source?: string | undefined;
}

export interface PipelineRow {
  id: string;
  status: PipelineStatus;
  bookingStatus: string;
  program: { id: string; slug: string; title: string };
  customer: { id: string; name: string; email: string };
  instructor: { id: string; name: string };
  nextSession: { id: string; startsAt: Date; endsAt: Date; timezone: string } | null;
  sessionsCount: number;
  totalPrice: number;
  currency: string;
  source: Record<string, string>;
  createdAt: Date;
}

/** The pipeline status of a booking `b` of program `p`, at `now` (one SQL expression, so filters and counts agree). */
export function pipelineStatusSql(now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  return sql`case
    when b.status = 'cancelled' then 'cancelled'
    when b.status = 'completed' then 'completed'
    when b.payment_overdue then 'payment_overdue'
    when b.status = 'reserved' then 'reserved'
    when exists (select 1 from program_sessions s where s.org_id = b.org_id and s.booking_id = b.id and s.status = 'scheduled'
                  and s.ends_at <= ${at}
                  and ${at} < s.ends_at + make_interval(hours => coalesce((p.policies->>'attendance_grace_hours')::int, ${DEFAULT_ATTENDANCE_GRACE_HOURS})))
      then 'awaiting_attendance'
    when b.status = 'in_progress' then 'in_progress'
    else 'confirmed' end`;
}

const likeEscaped = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every filter but the status, as conditions on `b` (bookings), `p` (programs), `c` (customers). */
function filterSql(orgId: string, f: PipelineFilters): SQL {
  const parts: SQL[] = [sql`b.org_id = ${orgId}::uuid`];
  if (f.program) parts.push(UUID.test(f.program) ? sql`(p.slug = ${f.program} or p.id = ${f.program}::uuid)` : sql`p.slug = ${f.program}`);
  if (f.instructorId) parts.push(sql`b.instructor_id = ${f.instructorId}::uuid`);
  if (f.from || f.to) {
    parts.push(sql`exists (select 1 from program_sessions s where s.org_id = b.org_id and s.booking_id = b.id
      ${f.from ? sql`and s.starts_at >= ${f.from}::timestamptz` : sql``} ${f.to ? sql`and s.starts_at < ${f.to}::timestamptz` : sql``})`);
  }
  if (f.q) {
    const like = likeEscaped(f.q);
    parts.push(sql`(coalesce(b.customer_name, c.name) ilike ${like} or c.email ilike ${like} or coalesce(b.customer_phone, c.phone, '') ilike ${like}
      ${UUID.test(f.q) ? sql`or b.id = ${f.q}::uuid` : sql``})`);
  }
  if (f.source) parts.push(sql`(b.source->>'utm_source' = ${f.source} or b.source->>'channel' = ${f.source})`);
  return sql.join(parts, sql` and `);
}

function baseSql(orgId: string, f: PipelineFilters, now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  return sql`select b.id, b.status::text as booking_status, ${pipelineStatusSql(now)} as pipeline_status,
      p.id as program_id, p.slug, p.title, c.id as customer_id, coalesce(b.customer_name, c.name) as customer_name, c.email,
      b.instructor_id, coalesce(st.name, '') as instructor_name, b.sessions_count, b.total_price, b.currency, b.source, b.created_at,
      ns.id as next_id, ns.starts_at as next_starts_at, ns.ends_at as next_ends_at, ns.timezone as next_timezone
    from program_bookings b
    join programs p on p.org_id = b.org_id and p.id = b.program_id
    join customers c on c.org_id = b.org_id and c.id = b.customer_id
    left join staff st on st.org_id = b.org_id and st.id = b.instructor_id
    left join lateral (select s.id, s.starts_at, s.ends_at, s.timezone from program_sessions s
       where s.org_id = b.org_id and s.booking_id = b.id and s.status = 'scheduled' and s.ends_at > ${at}
       order by s.starts_at limit 1) ns on true
    where ${filterSql(orgId, f)}`;
}

const instant = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

function rowOf(r: Record<string, unknown>): PipelineRow {
  return {
    id: String(r.id), status: r.pipeline_status as PipelineStatus, bookingStatus: String(r.booking_status),
    program: { id: String(r.program_id), slug: String(r.slug), title: String(r.title) },
    customer: { id: String(r.customer_id), name: String(r.customer_name ?? ''), email: String(r.email) },
    instructor: { id: String(r.instructor_id), name: String(r.instructor_name) },
    nextSession: r.next_id ? { id: String(r.next_id), startsAt: instant(r.next_starts_at), endsAt: instant(r.next_ends_at), timezone: String(r.next_timezone) } : null,
    sessionsCount: Number(r.sessions_count), totalPrice: Number(r.total_price), currency: String(r.currency),
    source: (typeof r.source === 'string' ? JSON.parse(r.source) : r.source ?? {}) as Record<string, string>,
    createdAt: instant(r.created_at),
  };
}

function statusSql(statuses: PipelineStatus[] | undefined): SQL {
  return statuses && statuses.length ? sql`and pipeline_status in (${sql.join(statuses.map((s) => sql`${s}`), sql`, `)})` : sql``;
}

export interface PipelinePage { rows: PipelineRow[]; counts: Record<PipelineStatus, number>; nextCursor: string | null }

/** One page (newest bookings first) with the counts per status over every filter but the status. */
export async function pipelinePage(tx: Tx, orgId: string, f: PipelineFilters, page: { cursor?: string | undefined; limit: number }, now: Date): Promise<PipelinePage> {
  const position = page.cursor === undefined ? null : decodeCursor(page.cursor);
  if (page.cursor !== undefined && !position) throw new AppError('validation_failed', undefined, { errors: [{ field: 'cursor', message: 'is not a cursor this list gave' }] });
  const after = position ? sql`and (created_at, id) < (${position.createdAt}::timestamptz, ${position.id}::uuid)` : sql``;
  const [found, counted] = await Promise.all([
    rows(tx, sql`select *, created_at::text as created_exact from (${baseSql(orgId, f, now)}) x where true ${statusSql(f.statuses)} ${after}
      order by created_at desc, id desc limit ${page.limit + 1}`),
    rows(tx, sql`select pipeline_status, count(*)::int as n from (${baseSql(orgId, f, now)}) x group by pipeline_status`),
  ]);
  const counts = Object.fromEntries(PIPELINE_STATUSES.map((s) => [s, 0])) as Record<PipelineStatus, number>;
  for (const r of counted) counts[r.pipeline_status as PipelineStatus] = Number(r.n);
  const more = found.length > page.limit;
  const shown = found.slice(0, page.limit);
  const last = shown[shown.length - 1];
  return {
    rows: shown.map(rowOf),
    counts,
    nextCursor: more && last ? encodeCursor({ createdAt: String(last.created_exact), id: String(last.id) }) : null,
  };
}

/** Every matching booking (newest first, at most `max`), for the CSV export. */
export async function pipelineExport(tx: Tx, orgId: string, f: PipelineFilters, now: Date, max: number): Promise<PipelineRow[]> {
  const found = await rows(tx, sql`select * from (${baseSql(orgId, f, now)}) x where true ${statusSql(f.statuses)} order by created_at desc, id desc limit ${max}`);
  return found.map(rowOf);
}
