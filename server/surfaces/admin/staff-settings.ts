/**
 * The studio's people, changed: an owner changes a person's role or deactivates them (their
 * sessions end at once); each person sets which mails they get (owners and managers may set
 * anyone's; an instructor only their own).
 */
import { Hono, type Context } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import * as v from 'valibot';
import { MailPreferencesBody, MailPreferencesOut, SettingIdParams } from '../../../schema/api/admin-settings.ts';
import { StaffMemberOut } from '../../../schema/api/admin-staff.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { changeStaffMember, mailPreferencesOf, setMailPreferences, staffMember } from '../../modules/staff/index.ts';
import { staffAction } from './staff-action.ts';
import { staffMemberOut } from './settings.out.ts';
import { problemResponses } from '../openapi-shared.ts';

const security: Record<string, string[]>[] = [{ secretKey: [] }, { staffSession: [] }];
const idempotency = [{ name: 'Idempotency-Key', in: 'header' as const, required: true, schema: { type: 'string' as const } }];

const ChangeStaffBody = v.pipe(v.strictObject({
  role: v.optional(v.picklist(['owner', 'manager', 'instructor'], 'must be owner, manager or instructor')),
  is_active: v.optional(v.boolean('must be true or false')),
}, 'is not something to change here'), v.check((b) => b.role !== undefined || b.is_active !== undefined, 'name a role or is_active'));

/** Whose preferences the caller may read and set: their own, or anyone's for owners and managers. */
function mayReach(c: Context<AdminEnv>, id: string) {
  const s = c.get('staff');
  if (s.role === 'instructor' && s.staffId !== id) throw new AppError('forbidden', 'Instructors set their own mail preferences.');
  return s;
}

export function adminStaffSettingsRoutes(deps: AppDeps) {
  const as = (s: { orgId: string; role: 'owner' | 'manager' | 'instructor'; staffId: string }) => ({ orgId: s.orgId, role: s.role, userId: s.staffId });
  return new Hono<AdminEnv>()
    .patch('/staff/:id',
      describeRoute({ tags: ['admin'], summary: 'Change a staff member\'s role or access (owners)', security, parameters: idempotency,
        description: '`{"role"?: "owner"|"manager"|"instructor", "is_active"?: boolean}`. Deactivating ends the person\'s sessions at once; their '
          + 'secret keys stop working and they cannot sign in until activated again. The studio always keeps an active owner and nobody takes '
          + 'their own owner\'s access away (409 `conflict`). Managers and instructors: 403 `forbidden`.',
        responses: { 200: { description: 'Changed', content: { 'application/json': { schema: resolver(StaffMemberOut) } } }, ...problemResponses(400, 401, 403, 404, 409, 422) } }),
      idempotencyKeyRequired(),
      validate('param', SettingIdParams),
      validate('json', ChangeStaffBody),
      async (c) => {
        const s = c.get('staff');
        if (s.role !== 'owner') throw new AppError('forbidden', 'Owners change roles and access.');
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        return staffAction(c, deps, { method: 'PATCH', path: `staff/${id}`, body },
          async (tx) => { const m = await staffMember(tx, s.orgId, id); if (!m) throw new AppError('not_found', 'No such staff member.'); return m; },
          async (tx, member, now) => ({ status: 200, body: staffMemberOut(await changeStaffMember(tx, s.orgId, s.staffId, member, { role: body.role, isActive: body.is_active }, { now, config: deps.config })) }));
      })
    .get('/staff/:id/mail-preferences',
      describeRoute({ tags: ['admin'], summary: 'Which mails a staff member gets', security,
        description: 'Topics: `new_booking`, `cancellation`, `reschedule`, `payment_failure`, `message`; each on unless turned off. Owners and '
          + 'managers are told about every booking, an instructor about the bookings they conduct. One\'s own, or anyone\'s for owners and '
          + 'managers (an instructor asking for someone else\'s: 403 `forbidden`).',
        responses: { 200: { description: 'Preferences', content: { 'application/json': { schema: resolver(MailPreferencesOut) } } }, ...problemResponses(400, 401, 403, 404) } }),
      validate('param', SettingIdParams),
      async (c) => {
        const { id } = c.req.valid('param');
        const s = mayReach(c, id);
        const member = await withCaller(deps.db, as(s), (tx) => staffMember(tx, s.orgId, id));
        if (!member) throw new AppError('not_found', 'No such staff member.');
        return c.json({ staff_id: member.id, role: member.role, preferences: mailPreferencesOf(member.mailPreferences) } satisfies MailPreferencesOut);
      })
    .put('/staff/:id/mail-preferences',
      describeRoute({ tags: ['admin'], summary: 'Choose which mails a staff member gets', security, parameters: idempotency,
        description: 'Any of `new_booking`, `cancellation`, `reschedule`, `payment_failure`, `message` as true or false; topics not named keep '
          + 'their setting. One\'s own, or anyone\'s for owners and managers.',
        responses: { 200: { description: 'Preferences', content: { 'application/json': { schema: resolver(MailPreferencesOut) } } }, ...problemResponses(400, 401, 403, 404, 422) } }),
      idempotencyKeyRequired(),
      validate('param', SettingIdParams),
      validate('json', MailPreferencesBody),
      async (c) => {
        const { id } = c.req.valid('param');
        const s = mayReach(c, id);
        const body = c.req.valid('json');
        return staffAction(c, deps, { method: 'PUT', path: `staff/${id}/mail-preferences`, body },
          async (tx) => { const m = await staffMember(tx, s.orgId, id); if (!m) throw new AppError('not_found', 'No such staff member.'); return m; },
          async (tx, member) => ({ status: 200, body: { staff_id: member.id, role: member.role, preferences: await setMailPreferences(tx, member, body) } satisfies MailPreferencesOut }));
      });
}
