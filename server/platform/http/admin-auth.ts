import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppDeps, AdminEnv, StaffCaller } from '../../deps.ts';
import { resolveKey } from './api-keys.ts';
import { touchStaffSession } from './staff-sessions.ts';
import { AppError } from '../errors.ts';
import { CSRF_HEADER, STAFF_COOKIE, csrfMatches, staffSessionTokenOf } from '../staff-session-tokens.ts';
import { staffCookie } from './staff-cookie.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authentication for the admin API, two ways to one `StaffCaller`:
 *   `Authorization: Bearer sk_…`  a secret key for scripts, acting as the staff member it was issued for;
 *   the `tandem_staff` cookie      the console's session (e-mail one-time code), HttpOnly, SameSite=Strict,
 *                                  extended to 12 hours on every use; every request that is not a read
 *                                  must also carry `Tandem-CSRF` (403 csrf_token_invalid otherwise).
 * Either way the request runs with the person's role, through the same policies as their own.
 */
export function adminAuth(deps: AppDeps): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const authorization = c.req.header('Authorization');
    if (authorization !== undefined) {
      c.set('staff', await byKey(deps, authorization));
      return next();
    }
    const token = staffSessionTokenOf(getCookie(c, STAFF_COOKIE));
    if (!token) throw new AppError('unauthorized', 'Sign in (the console\'s session cookie) or send a secret key as "Authorization: Bearer sk_…".');
    const now = deps.now();
    const session = await touchStaffSession(deps.db, token, now);
    if (!session) throw new AppError('unauthorized', 'This session has ended: sign in again.');
    if (!SAFE_METHODS.has(c.req.method) && !csrfMatches(deps.config.secret, session.sessionId, c.req.header(CSRF_HEADER))) {
      throw new AppError('csrf_token_invalid', `Send the session's CSRF token (GET /v1/admin/session) as "${CSRF_HEADER}".`);
    }
    c.set('staff', { orgId: session.orgId, staffId: session.staffId, role: session.role, sessionId: session.sessionId });
    await next();
    // Sliding: the cookie lives as long as the session it names.
    if (!c.res.headers.has('Set-Cookie')) refreshCookie(c, deps, token);
  };
}

function refreshCookie(c: Context<AdminEnv>, deps: AppDeps, token: string): void {
  c.res.headers.append('Set-Cookie', staffCookie(deps.config.publicOrigin, token));
}

async function byKey(deps: AppDeps, authorization: string): Promise<StaffCaller> {
  const match = /^Bearer (sk_[A-Za-z0-9_-]{4,200})$/.exec(authorization);
  if (!match) throw new AppError('unauthorized', 'Send a secret key as "Authorization: Bearer sk_…".');
  const key = await resolveKey(deps.db, match[1]!);
  if (!key || key.revoked || key.kind !== 'secret' || !key.staffId) throw new AppError('unauthorized', 'Unknown or revoked secret key.');
  // The key's lookup also answers its staff member's role and whether they are still active.
  if (!key.staff?.isActive) throw new AppError('unauthorized', 'The staff member of this key is no longer active.');
  return { orgId: key.orgId, staffId: key.staffId, role: key.staff.role };
}
