import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { PortalReferralOut } from '../../../schema/api/admin-referrals.ts';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { ownReferral } from '../../modules/billing/index.ts';
import { studioProfile } from '../../modules/catalog/index.ts';
import { studioUrl } from '../pages/studio.ts';
import { customerCaller } from './portal-action.ts';
import { portalSecurity } from './list-bookings.ts';
import { problemResponses } from '../openapi-shared.ts';

/** GET /v1/portal/referral: the customer's referral code to share, and the rewards it earned (pending, granted, void). */
export function referralRoute(deps: AppDeps) {
  return new Hono<PortalEnv>().get('/referral',
    describeRoute({
      tags: ['portal'], summary: 'The customer\'s referral code and rewards',
      description: 'A code from the first confirmed booking on (null before). A friend who books with it gets the studio\'s referee discount; the customer '
        + 'gets `reward` (the studio\'s setting: class credits, or a coupon of their own) once the friend\'s booking is paid and its free cancellation '
        + 'window has passed; `reward_credits` repeats the credits (0 for a coupon). `link`: the studio\'s '
        + 'page, whose booking widgets fill the code in at the payment.',
      security: portalSecurity,
      responses: { 200: { description: 'The code and rewards', content: { 'application/json': { schema: resolver(PortalReferralOut) } } }, ...problemResponses(401) },
    }),
    async (c) => {
      const caller = c.get('portal');
      const { own, studio } = await withCaller(deps.db, customerCaller(caller), async (tx) => ({
        own: await ownReferral(tx, caller.orgId, caller.customerId), studio: await studioProfile(tx, caller.orgId),
      }));
      const code = own.code?.code ?? null;
      const out: PortalReferralOut = {
        code, link: code && studio ? `${studioUrl(deps.config, studio.slug)}?tandem-coupon=${encodeURIComponent(code)}` : null, referee_discount_bp: own.code?.refereeDiscountBp ?? null,
        reward_credits: own.reward ? (own.reward.kind === 'credits' ? own.reward.credits : 0) : null, reward: own.reward,
        rewards: own.rewards.map((r) => ({ status: r.status as PortalReferralOut['rewards'][number]['status'], kind: r.kind, credits: r.credits, due_at: r.dueAt.toISOString(), granted_at: r.grantedAt?.toISOString() ?? null })),
      };
      return c.json(out);
    });
}
