/** Reading automations and their runs' log, as the caller's policies show them (owners and managers). */
import { and, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import type { AutomationRow, RunRow } from './runs.mutations.ts';

export type StepRow = typeof t.automationRunActions.$inferSelect;

export function automationsOf(tx: Tx, orgId: string): Promise<AutomationRow[]> {
  return tx.select().from(t.automations).where(and(eq(t.automations.orgId, orgId), isNull(t.automations.deletedAt))).orderBy(t.automations.createdAt).limit(500);
}

export async function automationById(tx: Tx, orgId: string, id: string): Promise<AutomationRow | undefined> {
  const [row] = await tx.select().from(t.automations).where(and(eq(t.automations.orgId, orgId), eq(t.automations.id, id), isNull(t.automations.deletedAt)));
  return row;
}

export interface RunWithSteps { run: RunRow; steps: StepRow[] }

/** An automation's runs, newest first (before `before` when given), each with its steps in order. */
export async function runsOf(tx: Tx, orgId: string, automationId: string, page: { limit: number; status?: string | undefined; before?: Date | undefined }): Promise<RunWithSteps[]> {
  const runs = await tx.select().from(t.automationRuns).where(and(
    eq(t.automationRuns.orgId, orgId), eq(t.automationRuns.automationId, automationId),
    page.status ? eq(t.automationRuns.status, page.status) : undefined,
    page.before ? lt(t.automationRuns.createdAt, page.before) : undefined,
  )).orderBy(desc(t.automationRuns.createdAt), desc(t.automationRuns.id)).limit(page.limit);
  const steps = runs.length ? await tx.select().from(t.automationRunActions)
    .where(and(eq(t.automationRunActions.orgId, orgId), inArray(t.automationRunActions.runId, runs.map((r) => r.id))))
    .orderBy(t.automationRunActions.position) : [];
  return runs.map((run) => ({ run, steps: steps.filter((s) => s.runId === run.id) }));
}

/** The automation, removed or not (a removed one's log stays readable). */
export async function automationWithRemoved(tx: Tx, orgId: string, id: string): Promise<AutomationRow | undefined> {
  const [row] = await tx.select().from(t.automations).where(and(eq(t.automations.orgId, orgId), eq(t.automations.id, id)));
  return row;
}
