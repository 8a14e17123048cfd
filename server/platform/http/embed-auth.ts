import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../../deps.ts';
import { isOriginAllowedAnywhere } from './api-keys.ts';
import { publishableKey } from './key-cache.ts';
import { AppError, problem } from '../errors.ts';

const allowedHeaders = 'Accept-Language, Authorization, Content-Type, Idempotency-Key, Tandem-Booking-Token, Tandem-Identity';
const exposedHeaders = 'Idempotency-Replayed, Retry-After';

/**
 * Publishable-key authentication for the embed API, with CORS for the org's
 * allowed origins only. A request without an `Origin` (curl, a server) is fine:
 * the key is public; origins protect studios from other sites using their key.
 * A missing or unknown key answers 401 with CORS for origins some studio allows (what the
 * preflight answered), so the widget can read why; a key used from a website its studio does
 * not allow answers 403 without CORS.
 */
export function embedAuth(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header('Origin');
    if (c.req.method === 'OPTIONS') {
      if (!origin || !(await isOriginAllowedAnywhere(deps.db, origin))) throw new AppError('origin_not_allowed');
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': allowedHeaders,
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    const match = /^Bearer (pk_[A-Za-z0-9_-]{4,200})$/.exec(c.req.header('Authorization') ?? '');
    if (!match) return unauthorized(c, origin, 'Send the publishable key as "Authorization: Bearer pk_…".');
    const key = await publishableKey(deps.db, match[1]!);
    if (!key) return unauthorized(c, origin, 'Unknown or revoked publishable key.');
    // The hosted program pages (/p/…) are served from the API's own origin and embed the widget there.
    if (origin && origin !== deps.config.publicOrigin && !key.origins.includes(origin)) throw new AppError('origin_not_allowed', `${origin} is not among this studio's allowed websites.`);
    c.set('embed', { orgId: key.orgId, keyId: key.keyId });
    await next();
    if (origin) allowOrigin(c.res, origin);
  };

  async function unauthorized(c: Context, origin: string | undefined, detail: string): Promise<Response> {
    const res = problem(c, new AppError('unauthorized', detail));
    if (origin && (await isOriginAllowedAnywhere(deps.db, origin))) allowOrigin(res, origin);
    else res.headers.append('Vary', 'Origin');
    return res;
  }
}

function allowOrigin(res: Response, origin: string): void {
  res.headers.set('Access-Control-Allow-Origin', origin);
  res.headers.set('Access-Control-Expose-Headers', exposedHeaders);
  res.headers.append('Vary', 'Origin');
}
