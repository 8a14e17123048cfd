/**
 * The studio's automations (owners and managers, by their policies): created, changed, enabled,
 * disabled, removed. A removed one keeps its runs (the log) and never runs again. Asking for the
 * studio's sweep when an automation needs the schedule (a session time or a segment entry).
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import * as t from '../../../schema/db/index.ts';
import type { AutomationActionJson, AutomationConditionsJson, AutomationTriggerJson } from '../../../schema/db/automations.ts';
import { isSwept, triggerEventOf, ungrantedMailVariables } from './domain/index.ts';
import type { AutomationRow } from './runs.mutations.ts';
import { sweepSoon } from './sweep.mutations.ts';

export interface AutomationInput {
  name: string;
  trigger: AutomationTriggerJson;
  delayMinutes: number;
  conditions: AutomationConditionsJson;
  actions: AutomationActionJson[];
  enabled: boolean;
}

/**
 * A mail that names a variable no earlier action gives (`{{coupon_code}}` without a "grant coupon"
 * before it) could never go out: 422 `mail_variable_not_granted`, naming each field.
 */
export function checkMailVariables(actions: readonly AutomationActionJson[]): void {
  const holes = ungrantedMailVariables(actions);
  if (!holes.length) return;
  throw new AppError('mail_variable_not_granted', 'A mail of this automation names a variable that no earlier action gives.', {
    errors: holes.map((h) => ({
      field: h.field,
      message: h.givenBy === 'grant_coupon' ? `{{${h.variable}}} needs a "Grant a coupon" action before this mail` : `{{${h.variable}}} is no variable a mail can name`,
    })),
  });
}

const where = (a: Pick<AutomationRow, 'orgId' | 'id'>) => and(eq(t.automations.orgId, a.orgId), eq(t.automations.id, a.id), isNull(t.automations.deletedAt));

export async function createAutomation(tx: Tx, now: Date, orgId: string, input: AutomationInput): Promise<AutomationRow> {
  checkMailVariables(input.actions);
  const [row] = await tx.insert(t.automations).values({
    orgId, name: input.name, enabled: input.enabled, trigger: input.trigger, triggerEvent: triggerEventOf(input.trigger),
    delayMinutes: input.delayMinutes, conditions: input.conditions, actions: input.actions, createdAt: now, updatedAt: now,
  }).returning();
  if (row!.enabled && isSwept(row!.trigger)) await sweepSoon(tx, orgId, now);
  return row!;
}

/** Changes what is given. A new trigger starts afresh: the schedule looks from now, a segment's members are taken again. */
export async function updateAutomation(tx: Tx, now: Date, current: AutomationRow, patch: Partial<AutomationInput>): Promise<AutomationRow> {
  if (patch.actions !== undefined) checkMailVariables(patch.actions);
  const newTrigger = patch.trigger !== undefined && JSON.stringify(patch.trigger) !== JSON.stringify(current.trigger);
  if (newTrigger) {
    await tx.delete(t.automationSegmentMembers).where(and(eq(t.automationSegmentMembers.orgId, current.orgId), eq(t.automationSegmentMembers.automationId, current.id)));
  }
  const [row] = await tx.update(t.automations).set({
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.trigger !== undefined ? { trigger: patch.trigger, triggerEvent: triggerEventOf(patch.trigger) } : {}),
    ...(patch.delayMinutes !== undefined ? { delayMinutes: patch.delayMinutes } : {}),
    ...(patch.conditions !== undefined ? { conditions: patch.conditions } : {}),
    ...(patch.actions !== undefined ? { actions: patch.actions } : {}),
    ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
    ...(newTrigger ? { sweptUntil: null } : {}),
    updatedAt: now,
  }).where(where(current)).returning();
  if (row!.enabled && isSwept(row!.trigger)) await sweepSoon(tx, row!.orgId, now);
  return row!;
}

/**
 * Enabled again: a session-time trigger looks from now on (times that passed while it was off do not fire);
 * a segment trigger compares with the members it had seen.
 */
export async function setAutomationEnabled(tx: Tx, now: Date, current: AutomationRow, enabled: boolean): Promise<AutomationRow> {
  const fromNow = enabled && !current.enabled && current.trigger.kind === 'session_time' && current.sweptUntil !== null;
  const [row] = await tx.update(t.automations).set({ enabled, updatedAt: now, ...(fromNow ? { sweptUntil: now } : {}) }).where(where(current)).returning();
  if (row!.enabled && isSwept(row!.trigger)) await sweepSoon(tx, row!.orgId, now);
  return row!;
}

export async function removeAutomation(tx: Tx, now: Date, current: AutomationRow): Promise<void> {
  await tx.update(t.automations).set({ enabled: false, deletedAt: now, updatedAt: now }).where(where(current));
}
