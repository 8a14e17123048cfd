import type { MiddlewareHandler } from 'hono';
import { eq } from 'drizzle-orm';
import type { AppDeps, AdminEnv } from '../../deps.ts';
import { resolveKey } from './api-keys.ts';
import { withCaller } from '../db/identity.ts';
import * as t from '../../../schema/db/index.ts';
import { AppError } from '../errors.ts';

/**
 * Secret-key authentication for the admin API (`Authorization: Bearer sk_…`).
 * The key acts as the staff member it was issued for, with that member's role,
 * so its requests pass through the same policies as the person's own.
 * Staff sessions (email one-time codes) will plug in here too.
 */
export function adminAuth(deps: AppDeps): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const match = /^Bearer (sk_[A-Za-z0-9_-]{4,200})$/.exec(c.req.header('Authorization') ?? '');
    if (!match) throw new AppError('unauthorized', 'Send a secret key as "Authorization: Bearer sk_…".');
    const key = await resolveKey(deps.db, match[1]!);
    if (!key || key.revoked || key.kind !== 'secret' || !key.staffId) throw new AppError('unauthorized', 'Unknown or revoked secret key.');
    const staffId = key.staffId;
    const [member] = await withCaller(deps.db, { orgId: key.orgId, role: 'manager' }, (tx) =>
      tx.select({ role: t.staff.role, isActive: t.staff.isActive }).from(t.staff).where(eq(t.staff.id, staffId)));
    if (!member?.isActive) throw new AppError('unauthorized', 'The staff member of this key is no longer active.');
    c.set('staff', { orgId: key.orgId, staffId, role: member.role });
    await next();
  };
}
