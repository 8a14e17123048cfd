import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, index, integer, pgEnum, pgTable, primaryKey, smallint, text, time, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId, tstzrange } from './columns.ts';
import { locations, orgs, resources, staff } from './tenancy.ts';
import { anyOf, isInstructor, isManager, nobody, tenantPolicies } from './policies.ts';

export const availabilityKind = pgEnum('availability_kind', ['weekly', 'closed', 'replace', 'extra']);
export const blockKind = pgEnum('block_kind', ['session', 'class', 'appointment', 'time_off']);
export const blockStatus = pgEnum('block_status', ['held', 'active', 'cancelled']);

const ownOrManaged = anyOf(isManager, sql`(${isInstructor} and instructor_id = app_user_id())`);

/**
 * Wall-clock opening hours of an instructor in their IANA zone.
 *   weekly   every `weekday` (ISO, Monday = 1) from `start_time` to `end_time`, between valid_from and valid_until
 *   closed   no hours on `on_date`
 *   replace  on `on_date` exactly these hours (one row per interval)
 *   extra    on `on_date` these hours on top of the weekly ones
 * A rule with a `location_id` holds only for programs given at that location; one without, for every program.
 */
export const availabilityRules = pgTable('availability_rules', {
  id: id(),
  orgId: orgId(),
  instructorId: uuid('instructor_id').notNull(),
  kind: availabilityKind('kind').notNull().default('weekly'),
  weekday: smallint('weekday'),
  onDate: date('on_date'),
  startTime: time('start_time'),
  endTime: time('end_time'),
  validFrom: date('valid_from'),
  validUntil: date('valid_until'),
  timezone: text('timezone').notNull(),
  locationId: uuid('location_id'),
  createdAt: createdAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId, t.instructorId], foreignColumns: [staff.orgId, staff.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.orgId, t.locationId], foreignColumns: [locations.orgId, locations.id] }).onDelete('cascade'),
  index('availability_rules_instructor').on(t.orgId, t.instructorId),
  check('availability_rules_shape', sql`
    (${t.kind} = 'weekly' and ${t.weekday} between 1 and 7 and ${t.onDate} is null and ${t.startTime} is not null and ${t.endTime} is not null)
    or (${t.kind} = 'closed' and ${t.onDate} is not null)
    or (${t.kind} in ('replace', 'extra') and ${t.onDate} is not null and ${t.startTime} is not null and ${t.endTime} is not null)`),
  check('availability_rules_order', sql`${t.startTime} is null or ${t.endTime} = '00:00' or ${t.startTime} < ${t.endTime}`),
  ...tenantPolicies('availability_rules', { select: ownOrManaged, insert: ownOrManaged, update: ownOrManaged, delete: ownOrManaged }),
]).enableRLS();

/**
 * Days the whole studio is closed (public holidays, a winter break): `starts_on` … `ends_on`
 * inclusive, local dates in `timezone` (the studio's when written). No instructor and no room
 * is open then: slots skip them, a series at the program's cadence moves past them.
 */
export const studioClosures = pgTable('studio_closures', {
  id: id(),
  orgId: orgId(),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  createdAt: createdAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  index('studio_closures_org').on(t.orgId, t.startsOn),
  check('studio_closures_order', sql`${t.startsOn} <= ${t.endsOn}`),
  // Closed days are no secret: the booking path reads them as the caller, before anything is escalated.
  ...tenantPolicies('studio_closures', { select: sql`true`, insert: isManager, update: isManager, delete: isManager }),
]).enableRLS();

/**
 * An instructor's outside calendar (`.ics` URL) whose events block their time as group classes.
 * Fetched by a job (never in the request), its events replace the feed's earlier import.
 */
export const calendarFeeds = pgTable('calendar_feeds', {
  id: id(),
  orgId: orgId(),
  instructorId: uuid('instructor_id').notNull(),
  url: text('url').notNull(),
  label: text('label').notNull().default(''),
  lastSyncedAt: instant('last_synced_at'),
  lastError: text('last_error'),
  eventsImported: integer('events_imported').notNull().default(0),
  createdAt: createdAt(),
}, (t) => [
  unique('calendar_feeds_org_id').on(t.orgId, t.id),
  foreignKey({ columns: [t.orgId, t.instructorId], foreignColumns: [staff.orgId, staff.id] }).onDelete('cascade'),
  uniqueIndex('calendar_feeds_instructor_url').on(t.orgId, t.instructorId, t.url),
  ...tenantPolicies('calendar_feeds', { select: ownOrManaged, insert: ownOrManaged, update: ownOrManaged, delete: ownOrManaged }),
]).enableRLS();

/** Group classes: they occupy the instructor (and the room) like any session. */
export const classOccurrences = pgTable('class_occurrences', {
  id: id(),
  orgId: orgId(),
  instructorId: uuid('instructor_id').notNull(),
  resourceId: uuid('resource_id'),
  title: text('title').notNull(),
  startsAt: instant('starts_at').notNull(),
  endsAt: instant('ends_at').notNull(),
  timezone: text('timezone').notNull(),
  capacity: integer('capacity').notNull().default(12),
  /** Imported from a calendar feed: the feed and the event's UID there (a re-import updates, never duplicates). */
  feedId: uuid('feed_id'),
  feedUid: text('feed_uid'),
  createdAt: createdAt(),
}, (t) => [
  unique('class_occurrences_org_id').on(t.orgId, t.id),
  foreignKey({ columns: [t.orgId, t.feedId], foreignColumns: [calendarFeeds.orgId, calendarFeeds.id] }).onDelete('cascade'),
  uniqueIndex('class_occurrences_feed_uid').on(t.orgId, t.feedId, t.feedUid),
  foreignKey({ columns: [t.orgId, t.instructorId], foreignColumns: [staff.orgId, staff.id] }),
  foreignKey({ columns: [t.orgId, t.resourceId], foreignColumns: [resources.orgId, resources.id] }),
  check('class_occurrences_order', sql`${t.startsAt} < ${t.endsAt}`),
  ...tenantPolicies('class_occurrences', { select: sql`app_role() in ('owner', 'manager', 'system', 'instructor')`, insert: isManager, update: isManager, delete: isManager }),
]).enableRLS();

/**
 * Everything that occupies an instructor or a room. The exclusion constraints
 * (migration 0002) forbid two non-cancelled blocks overlapping for the same
 * instructor or the same resource: the database is the last word on double booking.
 * A `held` block belongs to a reserved booking and stops counting after `hold_expires_at`
 * (the sweeper then cancels it; the booking path releases expired holds it runs into).
 */
export const scheduleBlocks = pgTable('schedule_blocks', {
  id: id(),
  orgId: orgId(),
  kind: blockKind('kind').notNull(),
  status: blockStatus('status').notNull().default('active'),
  instructorId: uuid('instructor_id'),
  resourceId: uuid('resource_id'),
  during: tstzrange('during').notNull(),
  timezone: text('timezone').notNull(),
  holdExpiresAt: instant('hold_expires_at'),
  sessionId: uuid('session_id'),
  classOccurrenceId: uuid('class_occurrence_id'),
  note: text('note'),
  createdAt: createdAt(),
}, (t) => [
  unique('schedule_blocks_org_id').on(t.orgId, t.id),
  foreignKey({ columns: [t.orgId, t.instructorId], foreignColumns: [staff.orgId, staff.id] }),
  foreignKey({ columns: [t.orgId, t.resourceId], foreignColumns: [resources.orgId, resources.id] }),
  foreignKey({ columns: [t.orgId, t.classOccurrenceId], foreignColumns: [classOccurrences.orgId, classOccurrences.id] }).onDelete('cascade'),
  check('schedule_blocks_owner', sql`${t.instructorId} is not null or ${t.resourceId} is not null`),
  check('schedule_blocks_hold', sql`${t.status} <> 'held' or ${t.holdExpiresAt} is not null`),
  check('schedule_blocks_range', sql`not isempty(${t.during}) and not lower_inf(${t.during}) and not upper_inf(${t.during})`),
  index('schedule_blocks_session').on(t.orgId, t.sessionId),
  // The hold sweeper's search: held blocks by expiry.
  index('schedule_blocks_hold_expiry').on(t.holdExpiresAt).where(sql`${t.status} = 'held'`),
  ...tenantPolicies('schedule_blocks', { select: ownOrManaged, insert: ownOrManaged, update: ownOrManaged, delete: ownOrManaged }),
]).enableRLS();

/**
 * The org's schedule version, striped: what the embed's slots answer reads besides the catalog
 * (schedule blocks, availability rules, studio closures) raises one stripe in the writing
 * transaction (`raise_schedule_version()`, migration 0046): the stripe of the writing connection
 * (its backend pid; stripe 0 keeps what connections that have ended raised). The version is the
 * sum over the org's stripes, so it grows with every committed change. A single counter on `orgs`
 * made every booking of a studio wait, from its block insert to its COMMIT, for the one before it.
 * Written by the trigger function only.
 */
export const scheduleVersionStripes = pgTable('schedule_version_stripes', {
  orgId: orgId(),
  stripe: integer('stripe').notNull(),
  version: bigint('version', { mode: 'number' }).notNull(),
}, (t) => [
  primaryKey({ name: 'schedule_version_stripes_pkey', columns: [t.orgId, t.stripe] }),
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  ...tenantPolicies('schedule_version_stripes', { select: sql`true`, insert: nobody, update: nobody, delete: nobody }),
]).enableRLS();
