/** Referral codes and the rewards they earned, as the caller's policies show them (the studio's owners and managers all). */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import { effectiveReferralReward, type ReferralRewardSetting } from './domain/index.ts';

export interface ReferralListed {
  code: typeof t.referralCodes.$inferSelect;
  referrer: { id: string; name: string; email: string };
  rewards: (typeof t.referralRewards.$inferSelect & { referee: { id: string; name: string; email: string }; couponCode: string | null })[];
}

/** The studio's referral codes, newest first, each with its referrer and its rewards (newest first). */
export async function referralsOf(tx: Tx, orgId: string, filter: { limit: number; referrerId?: string | undefined }): Promise<ReferralListed[]> {
  const codes = await tx.select({ code: t.referralCodes, id: t.customers.id, name: t.customers.name, email: t.customers.email }).from(t.referralCodes)
    .innerJoin(t.customers, and(eq(t.customers.orgId, t.referralCodes.orgId), eq(t.customers.id, t.referralCodes.customerId)))
    .where(and(eq(t.referralCodes.orgId, orgId), filter.referrerId ? eq(t.referralCodes.customerId, filter.referrerId) : undefined))
    .orderBy(desc(t.referralCodes.createdAt)).limit(filter.limit);
  if (!codes.length) return [];
  const referee = alias(t.customers, 'referee');
  const rewards = await tx.select({ reward: t.referralRewards, id: referee.id, name: referee.name, email: referee.email, couponCode: t.coupons.code }).from(t.referralRewards)
    .innerJoin(referee, and(eq(referee.orgId, t.referralRewards.orgId), eq(referee.id, t.referralRewards.refereeCustomerId)))
    .leftJoin(t.coupons, and(eq(t.coupons.orgId, t.referralRewards.orgId), eq(t.coupons.id, t.referralRewards.couponId)))
    .where(and(eq(t.referralRewards.orgId, orgId), inArray(t.referralRewards.referralCodeId, codes.map((c) => c.code.id))))
    .orderBy(desc(t.referralRewards.createdAt));
  return codes.map((c) => ({
    code: c.code,
    referrer: { id: c.id, name: c.name, email: c.email },
    rewards: rewards.filter((r) => r.reward.referralCodeId === c.code.id).map((r) => ({ ...r.reward, referee: { id: r.id, name: r.name, email: r.email }, couponCode: r.couponCode })),
  }));
}

export interface OwnReferral {
  code: typeof t.referralCodes.$inferSelect | null;
  /** What the code earns per referee now: the studio's setting, else the code's class credits; null with no code. */
  reward: ReferralRewardSetting | null;
  rewards: { status: string; kind: 'credits' | 'coupon'; credits: number; dueAt: Date; grantedAt: Date | null }[];
}

/** The customer's own code, what it earns now, and the rewards it earned them (no referee's name: that is the studio's to see). */
export async function ownReferral(tx: Tx, orgId: string, customerId: string): Promise<OwnReferral> {
  const [code] = await tx.select().from(t.referralCodes).where(and(eq(t.referralCodes.orgId, orgId), eq(t.referralCodes.customerId, customerId)))
    .orderBy(t.referralCodes.createdAt).limit(1);
  const rewards = await tx.select({ status: t.referralRewards.status, coupon: t.referralRewards.coupon, credits: t.referralRewards.credits, dueAt: t.referralRewards.dueAt, grantedAt: t.referralRewards.grantedAt })
    .from(t.referralRewards).where(and(eq(t.referralRewards.orgId, orgId), eq(t.referralRewards.referrerCustomerId, customerId))).orderBy(desc(t.referralRewards.createdAt));
  const [org] = code ? await tx.select({ reward: t.orgs.referralReward }).from(t.orgs).where(eq(t.orgs.id, orgId)) : [];
  return {
    code: code ?? null,
    // As the reward is earned (referrals.mutations): the studio's setting, else the code's credits.
    reward: code ? effectiveReferralReward(org?.reward, code.referrerRewardCredits) : null,
    rewards: rewards.map(({ coupon, ...r }) => ({ ...r, kind: coupon ? 'coupon' as const : 'credits' as const })),
  };
}
