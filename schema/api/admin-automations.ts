import * as v from 'valibot';
import { Id, singleLine } from './common.ts';
import { WEBHOOK_EVENTS } from '../../shared/webhook-events.ts';

const Name = v.pipe(v.string(), v.trim(), singleLine(), v.minLength(1, 'is required'), v.maxLength(120));
const PerLang = (max: number) => v.strictObject({
  en: v.pipe(v.string(), v.trim(), v.minLength(1, 'is required'), v.maxLength(max)),
  de: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(max))),
  fr: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(max))),
  it: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(max))),
});

/**
 * What starts a run:
 * - `event`: any outgoing webhook event (`booking.confirmed`, `session.completed`, …), once per event;
 * - `segment_entered`: a customer who was not in the segment is in it now (looked at every 5 minutes; the members when the automation starts do not count), once per customer;
 * - `session_time`: a session's start or end, or a milestone's due date, plus `offset_minutes` (negative: before), once per session and time (a moved session triggers at its new time).
 */
export const AutomationTrigger = v.variant('kind', [
  v.strictObject({ kind: v.literal('event'), event: v.picklist(WEBHOOK_EVENTS, 'must be an outgoing webhook event') }),
  v.strictObject({ kind: v.literal('segment_entered'), segment_id: Id }),
  v.strictObject({
    kind: v.literal('session_time'), anchor: v.picklist(['session_start', 'session_end', 'milestone_due']),
    offset_minutes: v.pipe(v.number(), v.integer(), v.minValue(-43_200, 'at most 30 days before'), v.maxValue(525_600, 'at most a year after')),
  }),
]);
export type AutomationTrigger = v.InferOutput<typeof AutomationTrigger>;

/** Read when the run starts (after the delay); all given must hold, else the run is skipped with the reason. */
export const AutomationConditions = v.strictObject({
  program_ids: v.optional(v.pipe(v.array(Id), v.minLength(1), v.maxLength(100))),
  variant_ids: v.optional(v.pipe(v.array(Id), v.minLength(1), v.maxLength(100))),
  /** The customer is a member of this segment then. */
  segment_id: v.optional(Id),
});

/**
 * Done in order, each a step of its own, retried with back-off (30 s, 2 min, 10 min, 1 h, 6 h) and failed after the sixth attempt:
 * - `send_mail`: subject and markdown (en required, the fallback; the customer's language); `{{coupon_code}}` and `{{coupon_valid_until}}` (YYYY-MM-DD) name the coupon an earlier `grant_coupon` of the same run granted (a mail that names one with no such action before it fails, unsent). `marketing: true` only under the customer's confirmed consent (else the step is skipped, `no_consent`), with the unsubscribe link and List-Unsubscribe; a transactional mail never asks. No mail in the customer's quiet hours (22:00–07:00).
 * - `add_tag`: a tag on the customer.
 * - `grant_coupon`: a single-use coupon of the customer's own (checkout refuses it to anyone else: `coupon_not_yours`), `percent_off` %, valid `valid_days` days; its code is in the step's result and in later mails as `{{coupon_code}}`.
 * - `grant_credits`: class credits on the customer's ledger.
 * - `call_webhook`: a POST to one of the studio's webhook endpoints, signed with its secret (Standard Webhooks; `webhook-id` is the step's, the same in every attempt); body `{ type: "automation.action", version: 1, id, timestamp, data: { automation_id, run_id, trigger, customer, booking_id } }`. A 2xx answer succeeds.
 */
export const AutomationAction = v.variant('type', [
  v.strictObject({ type: v.literal('send_mail'), marketing: v.boolean(), subject: PerLang(200), body_md: PerLang(20_000) }),
  v.strictObject({ type: v.literal('add_tag'), tag: v.pipe(v.string(), v.trim(), singleLine(), v.minLength(1, 'is required'), v.maxLength(60)) }),
  v.strictObject({ type: v.literal('grant_coupon'), percent_off: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), valid_days: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(366)) }),
  v.strictObject({ type: v.literal('grant_credits'), credits: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)) }),
  v.strictObject({ type: v.literal('call_webhook'), endpoint_id: Id }),
]);
export type AutomationAction = v.InferOutput<typeof AutomationAction>;

const Delay = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(525_600, 'at most a year'));
const Actions = v.pipe(v.array(AutomationAction), v.minLength(1, 'at least one action'), v.maxLength(10));

/** POST /v1/admin/automations */
export const AutomationBody = v.strictObject({
  name: Name,
  trigger: AutomationTrigger,
  /** Minutes between the trigger and the run's start (default 0). */
  delay_minutes: v.optional(Delay, 0),
  conditions: v.optional(AutomationConditions, {}),
  actions: Actions,
  /** Default true. */
  enabled: v.optional(v.boolean(), true),
});
export type AutomationBody = v.InferOutput<typeof AutomationBody>;

/** PATCH /v1/admin/automations/:id: what is given changes; later runs follow it (runs under way keep their actions). */
export const AutomationPatch = v.strictObject({
  name: v.optional(Name),
  trigger: v.optional(AutomationTrigger),
  delay_minutes: v.optional(Delay),
  conditions: v.optional(AutomationConditions),
  actions: v.optional(Actions),
});
export type AutomationPatch = v.InferOutput<typeof AutomationPatch>;

export const AutomationParams = v.object({ id: Id });
/** POST /v1/admin/automations/:id/runs/:runId/retry */
export const RunParams = v.object({ id: Id, runId: Id });
export const RunsQuery = v.object({
  status: v.optional(v.picklist(['scheduled', 'running', 'succeeded', 'failed', 'skipped'])),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'must be 1 to 500'), v.transform(Number), v.minValue(1, 'must be 1 to 500'), v.maxValue(500, 'must be 1 to 500'))),
  /** Runs created before this instant (the last run's `created_at`, for the next page). */
  before: v.optional(v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 instant'))),
});

export const AutomationOut = v.object({
  id: Id, name: v.string(), enabled: v.boolean(), trigger: AutomationTrigger, delay_minutes: v.number(),
  conditions: AutomationConditions, actions: v.array(AutomationAction), created_at: v.string(), updated_at: v.string(),
});
export type AutomationOut = v.InferOutput<typeof AutomationOut>;
export const AutomationsOut = v.object({ automations: v.array(AutomationOut) });

export const RunActionOut = v.object({
  position: v.number(), type: v.string(),
  /** pending · retrying (failed, tried again at `next_attempt_at`) · succeeded · failed (after the last attempt) · skipped (consent missing, or an earlier action failed). */
  status: v.picklist(['pending', 'retrying', 'succeeded', 'failed', 'skipped']),
  attempts: v.number(), next_attempt_at: v.nullable(v.string()), last_error: v.nullable(v.string()),
  result: v.nullable(v.record(v.string(), v.unknown())), finished_at: v.nullable(v.string()),
});
export const RunOut = v.object({
  id: Id, trigger_key: v.string(), context: v.record(v.string(), v.unknown()), customer_id: v.nullable(Id), booking_id: v.nullable(Id),
  /** scheduled (waiting for its delay) · running · succeeded · failed · skipped (`skip_reason`: automation_disabled, anchor_moved (its session or milestone was cancelled or moved before its time), condition_program, condition_variant, condition_segment). */
  status: v.picklist(['scheduled', 'running', 'succeeded', 'failed', 'skipped']), skip_reason: v.nullable(v.string()),
  due_at: v.string(), started_at: v.nullable(v.string()), finished_at: v.nullable(v.string()), created_at: v.string(),
  actions: v.array(RunActionOut),
});
export type RunOut = v.InferOutput<typeof RunOut>;
export const RunsOut = v.object({ runs: v.array(RunOut) });
