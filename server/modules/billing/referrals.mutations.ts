/**
 * Referrals around a paid booking: every customer whose booking is confirmed gets a referral code;
 * a referee's paid order records the referrer's reward as pending (what the studio's setting says
 * then: class credits, or a coupon), due when the free cancellation window of the booking's first
 * session has passed; the reward job then grants it (credits on the referrer's ledger, or a
 * single-use coupon of the referrer's own) if the booking still stands and the order is not
 * refunded, or voids it. Once per referee and per order (unique keys), once however often the job
 * runs (the row's status, locked); the grant records `referral.reward_granted`, whose mail tells the
 * referrer (the coupon's code in it).
 */
import { randomBytes, randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import { effectiveReferralReward, referralCodeFor, referralRewardDecision, referralRewardDueAt, referrerRewardFor } from './domain/index.ts';
import type { BookingContext, OrderDetail } from './context.queries.ts';

/** The queue whose job settles one due referral reward. */
export const REFERRAL_REWARD_QUEUE = 'billing.referral_reward';

/** The customer's referral code: the one they have, else a new one (a few tries against the rare clash). */
export async function ensureReferralCode(tx: Tx, orgId: string, customer: { id: string; name: string }): Promise<string> {
  const [own] = await tx.select({ code: t.referralCodes.code }).from(t.referralCodes)
    .where(and(eq(t.referralCodes.orgId, orgId), eq(t.referralCodes.customerId, customer.id))).limit(1);
  if (own) return own.code;
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = referralCodeFor(customer.name, randomInt);
    const added = await tx.insert(t.referralCodes).values({ orgId, customerId: customer.id, code }).onConflictDoNothing().returning({ code: t.referralCodes.code });
    if (added.length) return added[0]!.code;
  }
  throw new Error(`no free referral code for customer ${customer.id}`);
}

/**
 * At confirmation (in its transaction): the customer's own code, and for an order placed with a
 * referral code the referrer's reward, pending until due, with the job that settles it then.
 */
export async function onReferralConfirmed(tx: Tx, env: { now: Date }, ctx: BookingContext, detail: OrderDetail): Promise<void> {
  const orgId = ctx.org.id;
  await ensureReferralCode(tx, orgId, ctx.customer);
  if (!detail.order.referralCodeId) return;
  const [code] = await tx.select().from(t.referralCodes).where(and(eq(t.referralCodes.orgId, orgId), eq(t.referralCodes.id, detail.order.referralCodeId)));
  if (!code || code.customerId === ctx.customer.id) return;
  // The studio's setting as it stands when the reward is earned; none set: the code's class credits.
  const setting = effectiveReferralReward(ctx.org.referralReward, code.referrerRewardCredits);
  let reward: { credits: number; coupon: typeof t.referralRewards.$inferInsert['coupon'] };
  if (setting.kind === 'coupon') {
    reward = { credits: 0, coupon: setting.amount_off !== undefined ? { amount_off: setting.amount_off, currency: setting.currency, valid_days: setting.valid_days } : { percent_bp: setting.percent_bp, valid_days: setting.valid_days } };
  } else {
    const grant = referrerRewardFor({ code: code.code, referrerCustomerId: code.customerId, referrerReward: { kind: 'credits', credits: setting.credits } }, { orderId: detail.order.id, status: 'confirmed' });
    if (grant?.kind !== 'credits') return;
    reward = { credits: grant.entry.delta, coupon: null };
  }
  const dueAt = new Date(referralRewardDueAt(ctx.sessions.map((s) => (s.status === 'scheduled' && s.startsAt ? s.startsAt.getTime() : null)), ctx.program.policies.free_cancel_hours, env.now.getTime()));
  const [added] = await tx.insert(t.referralRewards).values({
    orgId, referralCodeId: code.id, referrerCustomerId: code.customerId, refereeCustomerId: ctx.customer.id, orderId: detail.order.id, bookingId: ctx.booking.id,
    ...reward, status: 'pending', dueAt, createdAt: env.now,
  }).onConflictDoNothing().returning({ id: t.referralRewards.id });
  if (added) await enqueue(tx, REFERRAL_REWARD_QUEUE, { orgId, rewardId: added.id }, { startAfter: new Date(dueAt.getTime() + 1_000) });
}

export type RewardOutcome = 'granted' | 'void' | 'not_due' | 'settled_already' | 'unknown';

/** A coupon code nobody guesses: the prefix and 10 characters without look-alikes. */
function rewardCouponCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return `THANKS-${[...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/**
 * Settles one reward (the server's transaction): not before it is due; granted once (the row is
 * locked and must still be pending), with a credit-ledger entry or a coupon for the referrer (single
 * use, theirs alone, valid the days set) and the event whose mail tells them; void when the
 * booking was cancelled or the order refunded within the window.
 */
export async function settleReferralReward(tx: Tx, env: EventContext, orgId: string, rewardId: string): Promise<RewardOutcome> {
  const now = env.now;
  const [reward] = await tx.select().from(t.referralRewards).where(and(eq(t.referralRewards.orgId, orgId), eq(t.referralRewards.id, rewardId))).for('update');
  if (!reward) return 'unknown';
  if (reward.status !== 'pending') return 'settled_already';
  if (reward.dueAt.getTime() > now.getTime()) {
    await enqueue(tx, REFERRAL_REWARD_QUEUE, { orgId, rewardId }, { startAfter: new Date(reward.dueAt.getTime() + 1_000) });
    return 'not_due';
  }
  const [[booking], [order]] = await Promise.all([
    tx.select({ status: t.programBookings.status }).from(t.programBookings).where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.id, reward.bookingId))),
    tx.select({ status: t.orders.status }).from(t.orders).where(and(eq(t.orders.orgId, orgId), eq(t.orders.id, reward.orderId))),
  ]);
  const decision = booking && order ? referralRewardDecision(booking, order) : { grant: false as const, reason: 'booking_cancelled' as const };
  if (!decision.grant) {
    await tx.update(t.referralRewards).set({ status: 'void', voidedAt: now, voidReason: decision.reason })
      .where(and(eq(t.referralRewards.orgId, orgId), eq(t.referralRewards.id, reward.id), eq(t.referralRewards.status, 'pending')));
    return 'void';
  }
  let coupon: { id: string; code: string; validUntil: Date } | null = null;
  if (reward.coupon) {
    const spec = reward.coupon;
    const validUntil = new Date(now.getTime() + spec.valid_days * 86_400_000);
    const [row] = await tx.insert(t.coupons).values({
      orgId, code: rewardCouponCode(), customerId: reward.referrerCustomerId, validFrom: now, validUntil, maxRedemptions: 1, maxPerCustomer: 1,
      ...(spec.amount_off !== undefined ? { kind: 'fixed', amountOff: spec.amount_off, currency: spec.currency ?? null } : { kind: 'percent', percentBp: spec.percent_bp ?? null }),
    }).returning({ id: t.coupons.id, code: t.coupons.code });
    coupon = { id: row!.id, code: row!.code, validUntil };
  } else {
    await tx.insert(t.creditLedger).values({ orgId, customerId: reward.referrerCustomerId, delta: reward.credits, balanceAfter: 0, reason: 'referral_reward', orderId: reward.orderId });
  }
  await tx.update(t.referralRewards).set({ status: 'granted', grantedAt: now, couponId: coupon?.id ?? null })
    .where(and(eq(t.referralRewards.orgId, orgId), eq(t.referralRewards.id, reward.id), eq(t.referralRewards.status, 'pending')));
  await recordEvent(tx, {
    orgId, type: 'referral.reward_granted', subjectId: reward.id,
    payload: {
      referrer_customer_id: reward.referrerCustomerId, credits: reward.credits,
      coupon: coupon && reward.coupon
        ? { code: coupon.code, valid_until: coupon.validUntil.toISOString(), percent_bp: reward.coupon.percent_bp ?? null, amount_off: reward.coupon.amount_off ?? null, currency: reward.coupon.currency ?? null }
        : null,
    },
  }, env);
  return 'granted';
}
