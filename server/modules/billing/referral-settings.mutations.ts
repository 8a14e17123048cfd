/** The studio's referral reward setting (orgs.referral_reward): read and set as the caller (owners and managers change the org row). */
import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import { effectiveReferralReward, type ReferralRewardSetting } from './domain/index.ts';

/** The codes' class credits when the studio never set a reward (referral_codes.referrer_reward_credits' default). */
const DEFAULT_CREDITS = 1;

export async function referralRewardSetting(tx: Tx, orgId: string): Promise<ReferralRewardSetting> {
  const [org] = await tx.select({ reward: t.orgs.referralReward }).from(t.orgs).where(eq(t.orgs.id, orgId));
  return effectiveReferralReward(org?.reward, DEFAULT_CREDITS);
}

/** The setting as the API takes it: credits, or a coupon with either percent_bp or amount_off and its currency (the API's schema checks which). */
export type ReferralRewardInput =
  | { kind: 'credits'; credits: number }
  | { kind: 'coupon'; percent_bp?: number | undefined; amount_off?: number | undefined; currency?: string | undefined; valid_days: number };

export async function setReferralRewardSetting(tx: Tx, orgId: string, input: ReferralRewardInput): Promise<ReferralRewardSetting> {
  let stored: ReferralRewardSetting;
  if (input.kind === 'credits') stored = { kind: 'credits', credits: input.credits };
  else if (input.amount_off !== undefined && input.currency !== undefined) stored = { kind: 'coupon', amount_off: input.amount_off, currency: input.currency, valid_days: input.valid_days };
  else if (input.percent_bp !== undefined) stored = { kind: 'coupon', percent_bp: input.percent_bp, valid_days: input.valid_days };
  else throw new Error('a coupon reward needs percent_bp, or amount_off with its currency');
  await tx.update(t.orgs).set({ referralReward: stored }).where(eq(t.orgs.id, orgId));
  return stored;
}
