/**
 * Calendar feeds are read again on a schedule: every quarter of an hour the runner sends this job,
 * which queues a fetch (feeds.jobs.ts) of every feed not read for FEED_REFRESH_HOURS, in every
 * studio. Which feeds are due is answered by one definer function (calendar_feeds_due), since
 * no org is known here. A fetch already waiting for a feed is not queued twice (its key).
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { withCrossTenant } from '../../platform/db/identity.ts';
import { rows } from '../../platform/db/prepared.ts';
import { enqueueMany, type JobDefinition } from '../../platform/jobs/queue.ts';
import { FEEDS_QUEUE } from './feeds.jobs.ts';

export const FEED_REFRESH_QUEUE = 'availability.feed-refresh';
/** A feed is read again once its last read is this old. */
export const FEED_REFRESH_HOURS = 6;
/** Feeds queued per run at most; the oldest first, the rest on the next run. */
const BATCH = 500;

export interface FeedRefreshEnv { db: Database; now: () => Date }

/** Queues a fetch of every feed that is due; answers how many. */
export async function queueDueFeeds(env: FeedRefreshEnv): Promise<number> {
  const before = new Date(env.now().getTime() - FEED_REFRESH_HOURS * 3_600_000);
  return withCrossTenant(env.db, 'calendar feeds: which feeds of any studio are due to be read again', async (tx) => {
    const due = await rows(tx, sql`select org_id, feed_id from calendar_feeds_due(${before.toISOString()}::timestamptz, ${BATCH})`);
    if (due.length) {
      await enqueueMany(tx, FEEDS_QUEUE, due.map((r) => ({ data: { orgId: String(r.org_id), feedId: String(r.feed_id) }, options: { singletonKey: `feed:${String(r.feed_id)}` } })));
    }
    return due.length;
  });
}

export function feedRefreshJob(env: FeedRefreshEnv): JobDefinition {
  return { name: FEED_REFRESH_QUEUE, cron: '*/15 * * * *', retryLimit: 0, handle: async () => { await queueDueFeeds(env); } };
}
