/** Automations and their runs as the admin API answers them (schema/api/admin-automations.ts). */
import type { AutomationRow, RunWithSteps } from '../../modules/automations/index.ts';
import type { AutomationOut, RunOut } from '../../../schema/api/admin-automations.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function automationOut(a: AutomationRow): AutomationOut {
  return {
    id: a.id, name: a.name, enabled: a.enabled, trigger: a.trigger as AutomationOut['trigger'], delay_minutes: a.delayMinutes,
    conditions: a.conditions, actions: a.actions as AutomationOut['actions'], created_at: a.createdAt.toISOString(), updated_at: a.updatedAt.toISOString(),
  };
}

export function runOut({ run, steps }: RunWithSteps): RunOut {
  return {
    id: run.id, trigger_key: run.triggerKey, context: run.context, customer_id: run.customerId, booking_id: run.bookingId,
    status: run.status as RunOut['status'], skip_reason: run.skipReason, due_at: run.dueAt.toISOString(),
    started_at: iso(run.startedAt), finished_at: iso(run.finishedAt), created_at: run.createdAt.toISOString(),
    actions: steps.map((s) => ({
      position: s.position, type: s.type, status: s.status as RunOut['actions'][number]['status'], attempts: s.attempts,
      next_attempt_at: iso(s.nextAttemptAt), last_error: s.lastError, result: s.result ?? null, finished_at: iso(s.finishedAt),
    })),
  };
}
