import * as v from 'valibot';
import { Id } from './common.ts';

/** GET /v1/admin/referrals: the studio's referral codes, newest first, each with the rewards it earned. */
export const ReferralsQuery = v.object({
  referrer_id: v.optional(Id),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'must be 1 to 500'), v.transform(Number), v.minValue(1, 'must be 1 to 500'), v.maxValue(500, 'must be 1 to 500'))),
});

const Person = v.object({ id: Id, name: v.string(), email: v.string() });

export const ReferralRewardOut = v.object({
  id: Id,
  referee: Person,
  order_id: Id,
  booking_id: Id,
  /** Class credits for the referrer (0 when the reward is a coupon). */
  credits: v.number(),
  /** The referrer's own coupon, once a coupon reward is granted; else null. */
  coupon_code: v.nullable(v.string()),
  /** pending (until `due_at`: the free cancellation window of the referee's first session) · granted · void. */
  status: v.picklist(['pending', 'granted', 'void']),
  due_at: v.string(),
  granted_at: v.nullable(v.string()),
  voided_at: v.nullable(v.string()),
  /** `booking_cancelled`, `order_refunded` or `not_paid`. */
  void_reason: v.nullable(v.string()),
});

export const ReferralOut = v.object({
  code: v.string(),
  referrer: Person,
  /** Orders placed with the code (unpaid ones whose hold lapsed give their use back). */
  uses: v.number(),
  /** The referee's discount, in basis points (1000 = 10 %). */
  referee_discount_bp: v.number(),
  /** Class credits the referrer receives per referee. */
  referrer_reward_credits: v.number(),
  created_at: v.string(),
  rewards: v.array(ReferralRewardOut),
});
export type ReferralOut = v.InferOutput<typeof ReferralOut>;
export const ReferralsOut = v.object({ referrals: v.array(ReferralOut) });


const int = (min: number, max: number) => v.pipe(v.number('must be a number'), v.integer('must be an integer'), v.minValue(min, `must be >= ${min}`), v.maxValue(max, `must be <= ${max}`));

/**
 * GET / PUT /v1/admin/referrals/reward: what a referrer receives once per referee whose paid booking
 * stands past its free cancellation window. `credits`: class credits on their ledger. `coupon`: a
 * single-use coupon of their own (checkout refuses it to anyone else, `coupon_not_yours`), either
 * `percent_bp` off (1000 = 10 %) or `amount_off` in minor units with its `currency`, valid `valid_days`
 * from the grant; the referrer's mail carries its code. A reward already earned keeps what was set then.
 */
export const ReferralRewardSettingBody = v.variant('kind', [
  v.strictObject({ kind: v.literal('credits'), credits: int(1, 100) }),
  v.pipe(
    v.strictObject({
      kind: v.literal('coupon'),
      percent_bp: v.optional(int(1, 10_000)),
      amount_off: v.optional(int(1, 100_000_000)),
      currency: v.optional(v.pipe(v.string('must be a string'), v.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CHF'))),
      valid_days: int(1, 366),
    }),
    v.forward(v.check((b) => (b.percent_bp === undefined) !== (b.amount_off === undefined), 'give either percent_bp or amount_off'), ['percent_bp']),
    v.forward(v.check((b) => (b.amount_off === undefined) === (b.currency === undefined), 'goes with amount_off (and only with it)'), ['currency']),
  ),
]);
export type ReferralRewardSettingBody = v.InferOutput<typeof ReferralRewardSettingBody>;
export const ReferralRewardSettingOut = v.union([
  v.object({ kind: v.literal('credits'), credits: v.number() }),
  v.object({ kind: v.literal('coupon'), percent_bp: v.optional(v.number()), amount_off: v.optional(v.number()), currency: v.optional(v.string()), valid_days: v.number() }),
]);
export type ReferralRewardSettingOut = v.InferOutput<typeof ReferralRewardSettingOut>;

/** GET /v1/portal/referral: the customer's own code (from their first confirmed booking on) and what it earned them. */
export const PortalReferralOut = v.object({
  /** Null until a booking of theirs is confirmed. */
  code: v.nullable(v.string()),
  /** The studio's page with the code filled in at the payment (`?tandem-coupon=`), to share; null with no code. */
  link: v.nullable(v.string()),
  referee_discount_bp: v.nullable(v.number()),
  /** Class credits per referee when the reward is credits; 0 when it is a coupon; null with no code. */
  reward_credits: v.nullable(v.number()),
  /** What the customer receives per referee as the studio set it now (credits, or a coupon of their own); null with no code. */
  reward: v.nullable(ReferralRewardSettingOut),
  /** `kind`: what each reward is (class credits, or a coupon: `credits` 0). */
  rewards: v.array(v.object({ status: v.picklist(['pending', 'granted', 'void']), kind: v.picklist(['credits', 'coupon']), credits: v.number(), due_at: v.string(), granted_at: v.nullable(v.string()) })),
});
export type PortalReferralOut = v.InferOutput<typeof PortalReferralOut>;
