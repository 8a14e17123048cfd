/**
 * Staff sign in to the console: a code by mail, then the code for a session cookie. These two
 * routes need no credentials (they are mounted before the admin API's authentication).
 */
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { ChooseStudioOut, StaffCodeBody, StaffSessionOut, StaffVerifyBody } from '../../../schema/api/admin-session.ts';
import { IdentityCodeAccepted } from '../../../schema/api/embed-identity.ts';
import type { AppDeps } from '../../deps.ts';
import { AppError, problem } from '../../platform/errors.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { staffCookie } from '../../platform/http/staff-cookie.ts';
import { csrfToken } from '../../platform/staff-session-tokens.ts';
import { CODE_TTL_MS, requestStaffCode, signedInMember, verifyStaffCode } from '../../modules/staff/index.ts';
import { problemResponses } from '../openapi-shared.ts';
import { staffSessionOut } from './session.out.ts';

const ACCEPTED: IdentityCodeAccepted = { status: 'sent_if_possible', expires_in_minutes: CODE_TTL_MS / 60_000 };

export function adminSignInRoutes(deps: AppDeps) {
  return new Hono()
    .post('/v1/admin/sign-in/code',
      describeRoute({
        tags: ['admin'], summary: 'Mail a staff sign-in code to an address',
        description: 'Always 202 with the same body, whether or not the address is anyone\'s staff. When it is (an active staff member of '
          + 'one or more studios), one mail carries a 6-digit code valid 10 minutes that signs in to any of them; a new one replaces the '
          + 'last. After 5 wrong codes the address is locked for 15 minutes and no code is sent meanwhile. Asking again is harmless (the '
          + 'newest code counts), so no `Idempotency-Key` is needed.',
        responses: { 202: { description: 'Sent if possible', content: { 'application/json': { schema: resolver(IdentityCodeAccepted) } } }, ...problemResponses(400) },
      }),
      validate('json', StaffCodeBody),
      async (c) => {
        const body = c.req.valid('json');
        await requestStaffCode(deps.db, { now: deps.now(), secret: deps.config.secret }, body.email, body.locale);
        return c.json(ACCEPTED, 202);
      })
    .post('/v1/admin/sign-in/verify',
      describeRoute({
        tags: ['admin'], summary: 'Trade a staff sign-in code for the console\'s session',
        description: 'A right code for an address on one studio (or with `org_id` naming one of its studios) signs in: 200 with who is '
          + 'signed in and the `csrf_token`, and the session cookie `tandem_staff` (HttpOnly, SameSite=Strict, Secure over HTTPS, 12 hours '
          + 'extended by every use). For an address on several studios without `org_id`, a right code answers `{status: "choose_studio", '
          + 'studios}` and stays valid: send it again with the chosen `org_id`. A wrong code is 422 `identity_code_invalid` (with '
          + '`attempts_left`), an expired one 422 `identity_code_expired`, the fifth wrong one and any attempt while locked 429 '
          + '`identity_code_locked` (with `Retry-After`). A code is used once, so a repeated request cannot sign in twice.',
        responses: {
          200: { description: 'Signed in, or the studios to choose from', content: { 'application/json': { schema: resolver(StaffSessionOut) } } },
          ...problemResponses(400, 422), 429: { description: 'identity_code_locked' },
        },
      }),
      validate('json', StaffVerifyBody),
      async (c) => {
        const body = c.req.valid('json');
        const now = deps.now();
        const v = await verifyStaffCode(deps.db, { now, secret: deps.config.secret }, { email: body.email, code: body.code, orgId: body.org_id });
        if (!v.ok) return problem(c, v.error);
        if (v.kind === 'choose_studio') {
          const out: ChooseStudioOut = { status: 'choose_studio', studios: v.studios.map((s) => ({ id: s.orgId, name: s.orgName, role: s.role })) };
          return c.json(out);
        }
        const { orgId, staffId, role } = v.membership;
        const who = await withCaller(deps.db, { orgId, role, userId: staffId }, (tx) => signedInMember(tx, orgId, staffId));
        if (!who) throw new AppError('unauthorized', 'This staff member is no longer active.');
        c.header('Set-Cookie', staffCookie(deps.config.publicOrigin, v.token));
        c.header('Cache-Control', 'no-store');
        return c.json(staffSessionOut(who, { csrfToken: csrfToken(deps.config.secret, v.sessionId), expiresAt: v.expiresAt }));
      });
}
