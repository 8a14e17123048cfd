/** The studio's people: everyone on staff reads the list; owners add managers and instructors (an invitation mail goes out). */
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { InviteStaffBody, StaffListOut, StaffMemberOut } from '../../../schema/api/admin-staff.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { inviteStaff, staffOfStudio } from '../../modules/staff/index.ts';
import { staffAction } from './staff-action.ts';
import { problemResponses } from '../openapi-shared.ts';

const security: Record<string, string[]>[] = [{ secretKey: [] }, { staffSession: [] }];

export function adminStaffRoutes(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .get('/staff',
      describeRoute({ tags: ['admin'], summary: 'The studio\'s staff', description: 'Every staff role reads it.', security,
        responses: { 200: { description: 'Staff', content: { 'application/json': { schema: resolver(StaffListOut) } } }, ...problemResponses(401) } }),
      async (c) => {
        const s = c.get('staff');
        const rows = await withCaller(deps.db, { orgId: s.orgId, role: s.role, userId: s.staffId }, (tx) => staffOfStudio(tx, s.orgId));
        const out: StaffListOut = { staff: rows.map((r) => ({ id: r.id, name: r.name, email: r.email, role: r.role, is_active: r.isActive })) };
        return c.json(out);
      })
    .post('/staff',
      describeRoute({
        tags: ['admin'], summary: 'Invite a manager or an instructor (owners)',
        description: '`{"name","email","role":"manager"|"instructor","timezone"?,"locale"?}` → 201 the staff member, who can sign in at /admin with '
          + 'this address at once; an invitation mail says so. An address already on the staff is 409 `conflict` on `email`. Managers and '
          + 'instructors: 403 `forbidden`. Needs an `Idempotency-Key`.',
        security, parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        responses: { 201: { description: 'Added', content: { 'application/json': { schema: resolver(StaffMemberOut) } } }, ...problemResponses(400, 401, 403, 409, 422) },
      }),
      idempotencyKeyRequired(),
      validate('json', InviteStaffBody),
      async (c) => {
        const s = c.get('staff');
        if (s.role !== 'owner') throw new AppError('forbidden', 'Owners invite staff.');
        const body = c.req.valid('json');
        return staffAction(c, deps, { path: 'staff', body }, async () => undefined, async (tx, _, now) => {
          const row = await inviteStaff(tx, s.orgId, s.staffId, body, { now, config: deps.config });
          return { status: 201, body: { id: row.id, name: row.name, email: row.email, role: row.role, is_active: row.isActive } };
        });
      });
}
