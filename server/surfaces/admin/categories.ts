/** The studio's program categories (its own list, not a fixed one: add, rename, relabel, delete) and the wizard's Markdown preview. */
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { CategoriesOut, CategoryInUseOut, CategoryParams, CreateCategoryBody, PreviewBody, PreviewOut, UpdateCategoryBody } from '../../../schema/api/admin-programs.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { renderMarkdown } from '../../platform/adapters/markdown.ts';
import { categoriesOf, createCategory, deleteCategory, updateCategory } from '../../modules/program-editor/index.ts';
import type { Tx } from '../../platform/db/database.ts';
import { staffAction } from './staff-action.ts';
import { problemResponses } from '../openapi-shared.ts';

const security: Record<string, string[]>[] = [{ secretKey: [] }, { staffSession: [] }];
const listed = { description: 'The categories', content: { 'application/json': { schema: resolver(CategoriesOut) } } };
const idempotency = [{ name: 'Idempotency-Key', in: 'header' as const, required: true, schema: { type: 'string' as const } }];

async function listOut(tx: Tx, orgId: string): Promise<CategoriesOut> {
  const list = await categoriesOf(tx, orgId);
  return { categories: list.map((x) => ({ key: x.key, labels: x.labels as Record<string, string>, programs: x.programs })) };
}

const managersOnly = (role: string) => {
  if (role === 'instructor') throw new AppError('forbidden', 'Owners and managers edit the categories.');
};

export function adminCategoryRoutes(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .get('/categories',
      describeRoute({
        tags: ['admin'], summary: 'The studio\'s program categories',
        description: '`{"categories":[{"key","labels":{"en","de","fr","it"},"programs"}]}` in the studio\'s order: the list the wizard offers '
          + '(`coaching`, `mobility`, `reiki`, `private_class` until the studio writes its own). Every staff role.',
        security, responses: { 200: listed, ...problemResponses(401) },
      }),
      async (c) => {
        const staff = c.get('staff');
        return c.json(await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, (tx) => listOut(tx, staff.orgId)));
      })
    .post('/categories',
      describeRoute({
        tags: ['admin'], summary: 'Add a program category (owners, managers)',
        description: '`{"key":"breathwork","labels":{"en":"Breathwork","de":"Atemarbeit"}}` → 201 with the whole list. A key the studio has is 409 `conflict`. '
          + 'Instructors: 403 `forbidden`. Needs an `Idempotency-Key`.',
        security, parameters: idempotency,
        responses: { 201: listed, ...problemResponses(400, 401, 403, 409, 422) },
      }),
      idempotencyKeyRequired(),
      validate('json', CreateCategoryBody),
      async (c) => {
        const staff = c.get('staff');
        managersOnly(staff.role);
        const body = c.req.valid('json');
        return staffAction(c, deps, { path: 'categories', body }, async () => undefined, async (tx, _, now) => {
          await createCategory(tx, staff.orgId, body, { now, config: deps.config });
          return { status: 201, body: await listOut(tx, staff.orgId) };
        });
      })
    .patch('/categories/:key',
      describeRoute({
        tags: ['admin'], summary: 'Rename or relabel a program category (owners, managers)',
        description: '`{"key":"breathwork"}` renames it: the programs filed under the old key (drafts and published) move to the new one. '
          + '`{"labels":{"en","de","fr","it"}}` replaces its labels (the widget shows a language left out in the studio\'s). Answers the whole list. '
          + 'A key the studio lacks is 404; a new key it has is 409 `conflict`. Instructors 403. Needs an `Idempotency-Key`.',
        security, parameters: idempotency, responses: { 200: listed, ...problemResponses(400, 401, 403, 404, 409) },
      }),
      idempotencyKeyRequired(),
      validate('param', CategoryParams),
      validate('json', UpdateCategoryBody),
      async (c) => {
        const staff = c.get('staff');
        managersOnly(staff.role);
        const { key } = c.req.valid('param');
        const body = c.req.valid('json');
        return staffAction(c, deps, { method: 'PATCH', path: `categories/${key}`, body }, async () => undefined, async (tx, _, now) => {
          await updateCategory(tx, staff.orgId, key, body, { now, config: deps.config });
          return { status: 200, body: await listOut(tx, staff.orgId) };
        });
      })
    .delete('/categories/:key',
      describeRoute({
        tags: ['admin'], summary: 'Delete a program category no program uses (owners, managers)',
        description: 'Answers the remaining list. While any program (of any status) is filed under it: 409 `category_in_use` with `programs` '
          + '(`id`, `slug`, `title`, `status`) to move first. A key the studio lacks is 404. Instructors 403. Needs an `Idempotency-Key`.',
        security, parameters: idempotency,
        responses: {
          200: listed, ...problemResponses(400, 401, 403, 404),
          409: { description: 'Programs still use it', content: { 'application/problem+json': { schema: resolver(CategoryInUseOut) } } },
        },
      }),
      idempotencyKeyRequired(),
      validate('param', CategoryParams),
      async (c) => {
        const staff = c.get('staff');
        managersOnly(staff.role);
        const { key } = c.req.valid('param');
        return staffAction(c, deps, { method: 'DELETE', path: `categories/${key}`, body: {} }, async () => undefined, async (tx, _, now) => {
          await deleteCategory(tx, staff.orgId, key, { now, config: deps.config });
          return { status: 200, body: await listOut(tx, staff.orgId) };
        });
      })
    .post('/programs/preview',
      describeRoute({
        tags: ['admin'], summary: 'Markdown as customers will see it (the wizard\'s preview)',
        description: '`{"markdown"}` → `{"html"}`: rendered and sanitized exactly as the widget and the hosted page show a description '
          + '(no scripts, styles, images or raw HTML; links open in a new tab). Changes nothing; every staff role.',
        security, responses: { 200: { description: 'The HTML', content: { 'application/json': { schema: resolver(PreviewOut) } } }, ...problemResponses(400, 401, 422) },
      }),
      validate('json', PreviewBody),
      (c) => c.json({ html: renderMarkdown(c.req.valid('json').markdown) } satisfies PreviewOut));
}
