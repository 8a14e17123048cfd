import type { Database } from '../../platform/db/database.ts';
import type { AppConfig } from '../../deps.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import { REFERRAL_REWARD_QUEUE, settleReferralReward, type RewardOutcome } from './referrals.mutations.ts';

/** Settles one referral reward now, in its own transaction (safe to run twice: the row decides). */
export function settleReferralRewardNow(db: Database, config: AppConfig, orgId: string, rewardId: string, now: Date): Promise<RewardOutcome> {
  return withSystem(db, orgId, 'referrals: settle the reward that has come due', (tx) => settleReferralReward(tx, { now, config }, orgId, rewardId));
}

/** The job queued with each pending reward, at its due time. */
export function referralRewardJob(env: { db: Database; now: () => Date; config: AppConfig }): JobDefinition<{ orgId: string; rewardId: string }> {
  return { name: REFERRAL_REWARD_QUEUE, handle: async ({ orgId, rewardId }) => { await settleReferralRewardNow(env.db, env.config, orgId, rewardId, env.now()); } };
}
