import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import { revokeIdentityToken } from '../../modules/identity/index.ts';
import { revokeManageLink } from '../../modules/bookings/index.ts';
import { portalSecurity } from './list-bookings.ts';
import { problemResponses } from '../openapi-shared.ts';

export function signOutRoute(deps: AppDeps) {
  return new Hono<PortalEnv>().post('/sign-out',
    describeRoute({
      tags: ['portal'], summary: 'Sign out: the bearer stops working at once',
      description: 'An identity token\'s session ends; a manage link is revoked (the booking\'s next mail, or "send me a new link", brings a new one). '
        + 'Naturally idempotent: no `Idempotency-Key` needed.',
      security: portalSecurity,
      responses: { 204: { description: 'Signed out' }, ...problemResponses(401) },
    }),
    async (c) => {
      const caller = c.get('portal');
      if (caller.via === 'identity') await revokeIdentityToken(deps.db, caller.token, deps.now());
      else await revokeManageLink(deps.db, caller.orgId, caller.bookingId!, deps.now());
      return c.body(null, 204);
    });
}
