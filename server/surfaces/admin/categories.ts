/** The studio's program categories (its own list, not a fixed one) and the wizard's Markdown preview. */
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { CategoriesOut, CreateCategoryBody, PreviewBody, PreviewOut } from '../../../schema/api/admin-programs.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { renderMarkdown } from '../../platform/adapters/markdown.ts';
import { categoriesOf, createCategory } from '../../modules/program-editor/index.ts';
import { staffAction } from './staff-action.ts';
import { problemResponses } from '../openapi-shared.ts';

const security: Record<string, string[]>[] = [{ secretKey: [] }, { staffSession: [] }];
const listed = { description: 'The categories', content: { 'application/json': { schema: resolver(CategoriesOut) } } };

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
        const list = await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, (tx) => categoriesOf(tx, staff.orgId));
        return c.json({ categories: list.map((x) => ({ key: x.key, labels: x.labels as Record<string, string>, programs: x.programs })) } satisfies CategoriesOut);
      })
    .post('/categories',
      describeRoute({
        tags: ['admin'], summary: 'Add a program category (owners, managers)',
        description: '`{"key":"breathwork","labels":{"en":"Breathwork","de":"Atemarbeit"}}` → 201 with the whole list. A key the studio has is 409 `conflict`. '
          + 'Instructors: 403 `forbidden`. Needs an `Idempotency-Key`.',
        security, parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        responses: { 201: listed, ...problemResponses(400, 401, 403, 409, 422) },
      }),
      idempotencyKeyRequired(),
      validate('json', CreateCategoryBody),
      async (c) => {
        const staff = c.get('staff');
        if (staff.role === 'instructor') throw new AppError('forbidden', 'Owners and managers edit the categories.');
        const body = c.req.valid('json');
        return staffAction(c, deps, { path: 'categories', body }, async () => undefined, async (tx, _, now) => {
          await createCategory(tx, staff.orgId, body, { now, config: deps.config });
          const list = await categoriesOf(tx, staff.orgId);
          return { status: 201, body: { categories: list.map((x) => ({ key: x.key, labels: x.labels as Record<string, string>, programs: x.programs })) } };
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
