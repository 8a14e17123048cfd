/**
 * The session and milestone times automations fire on: read by the sweep to plan runs, and again by
 * a run at its instant, to see that its time still holds (the session not cancelled nor moved).
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rowsOf } from '../../platform/db/rows.ts';
import type { Anchor, AnchorTime } from './domain/index.ts';

/** Sessions and milestones of live or finished bookings whose anchor (without the offset) lies in [from, to]. */
export async function anchorsBetween(tx: Tx, orgId: string, anchor: Anchor, from: Date, to: Date): Promise<AnchorTime[]> {
  const range = sql`between ${from.toISOString()}::timestamptz and ${to.toISOString()}::timestamptz`;
  const live = sql`b.status in ('confirmed', 'in_progress', 'completed')`;
  const statement = anchor === 'milestone_due'
    ? sql`select m.id || ':' || b.id as subject_id, b.id as booking_id, b.customer_id, f.first + m.due_day_offset * interval '1 day' as at
        from program_bookings b
        cross join lateral (select min(s.starts_at) as first from program_sessions s where s.org_id = b.org_id and s.booking_id = b.id and s.status <> 'cancelled') f
        join program_milestones m on m.org_id = b.org_id and m.program_id = b.program_id and m.due_day_offset is not null
       where b.org_id = ${orgId}::uuid and ${live} and f.first is not null and f.first + m.due_day_offset * interval '1 day' ${range}`
    : sql`select s.id as subject_id, b.id as booking_id, b.customer_id, ${anchor === 'session_start' ? sql`s.starts_at` : sql`s.ends_at`} as at
        from program_sessions s join program_bookings b on b.org_id = s.org_id and b.id = s.booking_id
       where s.org_id = ${orgId}::uuid and ${live} and s.status <> 'cancelled' and ${anchor === 'session_start' ? sql`s.starts_at` : sql`s.ends_at`} ${range}`;
  return rowsOf<Record<string, unknown>>(await tx.execute(statement)).map((r) => ({
    subjectId: String(r.subject_id), bookingId: String(r.booking_id), customerId: String(r.customer_id), at: new Date(String(r.at)).getTime(),
  }));
}

/** Whether a run's anchor (a session or milestone of a booking, at `at`) is still there at that time. */
export async function anchorStillAt(tx: Tx, orgId: string, anchor: Anchor, subjectId: string, at: Date): Promise<boolean> {
  return (await anchorsBetween(tx, orgId, anchor, at, at)).some((a) => a.subjectId === subjectId);
}
