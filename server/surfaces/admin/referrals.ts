import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { AppError } from '../../platform/errors.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { referralRewardSetting, referralsOf, setReferralRewardSetting, type ReferralListed } from '../../modules/billing/index.ts';
import { ReferralRewardSettingBody, ReferralRewardSettingOut, ReferralsOut, ReferralsQuery, type ReferralOut } from '../../../schema/api/admin-referrals.ts';
import { problemResponses } from '../openapi-shared.ts';
import { staffAction } from './staff-action.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

function referralOut(r: ReferralListed): ReferralOut {
  return {
    code: r.code.code, referrer: r.referrer, uses: r.code.uses, referee_discount_bp: r.code.refereeDiscountBp, referrer_reward_credits: r.code.referrerRewardCredits,
    created_at: r.code.createdAt.toISOString(),
    rewards: r.rewards.map((w) => ({
      id: w.id, referee: w.referee, order_id: w.orderId, booking_id: w.bookingId, credits: w.credits, coupon_code: w.couponCode, status: w.status as ReferralOut['rewards'][number]['status'],
      due_at: w.dueAt.toISOString(), granted_at: iso(w.grantedAt), voided_at: iso(w.voidedAt), void_reason: w.voidReason,
    })),
  };
}

const rewardDescription = 'What a referrer receives once per referee whose paid booking stands past its free cancellation window: `{"kind":"credits","credits":1–100}` '
  + '(class credits; the default, 1), or `{"kind":"coupon","percent_bp":1–10000,"valid_days":1–366}` / `{"kind":"coupon","amount_off":…,"currency":"CHF","valid_days":…}`: '
  + 'a single-use coupon of the referrer\'s own (checkout refuses it to anyone else with `coupon_not_yours`), whose code their mail carries. A reward already '
  + 'earned keeps what was set then. Owners and managers; instructors 403.';

/** GET /v1/admin/referrals: referral codes and the rewards their referees earned. Owners and managers; an instructor lists none. */
export function adminReferralRoutes(deps: AppDeps) {
  return new Hono<AdminEnv>().get('/referrals',
    describeRoute({
      tags: ['admin'], summary: 'Referral codes and the referrers\' rewards',
      description: 'Every customer with a confirmed booking has a code. A referee\'s paid order makes the referrer\'s reward `pending` until the free '
        + 'cancellation window of the booking\'s first session has passed; then it is `granted` (class credits) or `void` (the booking was cancelled '
        + 'or the order refunded). Once per referee. Newest code first (`limit`, default 100, at most 500); `referrer_id` filters. Owners and managers; '
        + 'an instructor\'s key lists none.',
      security: [{ secretKey: [] }],
      responses: { 200: { description: 'The referrals', content: { 'application/json': { schema: resolver(ReferralsOut) } } }, ...problemResponses(400, 401) },
    }),
    validate('query', ReferralsQuery),
    async (c) => {
      const staff = c.get('staff');
      const q = c.req.valid('query');
      const rows = staff.role === 'instructor' ? [] : await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId },
        (tx) => referralsOf(tx, staff.orgId, { limit: q.limit ?? 100, referrerId: q.referrer_id }));
      return c.json({ referrals: rows.map(referralOut) });
    })
    .get('/referrals/reward',
      describeRoute({
        tags: ['admin'], summary: 'The referrer\'s reward: class credits or a coupon (owners, managers)', description: rewardDescription,
        security: [{ secretKey: [] }],
        responses: { 200: { description: 'The setting', content: { 'application/json': { schema: resolver(ReferralRewardSettingOut) } } }, ...problemResponses(401, 403) },
      }),
      async (c) => {
        const staff = c.get('staff');
        if (staff.role === 'instructor') throw new AppError('forbidden', 'Owners and managers see the referral reward.');
        const setting = await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, (tx) => referralRewardSetting(tx, staff.orgId));
        return c.json(setting satisfies ReferralRewardSettingOut);
      })
    .put('/referrals/reward',
      describeRoute({
        tags: ['admin'], summary: 'Set the referrer\'s reward (owners, managers)', description: `${rewardDescription} Needs an \`Idempotency-Key\`.`,
        security: [{ secretKey: [] }], parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'The setting', content: { 'application/json': { schema: resolver(ReferralRewardSettingOut) } } }, ...problemResponses(400, 401, 403) },
      }),
      idempotencyKeyRequired(),
      validate('json', ReferralRewardSettingBody),
      async (c) => {
        const staff = c.get('staff');
        if (staff.role === 'instructor') throw new AppError('forbidden', 'Owners and managers set the referral reward.');
        const body = c.req.valid('json');
        return staffAction(c, deps, { method: 'PUT', path: 'referrals/reward', body }, async () => undefined,
          async (tx) => ({ status: 200, body: await setReferralRewardSetting(tx, staff.orgId, body) satisfies ReferralRewardSettingOut }));
      });
}
