/**
 * A new studio signs up (the page is /admin/signup): the details and the owner's address, then
 * the mailed code for the console's session. Both routes need no credentials (mounted before the
 * admin API's authentication) and answer alike whatever the address.
 */
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { SignUpBody, SignUpVerifyBody } from '../../../schema/api/admin-sign-up.ts';
import { StaffSessionOut } from '../../../schema/api/admin-session.ts';
import { IdentityCodeAccepted } from '../../../schema/api/embed-identity.ts';
import type { AppDeps } from '../../deps.ts';
import { AppError, problem } from '../../platform/errors.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { staffCookie } from '../../platform/http/staff-cookie.ts';
import { clientAddress } from '../../platform/http/rate-limit.ts';
import { rateLimitsOf } from '../../platform/limits.ts';
import { csrfToken } from '../../platform/staff-session-tokens.ts';
import { CODE_TTL_MS, requestSignUp, signedInMember, verifySignUp } from '../../modules/staff/index.ts';
import { problemResponses } from '../openapi-shared.ts';
import { staffSessionOut } from './session.out.ts';

const ACCEPTED: IdentityCodeAccepted = { status: 'sent_if_possible', expires_in_minutes: CODE_TTL_MS / 60_000 };

export function adminSignUpRoutes(deps: AppDeps) {
  return new Hono()
    .post('/v1/admin/sign-up',
      describeRoute({
        tags: ['admin'], summary: 'Sign a new studio up: its details and the owner\'s address',
        description: '`{"studio_name","owner_name","email","country","currency","language","timezone"}` → always 202 with the same body. '
          + 'The owner gets a 6-digit code by mail (10 minutes; POST /v1/admin/sign-up/verify). At most 3 sign-ups per address an hour '
          + '(beyond, the same 202 and no mail) and 10 per client network (beyond, 429 `rate_limited` with `Retry-After`). An address '
          + 'that already works for a studio signs up like any other (one person may own several). No `Idempotency-Key`: a repeat '
          + 'only sends a newer code for a newer sign-up, and the newest counts.',
        responses: { 202: { description: 'Sent if possible', content: { 'application/json': { schema: resolver(IdentityCodeAccepted) } } }, ...problemResponses(400, 429) },
      }),
      validate('json', SignUpBody),
      async (c) => {
        const body = c.req.valid('json');
        try {
          await requestSignUp(deps.db, { now: deps.now(), secret: deps.config.secret }, body, clientAddress(c, rateLimitsOf(deps.config).trustProxy));
        } catch (error) {
          if (error instanceof AppError && error.code === 'rate_limited') {
            const res = problem(c, error);
            res.headers.set('Retry-After', '3600');
            return res;
          }
          throw error;
        }
        return c.json(ACCEPTED, 202);
      })
    .post('/v1/admin/sign-up/verify',
      describeRoute({
        tags: ['admin'], summary: 'Prove the owner\'s address: the new studio starts, its owner signed in',
        description: '`{"email","code"}`: the code of the address\'s newest sign-up. Right: 201 with who is signed in (the owner of the new '
          + 'studio) and the `csrf_token`, and the session cookie `tandem_staff` as for staff sign-in. Wrong (or no sign-up waiting for '
          + 'this address, answered alike): 422 `identity_code_invalid`; expired: 422 `identity_code_expired`; the fifth wrong one and '
          + 'any while locked: 429 `identity_code_locked`. A code is used once.',
        responses: { 201: { description: 'The studio is live and its owner signed in', content: { 'application/json': { schema: resolver(StaffSessionOut) } } }, ...problemResponses(400, 422), 429: { description: 'identity_code_locked' } },
      }),
      validate('json', SignUpVerifyBody),
      async (c) => {
        const body = c.req.valid('json');
        const v = await verifySignUp(deps.db, { now: deps.now(), secret: deps.config.secret }, body);
        if (!v.ok) return problem(c, v.error);
        const { orgId, staffId, role } = v.membership;
        const who = await withCaller(deps.db, { orgId, role, userId: staffId }, (tx) => signedInMember(tx, orgId, staffId));
        if (!who) throw new AppError('unauthorized', 'This staff member is not active.');
        c.header('Set-Cookie', staffCookie(deps.config.publicOrigin, v.token));
        c.header('Cache-Control', 'no-store');
        return c.json(staffSessionOut(who, { csrfToken: csrfToken(deps.config.secret, v.sessionId), expiresAt: v.expiresAt }), 201);
      });
}
