import * as v from 'valibot';

/** The program, by its slug, in admin paths. */
export const ProgramSlugParams = v.object({ slug: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a program slug')) });

const ReminderHours = v.pipe(
  v.array(v.pipe(v.number(), v.integer('must be whole hours'), v.minValue(1, 'must be at least 1 hour'), v.maxValue(336, 'must be at most 336 hours (two weeks)'))),
  v.maxLength(4, 'at most 4 reminders per session'),
);

/**
 * A program's built-in reminders and nudges, all on by default: `session_reminder_hours` (hours
 * before each session; `[]` turns session reminders off), "book your next session" for packs with
 * sessions to schedule, the notice 3 days before an installment is charged, the one mail after a
 * reservation lapsed unpaid, the reminder a day before each milestone with a due date (not completed yet), and the review
 * request a day after the program completes (its answer can become a testimonial the studio approves).
 */
export const NudgeSettingsOut = v.object({
  program: v.string(),
  session_reminder_hours: v.array(v.number()),
  book_next: v.boolean(),
  installment_due: v.boolean(),
  abandoned_reservation: v.boolean(),
  milestone_due: v.boolean(),
  review_request: v.boolean(),
  /** No mail from 22:00 to 07:00 in the customer's zone, unless a session is under 3 hours away. */
  quiet_hours: v.object({ from: v.string(), to: v.string() }),
});
export type NudgeSettingsOut = v.InferOutput<typeof NudgeSettingsOut>;

/** PUT /v1/admin/programs/:slug/nudges: what to change; what is left out stays as it is. */
export const NudgeSettingsBody = v.strictObject({
  session_reminder_hours: v.optional(ReminderHours),
  book_next: v.optional(v.boolean()),
  installment_due: v.optional(v.boolean()),
  abandoned_reservation: v.optional(v.boolean()),
  milestone_due: v.optional(v.boolean()),
  review_request: v.optional(v.boolean()),
});
export type NudgeSettingsBody = v.InferOutput<typeof NudgeSettingsBody>;

/** GET /v1/admin/mail: the studio's outgoing mail, newest first; `status` filters. */
export const MailQuery = v.object({
  status: v.optional(v.picklist(['pending', 'sent', 'failed', 'held'])),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'must be 1 to 500'), v.transform(Number), v.minValue(1, 'must be 1 to 500'), v.maxValue(500, 'must be 1 to 500'))),
});

export const MailOut = v.object({
  id: v.string(),
  /** What it is about (`session:<id>:reminder:48h:…`, `booking:<id>:confirmation`, …): one mail per key, ever. */
  key: v.string(),
  to: v.string(),
  subject: v.string(),
  /** `held`: over the per-recipient hourly limit, kept and not sent; `failed`: given up after its attempts (`last_error`). */
  status: v.picklist(['pending', 'sent', 'failed', 'held']),
  attempts: v.number(),
  last_error: v.nullable(v.string()),
  created_at: v.string(),
  sent_at: v.nullable(v.string()),
});
export const MailListOut = v.object({ mail: v.array(MailOut) });
