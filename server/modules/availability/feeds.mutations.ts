/** Calendar feeds from the admin API: added, listed, synced again and removed as the caller; the fetching is a job (feeds.jobs.ts). */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rows } from '../../platform/db/prepared.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { endpointUrlProblem } from '../../platform/adapters/http/public-address.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import { asSystem } from '../../platform/db/escalation.ts';
import type { FeedBody } from '../../../schema/api/admin-availability.ts';
import { instructorFor, type Actor } from './manage.mutations.ts';
import { FEEDS_QUEUE } from './feeds.jobs.ts';

const feedOut = (r: Record<string, unknown>) => ({
  id: String(r.id), instructor_id: String(r.instructor_id), url: String(r.url), label: String(r.label),
  last_synced_at: r.last_synced_at ? new Date(String(r.last_synced_at)).toISOString() : null, last_error: r.last_error ? String(r.last_error) : null,
  events_imported: Number(r.events_imported),
});

export async function listFeeds(tx: Tx, orgId: string) {
  return (await rows(tx, sql`select id, instructor_id, url, label, last_synced_at, last_error, events_imported from calendar_feeds where org_id = ${orgId}::uuid order by created_at`)).map(feedOut);
}

export async function addFeed(tx: Tx, actor: Actor, body: FeedBody, ctx: EventContext, allowPrivate: boolean) {
  const who = await instructorFor(tx, actor, body.instructor_id).catch(() => { throw new AppError('validation_failed', undefined, { errors: [{ field: 'instructor_id', message: 'is not on this studio\'s staff' }] }); });
  const url = body.url.replace(/^webcals?:\/\//i, 'https://');
  const problem = endpointUrlProblem(url, allowPrivate);
  if (problem) throw new AppError('validation_failed', undefined, { errors: [{ field: 'url', message: problem }] });
  const id = randomUUID();
  const [row] = await rows(tx, sql`insert into calendar_feeds (id, org_id, instructor_id, url, label) values (${id}::uuid, ${actor.orgId}::uuid, ${who.id}::uuid, ${url}, ${body.label})
    on conflict (org_id, instructor_id, url) do nothing returning id, instructor_id, url, label, last_synced_at, last_error, events_imported`);
  if (!row) throw new AppError('conflict', 'This feed is already imported for this instructor.', { errors: [{ field: 'url', message: 'is already imported' }] });
  await enqueue(tx, FEEDS_QUEUE, { orgId: actor.orgId, feedId: id }, { singletonKey: `feed:${id}` });
  await record(tx, actor, 'calendar_feed.added', id, ctx);
  return feedOut(row);
}

async function ownFeed(tx: Tx, actor: Actor, id: string): Promise<void> {
  const [row] = await rows(tx, sql`select instructor_id from calendar_feeds where org_id = ${actor.orgId}::uuid and id = ${id}::uuid`);
  if (!row || (actor.role === 'instructor' && String(row.instructor_id) !== actor.staffId)) throw new AppError('not_found', 'No such feed.');
}

export async function syncFeedNow(tx: Tx, actor: Actor, id: string, ctx: EventContext): Promise<{ id: string; queued: true }> {
  await ownFeed(tx, actor, id);
  await enqueue(tx, FEEDS_QUEUE, { orgId: actor.orgId, feedId: id }, { singletonKey: `feed:${id}` });
  await record(tx, actor, 'calendar_feed.sync_requested', id, ctx);
  return { id, queued: true };
}

/** The feed and the classes it brought go; sessions are never touched. */
export async function removeFeed(tx: Tx, actor: Actor, id: string, ctx: EventContext): Promise<{ id: string; removed: true }> {
  await ownFeed(tx, actor, id);
  // The feed's classes are the studio's rows (managers write them), so they go as the server, after the caller's own read above.
  await asSystem(tx, 'calendar feed: its owner removed it; its imported classes go with it');
  await rows(tx, sql`delete from calendar_feeds where org_id = ${actor.orgId}::uuid and id = ${id}::uuid`);
  await recordEvent(tx, { orgId: actor.orgId, type: 'calendar_feed.removed', subjectId: id, payload: { by: actor.staffId } }, ctx);
  return { id, removed: true };
}

async function record(tx: Tx, actor: Actor, type: string, id: string, ctx: EventContext): Promise<void> {
  if (actor.role === 'instructor') await asSystem(tx, 'calendar feed: the instructor acted on their own feed as themselves; this records the event');
  await recordEvent(tx, { orgId: actor.orgId, type, subjectId: id, payload: { by: actor.staffId } }, ctx);
}
