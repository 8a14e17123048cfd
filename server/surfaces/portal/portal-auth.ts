import type { MiddlewareHandler } from 'hono';
import type { AppDeps, PortalCaller, PortalEnv } from '../../deps.ts';
import { AppError, problem } from '../../platform/errors.ts';
import { isOriginAllowedAnywhere } from '../../platform/http/api-keys.ts';
import { identityTokenOf, openIdentityToken } from '../../modules/identity/index.ts';
import { linkTokenOf, openManageLink } from '../../modules/bookings/index.ts';

const allowedHeaders = 'Authorization, Content-Type, Idempotency-Key';
const exposedHeaders = 'Idempotency-Replayed, Retry-After';

/**
 * The portal's bearer: an identity token (`it_…`, from an e-mail code) or a booking's manage
 * token (from a mail). Unknown, forged, expired and revoked tokens are the same 401. A bearer
 * token is no cookie, so CORS only lets a studio's own site (an allowed origin) read answers.
 */
export function portalAuth(deps: AppDeps): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    const origin = c.req.header('Origin');
    const corsOk = origin ? await isOriginAllowedAnywhere(deps.db, origin) : false;
    if (c.req.method === 'OPTIONS') {
      if (!corsOk) throw new AppError('origin_not_allowed');
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin!,
        'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
        'Access-Control-Allow-Headers': allowedHeaders,
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    const caller = await callerOf(deps, bearerOf(c.req.header('Authorization')));
    if (!caller) {
      const res = problem(c, new AppError('unauthorized', 'This sign-in has expired or is not valid: sign in again with a code by e-mail, or ask for a new link.'));
      if (origin && corsOk) allowOrigin(res, origin);
      return res;
    }
    c.set('portal', caller);
    await next();
    if (origin && corsOk) allowOrigin(c.res, origin);
  };
}

function bearerOf(header: string | undefined): string | undefined {
  return /^Bearer ([A-Za-z0-9_-]{43,46})$/.exec(header ?? '')?.[1];
}

async function callerOf(deps: AppDeps, token: string | undefined): Promise<PortalCaller | null> {
  if (!token) return null;
  const now = deps.now();
  const identity = identityTokenOf(token);
  if (identity) {
    const proven = await openIdentityToken(deps.db, identity, now);
    return proven ? { ...proven, via: 'identity', bookingId: null, token: identity } : null;
  }
  const link = linkTokenOf(token);
  if (!link) return null;
  const holder = await openManageLink(deps.db, link, now);
  return holder ? { orgId: holder.orgId, customerId: holder.customerId, via: 'manage', bookingId: holder.bookingId, token: link } : null;
}

function allowOrigin(res: Response, origin: string): void {
  res.headers.set('Access-Control-Allow-Origin', origin);
  res.headers.set('Access-Control-Expose-Headers', exposedHeaders);
  res.headers.append('Vary', 'Origin');
}
