import { Hono, type Context } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import * as v from 'valibot';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import type { Tx } from '../../platform/db/database.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { AppError } from '../../platform/errors.ts';
import {
  automationById, automationsOf, automationWithRemoved, createAutomation, removeAutomation, runsOf, setAutomationEnabled, updateAutomation,
} from '../../modules/automations/index.ts';
import { endpointById } from '../../modules/webhooks/index.ts';
import { segmentById } from '../../modules/marketing/index.ts';
import { AutomationBody, AutomationOut, AutomationParams, AutomationPatch, AutomationsOut, RunsOut, RunsQuery, type AutomationAction, type AutomationTrigger } from '../../../schema/api/admin-automations.ts';
import { problemResponses } from '../openapi-shared.ts';
import { staffAction } from './staff-action.ts';
import { automationOut, runOut } from './automations.out.ts';

const key = [{ name: 'Idempotency-Key', in: 'header' as const, required: true, schema: { type: 'string' as const } }];
const security = [{ secretKey: [] }];
const Deleted = v.object({ id: v.string(), deleted: v.literal(true) });
type Staff = AdminEnv['Variables']['staff'];

/** Segments and webhook endpoints an automation names must be the studio's: a 404 naming the field otherwise. */
async function checkReferences(tx: Tx, orgId: string, body: { trigger?: AutomationTrigger | undefined; conditions?: { segment_id?: string | undefined } | undefined; actions?: AutomationAction[] | undefined }): Promise<void> {
  const errors: { field: string; message: string }[] = [];
  if (body.trigger?.kind === 'segment_entered' && !await segmentById(tx, orgId, body.trigger.segment_id)) errors.push({ field: 'trigger.segment_id', message: 'no such segment' });
  if (body.conditions?.segment_id && !await segmentById(tx, orgId, body.conditions.segment_id)) errors.push({ field: 'conditions.segment_id', message: 'no such segment' });
  for (const [i, a] of (body.actions ?? []).entries()) {
    if (a.type === 'call_webhook' && !await endpointById(tx, orgId, a.endpoint_id)) errors.push({ field: `actions.${i}.endpoint_id`, message: 'no such webhook endpoint' });
  }
  if (errors.length) throw new AppError('not_found', 'The automation names a segment or webhook endpoint the studio does not have.', { errors });
}

/**
 * Automations: a trigger (an outgoing webhook event, a segment entered, a time relative to a session or milestone), a delay,
 * conditions (program, variant, segment) read when the run starts, and actions done in order, each retried and logged.
 * Owners and managers; an instructor lists none, creates none (403) and reads none (404).
 */
export function adminAutomationRoutes(deps: AppDeps) {
  const asStaff = <T>(staff: Staff, work: (tx: Tx) => Promise<T>) =>
    withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, work);
  const studioOnly = (staff: Staff, status: 'forbidden' | 'not_found') => {
    if (staff.role === 'instructor') throw new AppError(status, status === 'forbidden' ? 'Automations are for the studio\'s owners and managers.' : 'No such automation.');
  };
  const found = async (tx: Tx, staff: Staff, id: string) => {
    const row = await automationById(tx, staff.orgId, id);
    if (!row) throw new AppError('not_found', 'No such automation.');
    return row;
  };
  const toggle = (c: Context<AdminEnv>, id: string, enabled: boolean) => {
    const staff = c.get('staff');
    studioOnly(staff, 'not_found');
    return staffAction(c, deps, { path: `automations/${id}/${enabled ? 'enable' : 'disable'}`, body: {} },
      (tx) => found(tx, staff, id),
      async (tx, row, now) => ({ status: 200, body: automationOut(await setAutomationEnabled(tx, now, row, enabled)) }));
  };

  return new Hono<AdminEnv>()
    .post('/automations',
      describeRoute({ tags: ['admin'], summary: 'Create an automation', description: 'A trigger, a delay, conditions and actions (see the schema). Each trigger runs an automation once. Owners and managers.', security, parameters: key,
        responses: { 201: { description: 'The automation', content: { 'application/json': { schema: resolver(AutomationOut) } } }, ...problemResponses(400, 401, 403, 404, 422) } }),
      idempotencyKeyRequired(),
      validate('json', AutomationBody),
      async (c) => {
        const staff = c.get('staff');
        studioOnly(staff, 'forbidden');
        const body = c.req.valid('json');
        return staffAction(c, deps, { path: 'automations', body }, (tx) => checkReferences(tx, staff.orgId, body), async (tx, _a, now) => ({
          status: 201,
          body: automationOut(await createAutomation(tx, now, staff.orgId, { name: body.name, trigger: body.trigger, delayMinutes: body.delay_minutes, conditions: body.conditions, actions: body.actions, enabled: body.enabled })),
        }));
      })
    .get('/automations',
      describeRoute({ tags: ['admin'], summary: 'The studio\'s automations', description: 'Oldest first. Owners and managers; an instructor lists none.', security,
        responses: { 200: { description: 'The automations', content: { 'application/json': { schema: resolver(AutomationsOut) } } }, ...problemResponses(401) } }),
      async (c) => {
        const staff = c.get('staff');
        if (staff.role === 'instructor') return c.json({ automations: [] });
        return c.json({ automations: (await asStaff(staff, (tx) => automationsOf(tx, staff.orgId))).map(automationOut) });
      })
    .get('/automations/:id',
      describeRoute({ tags: ['admin'], summary: 'An automation', security, responses: { 200: { description: 'The automation', content: { 'application/json': { schema: resolver(AutomationOut) } } }, ...problemResponses(400, 401, 404) } }),
      validate('param', AutomationParams),
      async (c) => {
        const staff = c.get('staff');
        studioOnly(staff, 'not_found');
        return c.json(automationOut(await asStaff(staff, (tx) => found(tx, staff, c.req.valid('param').id))));
      })
    .patch('/automations/:id',
      describeRoute({ tags: ['admin'], summary: 'Change an automation', description: 'What is given changes; runs already started keep their actions. A new trigger starts afresh (a segment\'s members are taken again). Owners and managers.', security, parameters: key,
        responses: { 200: { description: 'The automation', content: { 'application/json': { schema: resolver(AutomationOut) } } }, ...problemResponses(400, 401, 404, 422) } }),
      idempotencyKeyRequired(),
      validate('param', AutomationParams),
      validate('json', AutomationPatch),
      async (c) => {
        const staff = c.get('staff');
        studioOnly(staff, 'not_found');
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        return staffAction(c, deps, { method: 'PATCH', path: `automations/${id}`, body },
          async (tx) => { const row = await found(tx, staff, id); await checkReferences(tx, staff.orgId, body); return row; },
          async (tx, row, now) => ({
            status: 200,
            body: automationOut(await updateAutomation(tx, now, row, {
              ...(body.name !== undefined ? { name: body.name } : {}), ...(body.trigger !== undefined ? { trigger: body.trigger } : {}),
              ...(body.delay_minutes !== undefined ? { delayMinutes: body.delay_minutes } : {}), ...(body.conditions !== undefined ? { conditions: body.conditions } : {}),
              ...(body.actions !== undefined ? { actions: body.actions } : {}),
            })),
          }));
      })
    .post('/automations/:id/enable',
      describeRoute({ tags: ['admin'], summary: 'Enable an automation', description: 'A session-time trigger looks from now on; times that passed while it was disabled do not run. Owners and managers.', security, parameters: key,
        responses: { 200: { description: 'The automation', content: { 'application/json': { schema: resolver(AutomationOut) } } }, ...problemResponses(400, 401, 404, 422) } }),
      idempotencyKeyRequired(),
      validate('param', AutomationParams),
      (c) => toggle(c, c.req.valid('param').id, true))
    .post('/automations/:id/disable',
      describeRoute({ tags: ['admin'], summary: 'Disable an automation', description: 'No new runs; runs waiting for their delay are skipped when due (`automation_disabled`). Owners and managers.', security, parameters: key,
        responses: { 200: { description: 'The automation', content: { 'application/json': { schema: resolver(AutomationOut) } } }, ...problemResponses(400, 401, 404, 422) } }),
      idempotencyKeyRequired(),
      validate('param', AutomationParams),
      (c) => toggle(c, c.req.valid('param').id, false))
    .delete('/automations/:id',
      describeRoute({ tags: ['admin'], summary: 'Remove an automation', description: 'It never runs again and is no longer listed; its runs stay in the log (GET …/runs). Owners and managers.', security, parameters: key,
        responses: { 200: { description: 'Removed', content: { 'application/json': { schema: resolver(Deleted) } } }, ...problemResponses(400, 401, 404, 422) } }),
      idempotencyKeyRequired(),
      validate('param', AutomationParams),
      async (c) => {
        const staff = c.get('staff');
        studioOnly(staff, 'not_found');
        const { id } = c.req.valid('param');
        return staffAction(c, deps, { method: 'DELETE', path: `automations/${id}`, body: {} },
          (tx) => found(tx, staff, id),
          async (tx, row, now) => { await removeAutomation(tx, now, row); return { status: 200, body: { id, deleted: true } }; });
      })
    .get('/automations/:id/runs',
      describeRoute({ tags: ['admin'], summary: 'An automation\'s runs, with each action\'s status, attempts and last error', description: 'Newest first (`before`: the last run\'s `created_at` for the next page; `limit` default 100). A removed automation\'s log stays readable. Owners and managers.', security,
        responses: { 200: { description: 'The runs', content: { 'application/json': { schema: resolver(RunsOut) } } }, ...problemResponses(400, 401, 404) } }),
      validate('param', AutomationParams),
      validate('query', RunsQuery),
      async (c) => {
        const staff = c.get('staff');
        studioOnly(staff, 'not_found');
        const { id } = c.req.valid('param');
        const q = c.req.valid('query');
        const runs = await asStaff(staff, async (tx) => {
          if (!await automationWithRemoved(tx, staff.orgId, id)) throw new AppError('not_found', 'No such automation.');
          return runsOf(tx, staff.orgId, id, { limit: q.limit ?? 100, status: q.status, before: q.before ? new Date(q.before) : undefined });
        });
        return c.json({ runs: runs.map(runOut) });
      });
}

