import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, pgEnum, pgTable, smallint, text, time, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId, tstzrange } from './columns.ts';
import { resources, staff } from './tenancy.ts';
import { anyOf, isInstructor, isManager, tenantPolicies } from './policies.ts';

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
  createdAt: createdAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId, t.instructorId], foreignColumns: [staff.orgId, staff.id] }).onDelete('cascade'),
  index('availability_rules_instructor').on(t.orgId, t.instructorId),
  check('availability_rules_shape', sql`
    (${t.kind} = 'weekly' and ${t.weekday} between 1 and 7 and ${t.onDate} is null and ${t.startTime} is not null and ${t.endTime} is not null)
    or (${t.kind} = 'closed' and ${t.onDate} is not null)
    or (${t.kind} in ('replace', 'extra') and ${t.onDate} is not null and ${t.startTime} is not null and ${t.endTime} is not null)`),
  check('availability_rules_order', sql`${t.startTime} is null or ${t.endTime} = '00:00' or ${t.startTime} < ${t.endTime}`),
  ...tenantPolicies('availability_rules', { select: ownOrManaged, insert: ownOrManaged, update: ownOrManaged, delete: ownOrManaged }),
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
  createdAt: createdAt(),
}, (t) => [
  unique('class_occurrences_org_id').on(t.orgId, t.id),
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
