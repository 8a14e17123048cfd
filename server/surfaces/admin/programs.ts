/** The program wizard: list, create a draft, read, save a step, publish. Owners and managers write; instructors read. */
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { AdminProgramOut, AdminProgramsOut, CreateProgramBody, ProgramParams, UpdateProgramBody } from '../../../schema/api/admin-programs.ts';
import type { AdminEnv, AppDeps, StaffCaller } from '../../deps.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { createProgram, programForEditor, programForUpdate, programsForStaff, publishProgram, rotateProgramLink, saveProgramStep } from '../../modules/program-editor/index.ts';
import { adminProgramOut } from './programs.out.ts';
import { staffAction } from './staff-action.ts';
import { problemResponses } from '../openapi-shared.ts';

const security: Record<string, string[]>[] = [{ secretKey: [] }, { staffSession: [] }];
const idempotencyHeader = { name: 'Idempotency-Key', in: 'header' as const, required: true, schema: { type: 'string' as const } };
const one = { 200: { description: 'The program', content: { 'application/json': { schema: resolver(AdminProgramOut) } } } };

function mayEdit(staff: StaffCaller): void {
  if (staff.role === 'instructor') throw new AppError('forbidden', 'Owners and managers edit programs.');
}

async function edited(tx: Tx, orgId: string, id: string) {
  const view = await programForEditor(tx, orgId, id);
  if (!view) throw new AppError('not_found', 'No such program.');
  return adminProgramOut(view);
}

export function adminProgramRoutes(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .get('/programs',
      describeRoute({
        tags: ['admin'], summary: 'The studio\'s programs, drafts included',
        description: '`{"programs":[{"id","slug","title","status":"draft"|"published"|"archived","category","visibility","variants","updated_at"}]}` by title. Every staff role.',
        security, responses: { 200: { description: 'Programs', content: { 'application/json': { schema: resolver(AdminProgramsOut) } } }, ...problemResponses(401) },
      }),
      async (c) => {
        const staff = c.get('staff');
        const list = await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, (tx) => programsForStaff(tx, staff.orgId));
        const out: AdminProgramsOut = { programs: list.map((p) => ({ id: p.id, slug: p.slug, title: p.title, status: p.status, category: p.category, visibility: p.visibility, variants: Number(p.variants), updated_at: p.updatedAt.toISOString() })) };
        return c.json(out);
      })
    .post('/programs',
      describeRoute({
        tags: ['admin'], summary: 'Start a program: a draft (owners, managers)',
        description: '`{"title","slug","category"?,"summary"?}` → 201 with the program as the wizard reads it (`status: "draft"`, `missing`: what publishing '
          + 'still needs). A draft is not shown to customers. A slug another program has is 409 `conflict` on `slug`. Instructors: 403 `forbidden`. Needs an `Idempotency-Key`.',
        security, parameters: [idempotencyHeader],
        responses: { 201: { description: 'The draft', content: { 'application/json': { schema: resolver(AdminProgramOut) } } }, ...problemResponses(400, 401, 403, 409, 422) },
      }),
      idempotencyKeyRequired(),
      validate('json', CreateProgramBody),
      async (c) => {
        const staff = c.get('staff');
        mayEdit(staff);
        const body = c.req.valid('json');
        return staffAction(c, deps, { path: 'programs', body }, async () => undefined, async (tx, _, now) => {
          const id = await createProgram(tx, staff.orgId, body, { now, config: deps.config });
          return { status: 201, body: await edited(tx, staff.orgId, id) };
        });
      })
    .get('/programs/:id',
      describeRoute({
        tags: ['admin'], summary: 'A program as the wizard edits it',
        description: 'Every step\'s fields, the variants (retired versions too, `is_active: false`), the intake form, milestones, policies, and `missing`. Every staff role.',
        security, responses: { ...one, ...problemResponses(400, 401, 404) },
      }),
      validate('param', ProgramParams),
      async (c) => {
        const staff = c.get('staff');
        const { id } = c.req.valid('param');
        return c.json(await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, (tx) => edited(tx, staff.orgId, id)));
      })
    .patch('/programs/:id',
      describeRoute({
        tags: ['admin'], summary: 'Save one wizard step (owners, managers)',
        description: '`{"step":"basics"|"delivery"|"pricing"|"intake"|"policies", …that step\'s fields}`; what the step leaves out stays. A draft stays a draft; '
          + 'a published program changes at once, but what existing bookings bought never changes: in `pricing`, a variant somebody booked whose '
          + 'price, currency, VAT, billing, sessions, deposit, credits or plan change is retired and a new version (a new id) takes its place; '
          + 'a variant left out is retired, never deleted. `rotate_link` in `policies` gives a by-link program a new private link. Answers the '
          + 'program. Instructors: 403 `forbidden`. Needs an `Idempotency-Key`.',
        security, parameters: [idempotencyHeader], responses: { ...one, ...problemResponses(400, 401, 403, 404, 409, 422) },
      }),
      idempotencyKeyRequired(),
      validate('param', ProgramParams),
      validate('json', UpdateProgramBody),
      async (c) => {
        const staff = c.get('staff');
        mayEdit(staff);
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        return staffAction(c, deps, { method: 'PATCH', path: `programs/${id}`, body },
          async (tx) => {
            const program = await programForUpdate(tx, staff.orgId, id);
            if (!program) throw new AppError('not_found', 'No such program.');
            return program;
          },
          async (tx, program, now) => {
            await saveProgramStep(tx, staff.orgId, program, body, { now, config: deps.config });
            return { status: 200, body: await edited(tx, staff.orgId, id) };
          });
      })
    .post('/programs/:id/publish',
      describeRoute({
        tags: ['admin'], summary: 'Publish a complete program (owners, managers)',
        description: 'Customers can book it from now on (as its visibility allows). Incomplete: 422 `program_incomplete` with `missing` (e.g. '
          + '`basics.summary`, `delivery.instructor_ids`, `pricing.variants`). Publishing a published program answers it unchanged. '
          + 'Instructors: 403 `forbidden`. Needs an `Idempotency-Key`; no body.',
        security, parameters: [idempotencyHeader], responses: { ...one, ...problemResponses(401, 403, 404, 422) },
      }),
      idempotencyKeyRequired(),
      validate('param', ProgramParams),
      async (c) => {
        const staff = c.get('staff');
        mayEdit(staff);
        const { id } = c.req.valid('param');
        return staffAction(c, deps, { path: `programs/${id}/publish`, body: {} },
          async (tx) => {
            if (!(await programForUpdate(tx, staff.orgId, id))) throw new AppError('not_found', 'No such program.');
          },
          async (tx, _, now) => {
            await publishProgram(tx, staff.orgId, id, { now, config: deps.config });
            return { status: 200, body: await edited(tx, staff.orgId, id) };
          });
      })
    .post('/programs/:id/rotate-link',
      describeRoute({
        tags: ['admin'], summary: 'Give a by-link program a new private link (owners, managers)',
        description: 'For a link that went further than meant: answers the program with its new `private_link_token`; the old link\'s page '
          + '(`/p/:studio/:program?link=…`) and the widget answer 404 from now on, as for a program that does not exist. A public or hidden '
          + 'program has no link: 409 `invalid_state`. Instructors: 403 `forbidden`. Needs an `Idempotency-Key`; no body.',
        security, parameters: [idempotencyHeader], responses: { ...one, ...problemResponses(401, 403, 404, 409) },
      }),
      idempotencyKeyRequired(),
      validate('param', ProgramParams),
      async (c) => {
        const staff = c.get('staff');
        mayEdit(staff);
        const { id } = c.req.valid('param');
        return staffAction(c, deps, { path: `programs/${id}/rotate-link`, body: {} },
          async (tx) => {
            const program = await programForUpdate(tx, staff.orgId, id);
            if (!program) throw new AppError('not_found', 'No such program.');
            return program;
          },
          async (tx, program, now) => {
            await rotateProgramLink(tx, staff.orgId, program, { now, config: deps.config });
            return { status: 200, body: await edited(tx, staff.orgId, id) };
          });
      });
}
