/**
 * A customer's tags from the console: staff add and remove them (automations add them too); segments
 * filter by them. Owners and managers; an instructor is refused (403), another studio's customer is
 * not found (404). Both answer the customer's tags afterwards.
 */
import { Hono, type Context } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { CustomerParams, CustomerTagBody, CustomerTagParams, CustomerTagsOut } from '../../../schema/api/admin-customers.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { addCustomerTag, customerById, removeCustomerTag, tagsOfCustomer } from '../../modules/customers/index.ts';
import type { Tx } from '../../platform/db/database.ts';
import { staffAction } from './staff-action.ts';
import { problemResponses } from '../openapi-shared.ts';

const security: Record<string, string[]>[] = [{ secretKey: [] }, { staffSession: [] }];
const key = [{ name: 'Idempotency-Key', in: 'header' as const, required: true, schema: { type: 'string' as const } }];
const answer = { 200: { description: 'The customer\'s tags', content: { 'application/json': { schema: resolver(CustomerTagsOut) } } } };

function studioPeople(c: Context<AdminEnv>) {
  const s = c.get('staff');
  if (s.role === 'instructor') throw new AppError('forbidden', 'Owners and managers tag customers.');
  return s;
}

async function customerOf(tx: Tx, orgId: string, id: string) {
  const row = await customerById(tx, orgId, id);
  if (!row) throw new AppError('not_found', 'No such customer.');
  return row;
}

export function adminCustomerTagRoutes(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .post('/customers/:id/tags',
      describeRoute({ tags: ['admin'], summary: 'Tag a customer (owners, managers)', security, parameters: key,
        description: 'A tag the customer already has (in any case) is kept as it is. Segments filter by tags (`filter.tags`).',
        responses: { ...answer, ...problemResponses(400, 401, 403, 404, 422) } }),
      idempotencyKeyRequired(),
      validate('param', CustomerParams),
      validate('json', CustomerTagBody),
      async (c) => {
        const s = studioPeople(c);
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        return staffAction(c, deps, { path: `customers/${id}/tags`, body }, (tx) => customerOf(tx, s.orgId, id), async (tx, _row, now) => {
          await addCustomerTag(tx, { now, config: deps.config }, s.orgId, id, body.tag, { kind: 'staff', staff_id: s.staffId });
          return { status: 200, body: { tags: await tagsOfCustomer(tx, s.orgId, id) } satisfies CustomerTagsOut };
        });
      })
    .delete('/customers/:id/tags/:tag',
      describeRoute({ tags: ['admin'], summary: 'Remove a tag from a customer (owners, managers)', security, parameters: key,
        description: 'The tag in any case; a tag the customer does not have changes nothing.',
        responses: { ...answer, ...problemResponses(400, 401, 403, 404, 422) } }),
      idempotencyKeyRequired(),
      validate('param', CustomerTagParams),
      async (c) => {
        const s = studioPeople(c);
        const { id, tag } = c.req.valid('param');
        return staffAction(c, deps, { method: 'DELETE', path: `customers/${id}/tags/${encodeURIComponent(tag)}`, body: {} }, (tx) => customerOf(tx, s.orgId, id), async (tx, _row, now) => {
          await removeCustomerTag(tx, { now, config: deps.config }, s.orgId, id, tag, { kind: 'staff', staff_id: s.staffId });
          return { status: 200, body: { tags: await tagsOfCustomer(tx, s.orgId, id) } satisfies CustomerTagsOut };
        });
      });
}
