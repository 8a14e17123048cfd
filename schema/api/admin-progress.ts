/** PUT /v1/admin/bookings/:id/progress/:milestoneId: staff log a milestone of a booking (done or open again, notes, an artifact link). */
import * as v from 'valibot';
import { Id } from './common.ts';

export const ProgressParams = v.object({ id: Id, milestoneId: Id });

export const ProgressBody = v.object({
  /** Done (its time kept from the first time it was marked) or open again. */
  completed: v.boolean(),
  /** Markdown; left out keeps what is there, null clears it. */
  notes_md: v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(5000, 'is too long (5,000 characters at most)')))),
  /** A link to the artifact (a document, a recording): https only; left out keeps what is there, null clears it. */
  artifact_url: v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(2000, 'is too long'), v.url('must be a web address'), v.startsWith('https://', 'must start with https://')))),
});
export type ProgressBody = v.InferOutput<typeof ProgressBody>;

export const ProgressOut = v.object({
  progress: v.array(v.object({ milestone_id: v.string(), name: v.string(), due_day_offset: v.nullable(v.number()), completed_at: v.nullable(v.string()), artifact_url: v.nullable(v.string()), notes_md: v.nullable(v.string()) })),
});
export type ProgressOut = v.InferOutput<typeof ProgressOut>;

/** POST /v1/admin/bookings/:id/credits: grant (positive) or deduct (negative) class credits of the booking's customer, with a reason. */
export const CreditAdjustBody = v.object({
  delta: v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(-1000, 'is too small (-1000 at least)'), v.maxValue(1000, 'is too large (1000 at most)'), v.check((n) => n !== 0, 'must not be 0')),
  reason: v.pipe(v.string(), v.trim(), v.minLength(1, 'is required'), v.maxLength(500, 'is too long (500 characters at most)')),
});
export const CreditAdjustOut = v.object({
  customer_id: v.string(),
  balance: v.number(),
  entry: v.object({ id: v.string(), delta: v.number(), balance_after: v.number(), reason: v.string(), created_at: v.string() }),
});
export type CreditAdjustOut = v.InferOutput<typeof CreditAdjustOut>;

/** PUT /v1/admin/bookings/:id/sessions/:sessionId/note: staff's private note on a session; null or empty clears it. */
export const SessionNoteBody = v.object({
  notes_md: v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(5000, 'is too long (5,000 characters at most)'))),
});

/** PUT /v1/admin/bookings/:id/note: staff's private note on the booking; null or empty clears it. */
export const BookingNoteBody = SessionNoteBody;

/** PUT …/sessions/:sessionId/meeting-url: this session's own online meeting address; null gives the session none. */
export const MeetingUrlBody = v.object({
  meeting_url: v.nullable(v.pipe(v.string('must be a URL'), v.trim(), v.url('must be a URL'), v.regex(/^https?:\/\//i, 'must start with https:// or http://'), v.maxLength(500, 'must be at most 500 characters'))),
});
export type MeetingUrlBody = v.InferOutput<typeof MeetingUrlBody>;
export const BookingNoteOut = v.object({ booking_id: v.string(), notes_private_md: v.nullable(v.string()) });
export type BookingNoteOut = v.InferOutput<typeof BookingNoteOut>;
