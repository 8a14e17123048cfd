/** The availability module's public face: surfaces and other modules import only from here. */
export * from './domain/index.ts';
export * from './calendars.queries.ts';
export * from './program.queries.ts';
export * from './slots.queries.ts';
export * from './manage.mutations.ts';
export * from './week.queries.ts';
export * from './feeds.mutations.ts';
export { FEEDS_QUEUE, FEED_HORIZON_DAYS, feedSyncJob, parseFeed, syncFeed, type FeedEnv, type FeedEvent } from './feeds.jobs.ts';
export { FEED_REFRESH_HOURS, FEED_REFRESH_QUEUE, feedRefreshJob, queueDueFeeds } from './feeds-refresh.jobs.ts';
