/**
 * The schedule's side of automations (`automations.sweep`, one waiting job per studio, every
 * SWEEP_EVERY_MS while it has a swept automation, and one soon after any event of the studio):
 * the times of sessions and milestones (a session's start or end, a milestone's due date, plus the
 * automation's offset) from the last sweep to SWEEP_AHEAD_MS ahead become runs due at those very
 * instants (the run checks at its instant that the time still holds), and the customers who entered a
 * segment since then become runs at once, each once (its trigger key). A segment's members when the
 * automation first looks are recorded without a run.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import * as t from '../../../schema/db/index.ts';
import { segmentMembers } from '../marketing/index.ts';
import { SWEEP_AHEAD_MS, SWEEP_EVERY_MS, isSwept, newMembers, passedAnchors, triggerKeys } from './domain/index.ts';
import { anchorsBetween } from './anchors.queries.ts';
import { SWEEP_QUEUE, addRun, type AutomationRow } from './runs.mutations.ts';

/** The studio's waiting sweep: one at a time (a second ask while one waits is dropped). */
export const sweepKey = (orgId: string) => `automations-sweep:${orgId}`;

export function planSweep(tx: Tx, orgId: string, at: Date): Promise<void> {
  return enqueue(tx, SWEEP_QUEUE, { orgId }, { startAfter: at, singletonKey: sweepKey(orgId) });
}

/**
 * A sweep right after this transaction commits (an automation created or changed, an event that may
 * have moved a customer into a segment or added a session), beside the periodic one that may be
 * waiting minutes ahead (its own key: several asks while one waits are one sweep). Sweeps of a studio
 * never overlap (the automations are locked), so the two are safe together.
 */
export function sweepSoon(tx: Tx, orgId: string, now: Date): Promise<void> {
  return enqueue(tx, SWEEP_QUEUE, { orgId }, { startAfter: now, singletonKey: `automations-sweep-soon:${orgId}` });
}

/** Whether the studio has an enabled automation the sweep serves (segment entered, a session's or milestone's time). */
export async function hasSweptAutomations(tx: Tx, orgId: string): Promise<boolean> {
  const [row] = await tx.select({ id: t.automations.id }).from(t.automations)
    .where(and(eq(t.automations.orgId, orgId), eq(t.automations.enabled, true), isNull(t.automations.deletedAt), isNull(t.automations.triggerEvent))).limit(1);
  return Boolean(row);
}

async function sweepTimes(tx: Tx, a: AutomationRow, from: Date, to: Date): Promise<number> {
  if (a.trigger.kind !== 'session_time') return 0;
  const { anchor, offset_minutes: offset } = a.trigger;
  // The anchors whose time + offset is in (from, to]: look offset earlier. `to` is ahead of now: the
  // run is planned for its instant, not found after it.
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
    // Times already looked at up to now are not looked at again; a segment is compared whenever asked (an event may have moved someone in).
    if (a.trigger.kind === 'session_time' && from.getTime() >= now.getTime() && a.sweptUntil !== null) continue;
    added += a.trigger.kind === 'segment_entered' ? await sweepSegment(tx, a, now) : await sweepTimes(tx, a, from, new Date(now.getTime() + SWEEP_AHEAD_MS));
    await tx.update(t.automations).set({ sweptUntil: now }).where(and(eq(t.automations.orgId, orgId), eq(t.automations.id, a.id)));
  }
  if (swept.length) await planSweep(tx, orgId, new Date(now.getTime() + SWEEP_EVERY_MS));
  return added;
}
