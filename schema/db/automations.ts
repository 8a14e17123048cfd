import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId, updatedAt } from './columns.ts';
import { customers } from './tenancy.ts';
import { isManager, nobody, tenantPolicies } from './policies.ts';

/** What starts an automation (schema/api/admin-automations.ts documents each). */
export type AutomationTriggerJson =
  | { kind: 'event'; event: string }
  | { kind: 'segment_entered'; segment_id: string }
  | { kind: 'session_time'; anchor: 'session_start' | 'session_end' | 'milestone_due'; offset_minutes: number };

/** All given must hold when the run starts. */
export interface AutomationConditionsJson { program_ids?: string[]; variant_ids?: string[]; segment_id?: string }

export type PerLangJson = { en: string; de?: string; fr?: string; it?: string };
export type AutomationActionJson =
  | { type: 'send_mail'; marketing: boolean; subject: PerLangJson; body_md: PerLangJson }
  | { type: 'add_tag'; tag: string }
  | { type: 'grant_coupon'; percent_off: number; valid_days: number }
  | { type: 'grant_credits'; credits: number }
  | { type: 'call_webhook'; endpoint_id: string };

/**
 * A studio's automation: a trigger, a delay, conditions read when a run starts, and actions done
 * in order. `trigger_event` repeats the public event of an `event` trigger so the in-transaction
 * fan-out finds its automations by index. Removing one keeps its runs (the log): it is marked
 * `deleted_at` and never runs again. `swept_until`: how far the schedule has looked for
 * session/milestone times and segment entries. The studio's owners and managers and the server.
 */
export const automations = pgTable('automations', {
  id: id(),
  orgId: orgId(),
  name: text('name').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  trigger: jsonb('trigger').$type<AutomationTriggerJson>().notNull(),
  triggerEvent: text('trigger_event'),
  delayMinutes: integer('delay_minutes').notNull().default(0),
  conditions: jsonb('conditions').$type<AutomationConditionsJson>().notNull().default({}),
  actions: jsonb('actions').$type<AutomationActionJson[]>().notNull(),
  sweptUntil: instant('swept_until'),
  deletedAt: instant('deleted_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  unique('automations_org_id').on(t.orgId, t.id),
  index('automations_event').on(t.orgId, t.triggerEvent).where(sql`enabled and deleted_at is null`),
  check('automations_delay', sql`${t.delayMinutes} between 0 and 525600`),
  ...tenantPolicies('automations', { select: isManager, insert: isManager, update: isManager, delete: nobody }),
]).enableRLS();

/**
 * One run of an automation for one trigger: `trigger_key` names what triggered it (the event's id,
 * the session and its time, the segment entry), unique per automation, so however many
 * transactions, workers or sweeps see the same trigger, it runs once.
 * scheduled → running → succeeded | failed, or skipped (a condition did not hold, the automation was disabled).
 */
export const automationRuns = pgTable('automation_runs', {
  id: id(),
  orgId: orgId(),
  automationId: uuid('automation_id').notNull(),
  triggerKey: text('trigger_key').notNull(),
  /** What the trigger was about: the event's type, customer, booking (and session), for conditions and actions. */
  context: jsonb('context').$type<Record<string, unknown>>().notNull(),
  customerId: uuid('customer_id'),
  bookingId: uuid('booking_id'),
  status: text('status').notNull().default('scheduled'),
  skipReason: text('skip_reason'),
  dueAt: instant('due_at').notNull(),
  startedAt: instant('started_at'),
  finishedAt: instant('finished_at'),
  createdAt: createdAt(),
}, (t) => [
  unique('automation_runs_org_id').on(t.orgId, t.id),
  unique('automation_runs_once').on(t.orgId, t.automationId, t.triggerKey),
  foreignKey({ columns: [t.orgId, t.automationId], foreignColumns: [automations.orgId, automations.id] }),
  index('automation_runs_list').on(t.orgId, t.automationId, t.createdAt),
  check('automation_runs_status', sql`${t.status} in ('scheduled', 'running', 'succeeded', 'failed', 'skipped')`),
  ...tenantPolicies('automation_runs', { select: isManager, insert: isManager, update: isManager, delete: nobody }),
]).enableRLS();

/**
 * One action of a run, a step of its own: pending → succeeded, or retrying (with `next_attempt_at`
 * and the last error) → failed after the last attempt; `skipped` when an earlier one failed.
 * `result` keeps what it did (the mail's key, the coupon's code, the receiver's status).
 */
export const automationRunActions = pgTable('automation_run_actions', {
  id: id(),
  orgId: orgId(),
  runId: uuid('run_id').notNull(),
  position: integer('position').notNull(),
  type: text('type').notNull(),
  /** The action as the automation had it when the run started (a later edit changes later runs only). */
  spec: jsonb('spec').$type<AutomationActionJson>().notNull(),
  status: text('status').notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: instant('next_attempt_at'),
  lastError: text('last_error'),
  result: jsonb('result').$type<Record<string, unknown>>(),
  leaseUntil: instant('lease_until'),
  finishedAt: instant('finished_at'),
  createdAt: createdAt(),
}, (t) => [
  unique('automation_run_actions_org_id').on(t.orgId, t.id),
  unique('automation_run_actions_step').on(t.orgId, t.runId, t.position),
  foreignKey({ columns: [t.orgId, t.runId], foreignColumns: [automationRuns.orgId, automationRuns.id] }),
  check('automation_run_actions_status', sql`${t.status} in ('pending', 'retrying', 'succeeded', 'failed', 'skipped')`),
  ...tenantPolicies('automation_run_actions', { select: isManager, insert: isManager, update: isManager, delete: nobody }),
]).enableRLS();

/**
 * The members a "segment entered" automation has seen: the schedule compares the segment's members
 * with these, and a customer not seen before has entered (the members when the automation started
 * are recorded without a run). A customer who leaves and comes back is not counted twice.
 */
export const automationSegmentMembers = pgTable('automation_segment_members', {
  orgId: orgId(),
  automationId: uuid('automation_id').notNull(),
  customerId: uuid('customer_id').notNull(),
  firstSeenAt: instant('first_seen_at').notNull(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.automationId, t.customerId] }),
  foreignKey({ columns: [t.orgId, t.automationId], foreignColumns: [automations.orgId, automations.id] }),
  foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }).onDelete('cascade'),
  ...tenantPolicies('automation_segment_members', { select: isManager, insert: isManager, update: isManager, delete: isManager }),
]).enableRLS();

/** A studio's tags on a customer (an automation's `add_tag`); the studio's owners and managers and the server. */
export const customerTags = pgTable('customer_tags', {
  orgId: orgId(),
  customerId: uuid('customer_id').notNull(),
  tag: text('tag').notNull(),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.orgId, t.customerId, t.tag] }),
  foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }).onDelete('cascade'),
  ...tenantPolicies('customer_tags', { select: isManager, insert: isManager, update: isManager, delete: isManager }),
]).enableRLS();
