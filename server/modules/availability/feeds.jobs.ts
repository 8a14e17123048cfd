/**
 * Calendar feeds (`.ics` URLs): an instructor's outside calendar whose events block their time as
 * group classes. The job fetches the feed outside any transaction through the same SSRF guards as
 * the outgoing webhooks (public addresses only in production, no redirects, a timeout and a size
 * cap), parses it with ical.js (recurring events expanded, their exceptions applied), and
 * replaces the feed's future classes in one transaction. An event over a booked session, time off
 * or another class is not imported (the instructor cannot be in two places); the feed's
 * `last_error` says how many were left out. All-day and transparent ("free") events and
 * cancelled ones block nothing.
 */
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import { rows } from '../../platform/db/prepared.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import { getText, type TextGetter } from '../../platform/adapters/http/get-text.ts';

export const FEEDS_QUEUE = 'availability.feed-sync';

/** How far ahead a feed's events are imported. */
export const FEED_HORIZON_DAYS = 180;
const FEED_BYTE_LIMIT = 2_000_000;
const FEED_TIMEOUT_MS = 10_000;
/** Occurrences per feed at most (a runaway RRULE stops there). */
const MAX_OCCURRENCES = 2_000;

export interface FeedEvent { uid: string; title: string; start: number; end: number }

function instantOf(time: ICAL.Time, fallbackZone: string): number | null {
  const zone = time.zone;
  const tzid = zone?.tzid;
  if (zone && tzid && tzid !== 'floating' && tzid !== 'UTC' && zone !== ICAL.Timezone.localTimezone) return time.toUnixTime() * 1000;
  if (tzid === 'UTC' || zone === ICAL.Timezone.utcTimezone) return time.toUnixTime() * 1000;
  // A floating time, or a TZID the feed did not describe: read it in that zone if it is an IANA name, else the instructor's.
  const named = tzid && tzid !== 'floating' && DateTime.local().setZone(tzid).isValid ? tzid : fallbackZone;
  const dt = DateTime.fromObject({ year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second }, { zone: named });
  return dt.isValid ? dt.toMillis() : null;
}

/**
 * The busy events of an iCalendar text between `from` and `to` (epoch ms), each occurrence of a
 * recurring event once, keyed `uid` or `uid@start` for occurrences. Throws on text that is not iCalendar.
 */
export function parseFeed(text: string, zone: string, from: number, to: number): FeedEvent[] {
  const root = new ICAL.Component(ICAL.parse(text));
  if (root.name !== 'vcalendar') throw new Error('not an iCalendar document');
  for (const tz of root.getAllSubcomponents('vtimezone')) {
    const t = new ICAL.Timezone(tz);
    if (t.tzid && !ICAL.TimezoneService.has(t.tzid)) ICAL.TimezoneService.register(t);
  }
  const vevents = root.getAllSubcomponents('vevent');
  const exceptions = vevents.filter((e) => e.hasProperty('recurrence-id'));
  const out: FeedEvent[] = [];
  const busy = (c: ICAL.Component) => String(c.getFirstPropertyValue('transp') ?? 'OPAQUE').toUpperCase() !== 'TRANSPARENT'
    && String(c.getFirstPropertyValue('status') ?? '').toUpperCase() !== 'CANCELLED';
  const push = (uid: string, title: string, s: ICAL.Time, e: ICAL.Time) => {
    if (s.isDate) return; // all-day: a note in a calendar, not time taken
    const start = instantOf(s, zone);
    const end = instantOf(e, zone);
    if (start === null || end === null || end <= start || end <= from || start >= to) return;
    if (out.length < MAX_OCCURRENCES) out.push({ uid, title: title.slice(0, 200) || 'Busy', start, end });
  };
  for (const component of vevents) {
    if (component.hasProperty('recurrence-id')) continue;
    const event = new ICAL.Event(component);
    for (const x of exceptions) if (x.getFirstPropertyValue('uid') === event.uid) event.relateException(x);
    if (!event.uid) continue;
    if (!event.isRecurring()) {
      if (busy(component)) push(event.uid, event.summary ?? '', event.startDate, event.endDate);
      continue;
    }
    const it = event.iterator();
    for (let n = 0, next = it.next(); next && n < MAX_OCCURRENCES; n++, next = it.next()) {
      const d = event.getOccurrenceDetails(next);
      const start = instantOf(d.startDate, zone);
      if (start !== null && start >= to) break;
      if (!busy(d.item.component)) continue;
      push(`${event.uid}@${d.recurrenceId.toString()}`, d.item.summary ?? event.summary ?? '', d.startDate, d.endDate);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export interface FeedEnv {
  db: Database;
  now: () => Date;
  /** Outside production: feeds on loopback or private addresses (tests, a local calendar server). */
  allowPrivateTargets: boolean;
  get?: TextGetter;
}

/** Fetches one feed and replaces its future classes. */
export async function syncFeed(env: FeedEnv, orgId: string, feedId: string): Promise<void> {
  const [feed] = await withSystem(env.db, orgId, 'calendar feed: read the feed to fetch', (tx) =>
    rows(tx, sql`select f.url, f.instructor_id, s.timezone from calendar_feeds f join staff s on s.org_id = f.org_id and s.id = f.instructor_id
      where f.org_id = ${orgId}::uuid and f.id = ${feedId}::uuid`));
  if (!feed) return; // removed since
  const now = env.now();
  const fetched = await (env.get ?? getText)(String(feed.url), { timeoutMs: FEED_TIMEOUT_MS, byteLimit: FEED_BYTE_LIMIT, allowPrivate: env.allowPrivateTargets, accept: 'text/calendar' });
  let events: FeedEvent[] | null = null;
  let error: string | null = fetched.error;
  if (!error && (fetched.status === null || fetched.status < 200 || fetched.status >= 300)) error = `HTTP ${fetched.status}`;
  if (!error) {
    try { events = parseFeed(fetched.body ?? '', String(feed.timezone), now.getTime(), now.getTime() + FEED_HORIZON_DAYS * 86_400_000); }
    catch (e) { error = `not a calendar: ${e instanceof Error ? e.message : String(e)}`.slice(0, 300); }
  }
  await withSystem(env.db, orgId, 'calendar feed: replace the feed\'s future classes', async (tx) => {
    if (!events) {
      // The last good import stays: a feed that is down for a day should not free the instructor's time.
      await rows(tx, sql`update calendar_feeds set last_error = ${error}, last_synced_at = ${now.toISOString()}::timestamptz where org_id = ${orgId}::uuid and id = ${feedId}::uuid`);
      return;
    }
    await rows(tx, sql`delete from class_occurrences where org_id = ${orgId}::uuid and feed_id = ${feedId}::uuid and ends_at > ${now.toISOString()}::timestamptz`);
    let imported = 0;
    for (const e of events) {
      const range = sql`tstzrange(${new Date(e.start).toISOString()}::timestamptz, ${new Date(e.end).toISOString()}::timestamptz, '[)')`;
      const [row] = await rows(tx, sql`with c as (
          insert into class_occurrences (org_id, instructor_id, title, starts_at, ends_at, timezone, capacity, feed_id, feed_uid)
          select ${orgId}::uuid, ${feed.instructor_id}::uuid, ${e.title}, lower(${range}), upper(${range}), ${String(feed.timezone)}, 1, ${feedId}::uuid, ${e.uid}
           where not exists (select 1 from schedule_blocks b where b.org_id = ${orgId}::uuid and b.instructor_id = ${feed.instructor_id}::uuid
                               and b.status <> 'cancelled' and b.during && ${range})
          on conflict (org_id, feed_id, feed_uid) do nothing
          returning id)
        insert into schedule_blocks (org_id, kind, status, instructor_id, during, timezone, class_occurrence_id, note)
        select ${orgId}::uuid, 'class', 'active', ${feed.instructor_id}::uuid, ${range}, ${String(feed.timezone)}, c.id, 'calendar feed' from c
        returning 1 as one`);
      if (row) imported++;
    }
    const skipped = events.length - imported;
    await rows(tx, sql`update calendar_feeds set last_synced_at = ${now.toISOString()}::timestamptz, events_imported = ${imported},
        last_error = ${skipped ? `${skipped} event(s) overlap booked sessions, time off or other classes and were not imported` : null}
      where org_id = ${orgId}::uuid and id = ${feedId}::uuid`);
  });
}

export function feedSyncJob(env: FeedEnv): JobDefinition<{ orgId: string; feedId: string }> {
  return { name: FEEDS_QUEUE, retryLimit: 3, handle: (data) => syncFeed(env, data.orgId, data.feedId) };
}
