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
  /** Class credits for the referrer. */
  credits: v.number(),
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

/** GET /v1/portal/referral: the customer's own code (from their first confirmed booking on) and what it earned them. */
export const PortalReferralOut = v.object({
  /** Null until a booking of theirs is confirmed. */
  code: v.nullable(v.string()),
  /** The studio's page with the code filled in at the payment (`?tandem-coupon=`), to share; null with no code. */
  link: v.nullable(v.string()),
  referee_discount_bp: v.nullable(v.number()),
  reward_credits: v.nullable(v.number()),
  rewards: v.array(v.object({ status: v.picklist(['pending', 'granted', 'void']), credits: v.number(), due_at: v.string(), granted_at: v.nullable(v.string()) })),
});
export type PortalReferralOut = v.InferOutput<typeof PortalReferralOut>;
