/**
 * The schedule's side of automations (`automations.sweep`, one waiting job per studio, every
 * SWEEP_EVERY_MS while it has a swept automation): the times of sessions and milestones that
 * passed since the last sweep (a session's start or end, a milestone's due date, plus the
 * automation's offset) and the customers who entered a segment since then become runs, each once
 * (its trigger key). A segment's members when the automation first looks are recorded without a run.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { rowsOf } from '../../platform/db/rows.ts';
import * as t from '../../../schema/db/index.ts';
import { segmentMembers } from '../marketing/index.ts';
import { SWEEP_EVERY_MS, isSwept, newMembers, passedAnchors, triggerKeys, type Anchor, type AnchorTime } from './domain/index.ts';
import { SWEEP_QUEUE, addRun, type AutomationRow } from './runs.mutations.ts';

/** The studio's waiting sweep: one at a time (a second ask while one waits is dropped). */
export const sweepKey = (orgId: string) => `automations-sweep:${orgId}`;

export function planSweep(tx: Tx, orgId: string, at: Date): Promise<void> {
  return enqueue(tx, SWEEP_QUEUE, { orgId }, { startAfter: at, singletonKey: sweepKey(orgId) });
}

/** Sessions and milestones of live or finished bookings whose anchor (without the offset) lies in [from, to]. */
async function anchorsBetween(tx: Tx, orgId: string, anchor: Anchor, from: Date, to: Date): Promise<AnchorTime[]> {
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

async function sweepTimes(tx: Tx, a: AutomationRow, from: Date, to: Date): Promise<number> {
  if (a.trigger.kind !== 'session_time') return 0;
  const { anchor, offset_minutes: offset } = a.trigger;
  // The anchors whose time + offset is in (from, to]: look offset earlier.
  const shift = offset * 60_000;
  const anchors = await anchorsBetween(tx, a.orgId, anchor, new Date(from.getTime() - shift), new Date(to.getTime() - shift));
  let added = 0;
  for (const x of passedAnchors(anchors, offset, from.getTime(), to.getTime())) {
    const anchorAt = new Date(x.at).toISOString();
    const id = await addRun(tx, {
      orgId: a.orgId, automation: a, triggerKey: triggerKeys.time(anchor, x.subjectId, anchorAt), triggeredAt: x.fireAt,
      context: { trigger: anchor, subject_id: x.subjectId, anchor_at: anchorAt, booking_id: x.bookingId }, customerId: x.customerId, bookingId: x.bookingId,
    });
    if (id) added++;
  }
  return added;
}

async function sweepSegment(tx: Tx, a: AutomationRow, now: Date): Promise<number> {
  if (a.trigger.kind !== 'segment_entered') return 0;
  const segmentId = a.trigger.segment_id;
  const [segment] = await tx.select().from(t.segments).where(and(eq(t.segments.orgId, a.orgId), eq(t.segments.id, segmentId)));
  if (!segment) return 0;
  const members = (await segmentMembers(tx, a.orgId, segment.filter, { limit: 1_000_000 })).map((m) => m.id);
  const seen = new Set((await tx.select({ id: t.automationSegmentMembers.customerId }).from(t.automationSegmentMembers)
    .where(and(eq(t.automationSegmentMembers.orgId, a.orgId), eq(t.automationSegmentMembers.automationId, a.id)))).map((r) => r.id));
  const fresh = newMembers(members, seen);
  if (fresh.length === 0) return 0;
  await tx.insert(t.automationSegmentMembers).values(fresh.map((customerId) => ({ orgId: a.orgId, automationId: a.id, customerId, firstSeenAt: now }))).onConflictDoNothing();
  // The first look records who is in already: they did not enter.
  if (a.sweptUntil === null) return 0;
  let added = 0;
  for (const customerId of fresh) {
    const id = await addRun(tx, {
      orgId: a.orgId, automation: a, triggerKey: triggerKeys.segment(segmentId, customerId), triggeredAt: now.getTime(),
      context: { trigger: 'segment_entered', segment_id: segmentId }, customerId, bookingId: null,
    });
    if (id) added++;
  }
  return added;
}

/**
 * One sweep of a studio (the server's transaction; the automations locked, so two sweeps never
 * overlap): runs for what passed since each automation's last sweep, and the next sweep planned.
 */
export async function sweepOrg(tx: Tx, now: Date, orgId: string): Promise<number> {
  const swept = (await tx.select().from(t.automations)
    .where(and(eq(t.automations.orgId, orgId), eq(t.automations.enabled, true), isNull(t.automations.deletedAt), isNull(t.automations.triggerEvent)))
    .orderBy(t.automations.id).for('update')).filter((a) => isSwept(a.trigger));
  let added = 0;
  for (const a of swept) {
    const from = a.sweptUntil ?? a.updatedAt;
    if (from.getTime() >= now.getTime() && a.sweptUntil !== null) continue;
    added += a.trigger.kind === 'segment_entered' ? await sweepSegment(tx, a, now) : await sweepTimes(tx, a, from, now);
    await tx.update(t.automations).set({ sweptUntil: now }).where(and(eq(t.automations.orgId, orgId), eq(t.automations.id, a.id)));
  }
  if (swept.length) await planSweep(tx, orgId, new Date(now.getTime() + SWEEP_EVERY_MS));
  return added;
}
