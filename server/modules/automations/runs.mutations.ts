/**
 * Runs: created once per (automation, trigger) by the transaction that records the event, or by the
 * schedule's sweep, with the job that starts them when their delay is over. Starting a run reads its
 * automation and conditions then (a disabled automation or a condition that no longer holds skips
 * it, with the reason), writes its actions as steps and queues the first.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import type { EventContext, RecordedEvent } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import { webhookMessagesOf } from '../webhooks/index.ts';
import { isSegmentMember } from '../marketing/index.ts';
import { checkConditions, plannedAnchorOf, runDueAt, triggerKeys } from './domain/index.ts';
import { anchorStillAt } from './anchors.queries.ts';

export const RUN_QUEUE = 'automations.run';
export const ACTION_QUEUE = 'automations.action';
export const SWEEP_QUEUE = 'automations.sweep';

export type AutomationRow = typeof t.automations.$inferSelect;
export type RunRow = typeof t.automationRuns.$inferSelect;

/** Whether the org has an enabled automation on any of these public events (for statements that record events themselves). */
export function automationInterestSql(orgId: string, types: string[]) {
  return sql`exists (select 1 from automations where org_id = ${orgId}::uuid and enabled and deleted_at is null and trigger_event = any(${`{${types.join(',')}}`}::text[]))`;
}

export interface NewRun { orgId: string; automation: Pick<AutomationRow, 'id' | 'delayMinutes'>; triggerKey: string; triggeredAt: number; context: Record<string, unknown>; customerId: string | null; bookingId: string | null }

/** Adds a run and the job that starts it, once per trigger (a second add of the same key does nothing). */
export async function addRun(tx: Tx, run: NewRun): Promise<string | null> {
  const dueAt = new Date(runDueAt(run.triggeredAt, run.automation.delayMinutes));
  const [row] = await tx.insert(t.automationRuns).values({
    orgId: run.orgId, automationId: run.automation.id, triggerKey: run.triggerKey, context: run.context,
    customerId: run.customerId, bookingId: run.bookingId, dueAt,
  }).onConflictDoNothing().returning({ id: t.automationRuns.id });
  if (!row) return null;
  await enqueue(tx, RUN_QUEUE, { orgId: run.orgId, runId: row.id }, { startAfter: dueAt });
  return row.id;
}

/** The booking an event is about, with its customer, program and variant (none when it is about no booking). */
async function bookingFacts(tx: Tx, orgId: string, id: string | null | undefined) {
  if (!id) return null;
  const [row] = await tx.select({ id: t.programBookings.id, customerId: t.programBookings.customerId, programId: t.programBookings.programId, variantId: t.programBookings.variantId })
    .from(t.programBookings).where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.id, id)));
  return row ?? null;
}

/**
 * In the transaction that records a domain event: one run per enabled automation on its public
 * event(s), keyed by the event's message id, so a run happens once however the event is seen.
 */
export async function fanOutToAutomations(tx: Tx, event: RecordedEvent, ctx: Pick<EventContext, 'now'>): Promise<void> {
  const messages = webhookMessagesOf(event, (id, part) => `${id}:${part}`);
  if (messages.length === 0) return;
  const types = [...new Set(messages.map((m) => m.type))];
  const automations = await tx.select({ id: t.automations.id, delayMinutes: t.automations.delayMinutes, event: t.automations.triggerEvent }).from(t.automations)
    .where(and(eq(t.automations.orgId, event.orgId), eq(t.automations.enabled, true), isNull(t.automations.deletedAt),
      sql`${t.automations.triggerEvent} = any(${`{${types.join(',')}}`}::text[])`));
  if (automations.length === 0) return;
  const booking = await bookingFacts(tx, event.orgId, event.subjectId);
  const payloadCustomer = typeof event.payload.customer_id === 'string' ? event.payload.customer_id : null;
  for (const m of messages) {
    for (const a of automations.filter((x) => x.event === m.type)) {
      const sessionId = typeof m.payload.session_id === 'string' ? m.payload.session_id : null;
      await addRun(tx, {
        orgId: event.orgId, automation: a, triggerKey: triggerKeys.event(m.id), triggeredAt: ctx.now.getTime(),
        context: { trigger: 'event', event: m.type, event_id: m.id, booking_id: booking?.id ?? null, session_id: sessionId },
        customerId: booking?.customerId ?? payloadCustomer, bookingId: booking?.id ?? null,
      });
    }
  }
}

export type StartOutcome = 'started' | 'skipped' | 'not_due' | 'done_already' | 'unknown';

/**
 * Starts a due run (the server's transaction, the run locked): skipped when its automation is
 * disabled or removed, its session or milestone was cancelled or moved, or a condition does not hold now; else its actions become steps and the
 * first is queued.
 */
export async function startRun(tx: Tx, now: Date, orgId: string, runId: string): Promise<StartOutcome> {
  const [run] = await tx.select().from(t.automationRuns).where(and(eq(t.automationRuns.orgId, orgId), eq(t.automationRuns.id, runId))).for('update');
  if (!run) return 'unknown';
  if (run.status !== 'scheduled') return 'done_already';
  if (run.dueAt.getTime() > now.getTime()) {
    await enqueue(tx, RUN_QUEUE, { orgId, runId }, { startAfter: run.dueAt });
    return 'not_due';
  }
  const [automation] = await tx.select().from(t.automations).where(and(eq(t.automations.orgId, orgId), eq(t.automations.id, run.automationId)));
  const skip = async (reason: string) => {
    await tx.update(t.automationRuns).set({ status: 'skipped', skipReason: reason, startedAt: now, finishedAt: now })
      .where(and(eq(t.automationRuns.orgId, orgId), eq(t.automationRuns.id, run.id)));
    return 'skipped' as const;
  };
  if (!automation || !automation.enabled || automation.deletedAt) return skip('automation_disabled');
  // Planned ahead by the sweep: the session or milestone may have been cancelled or moved since (a moved one has a run of its own).
  const planned = plannedAnchorOf(run.context);
  if (planned && !await anchorStillAt(tx, orgId, planned.anchor, planned.subjectId, planned.at)) return skip('anchor_moved');
  const c = automation.conditions;
  const booking = await bookingFacts(tx, orgId, run.bookingId);
  let inSegment: boolean | null = null;
  if (c.segment_id) {
    const [segment] = await tx.select().from(t.segments).where(and(eq(t.segments.orgId, orgId), eq(t.segments.id, c.segment_id)));
    inSegment = Boolean(segment && run.customerId && await isSegmentMember(tx, orgId, segment.filter, run.customerId));
  }
  const outcome = checkConditions(c, { programId: booking?.programId ?? null, variantId: booking?.variantId ?? null, inSegment });
  if (!outcome.ok) return skip(`condition_${outcome.reason}`);
  if (automation.actions.length === 0) {
    await tx.update(t.automationRuns).set({ status: 'succeeded', startedAt: now, finishedAt: now }).where(and(eq(t.automationRuns.orgId, orgId), eq(t.automationRuns.id, run.id)));
    return 'started';
  }
  await tx.insert(t.automationRunActions).values(automation.actions.map((a, position) => ({ orgId, runId: run.id, position, type: a.type, spec: a, nextAttemptAt: now })));
  await tx.update(t.automationRuns).set({ status: 'running', startedAt: now }).where(and(eq(t.automationRuns.orgId, orgId), eq(t.automationRuns.id, run.id)));
  await enqueue(tx, ACTION_QUEUE, { orgId, runId: run.id, position: 0 }, { startAfter: now });
  return 'started';
}
