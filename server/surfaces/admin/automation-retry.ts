/**
 * POST /v1/admin/automations/:id/runs/:runId/retry: a failed run tried again from the action that
 * failed (the console's run log offers it). Answers the run as the log shows it. Owners and
 * managers; an instructor and another studio: 404; a run that has not failed: 409 `invalid_state`.
 */
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import type { Tx } from '../../platform/db/database.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { AppError } from '../../platform/errors.ts';
import { retryFailedRun, runWithSteps } from '../../modules/automations/index.ts';
import { RunOut, RunParams } from '../../../schema/api/admin-automations.ts';
import { problemResponses } from '../openapi-shared.ts';
import { staffAction } from './staff-action.ts';
import { runOut } from './automations.out.ts';

const key = [{ name: 'Idempotency-Key', in: 'header' as const, required: true, schema: { type: 'string' as const } }];

export function adminAutomationRetryRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().post('/automations/:id/runs/:runId/retry',
    describeRoute({
      tags: ['admin'], summary: 'Retry a failed automation run',
      description: 'The action that failed after its last attempt runs again now with a fresh set of attempts, and the actions skipped after it follow; actions that succeeded are not done again. Only a `failed` run (else 409 `invalid_state`). Owners and managers.',
      security: [{ secretKey: [] }], parameters: key,
      responses: { 200: { description: 'The run, running again', content: { 'application/json': { schema: resolver(RunOut) } } }, ...problemResponses(400, 401, 404, 409, 422) },
    }),
    idempotencyKeyRequired(),
    validate('param', RunParams),
    async (c) => {
      const staff = c.get('staff');
      if (staff.role === 'instructor') throw new AppError('not_found', 'No such automation run.');
      const { id, runId } = c.req.valid('param');
      const found = async (tx: Tx) => {
        const run = await runWithSteps(tx, staff.orgId, id, runId);
        if (!run) throw new AppError('not_found', 'No such automation run.');
        return run;
      };
      return staffAction(c, deps, { path: `automations/${id}/runs/${runId}/retry`, body: {} }, found, async (tx, _run, now) => {
        const out = await retryFailedRun(tx, now, staff.orgId, id, runId);
        if (!out.ok) throw new AppError(out.reason === 'not_found' ? 'not_found' : 'invalid_state', out.reason === 'not_found' ? 'No such automation run.' : 'Only a failed run can be retried.');
        return { status: 200, body: runOut((await runWithSteps(tx, staff.orgId, id, runId))!) };
      });
    });
}
