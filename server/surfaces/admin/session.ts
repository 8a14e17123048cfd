/** Who is signed in, and signing out. */
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { StaffSessionOut } from '../../../schema/api/admin-session.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { clearedStaffCookie } from '../../platform/http/staff-cookie.ts';
import { STAFF_SESSION_TTL_MS, csrfToken } from '../../platform/staff-session-tokens.ts';
import { endStaffSession, signedInMember } from '../../modules/staff/index.ts';
import { problemResponses } from '../openapi-shared.ts';
import { staffSessionOut } from './session.out.ts';

export function adminSessionRoutes(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .get('/session',
      describeRoute({
        tags: ['admin'], summary: 'Who is signed in, with the session\'s CSRF token',
        description: 'The staff member, their role and studio. With the session cookie: `csrf_token` (send it as `Tandem-CSRF` with every '
          + 'request that changes something) and `expires_at`; with a secret key both are null.',
        security: [{ secretKey: [] }, { staffSession: [] }],
        responses: { 200: { description: 'Signed in', content: { 'application/json': { schema: resolver(StaffSessionOut) } } }, ...problemResponses(401) },
      }),
      async (c) => {
        const { orgId, staffId, role, sessionId } = c.get('staff');
        const who = await withCaller(deps.db, { orgId, role, userId: staffId }, (tx) => signedInMember(tx, orgId, staffId));
        if (!who) throw new AppError('unauthorized');
        c.header('Cache-Control', 'no-store');
        const session = sessionId ? { csrfToken: csrfToken(deps.config.secret, sessionId), expiresAt: new Date(deps.now().getTime() + STAFF_SESSION_TTL_MS) } : null;
        return c.json(staffSessionOut(who, session));
      })
    .post('/session/sign-out',
      describeRoute({
        tags: ['admin'], summary: 'Sign out: end the console\'s session',
        description: 'The session stops working at once and the cookie is cleared. Signing out twice is the same as once (the second has no '
          + 'session: 401), so no `Idempotency-Key` is needed. Needs `Tandem-CSRF`.',
        security: [{ staffSession: [] }],
        responses: { 204: { description: 'Signed out' }, ...problemResponses(401, 403) },
      }),
      async (c) => {
        const { orgId, staffId, role, sessionId } = c.get('staff');
        if (!sessionId) throw new AppError('validation_failed', 'A secret key has no session to end; revoke the key instead.');
        await withCaller(deps.db, { orgId, role, userId: staffId }, (tx) => endStaffSession(tx, orgId, sessionId, deps.now()));
        c.header('Set-Cookie', clearedStaffCookie(deps.config.publicOrigin));
        return c.body(null, 204);
      });
}
