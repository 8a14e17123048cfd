/** One run of an automation with its steps in order (the console's retry answers it), as the caller's policies show it. */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import type { RunWithSteps } from './automations.queries.ts';

export async function runWithSteps(tx: Tx, orgId: string, automationId: string, runId: string): Promise<RunWithSteps | undefined> {
  const [run] = await tx.select().from(t.automationRuns)
    .where(and(eq(t.automationRuns.orgId, orgId), eq(t.automationRuns.automationId, automationId), eq(t.automationRuns.id, runId)));
  if (!run) return undefined;
  const steps = await tx.select().from(t.automationRunActions)
    .where(and(eq(t.automationRunActions.orgId, orgId), eq(t.automationRunActions.runId, runId))).orderBy(t.automationRunActions.position);
  return { run, steps };
}
