import type { Database } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import type { AppConfig } from '../../deps.ts';
import { CAMPAIGN_QUEUE, runCampaignRound, type CampaignRound } from './campaigns.mutations.ts';

/** One round of a campaign in its own transaction (the campaign's row lock keeps two runners apart). */
export function runCampaignNow(db: Database, env: { now: Date; config: AppConfig }, orgId: string, campaignId: string): Promise<CampaignRound> {
  return withSystem(db, orgId, 'campaigns: mail the segment\'s consenting members', (tx) => runCampaignRound(tx, env, orgId, campaignId));
}

export function campaignJob(env: { db: Database; now: () => Date; config: AppConfig }): JobDefinition<{ orgId: string; campaignId: string }> {
  return { name: CAMPAIGN_QUEUE, handle: async ({ orgId, campaignId }) => { await runCampaignNow(env.db, { now: env.now(), config: env.config }, orgId, campaignId); } };
}
