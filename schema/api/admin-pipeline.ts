import * as v from 'valibot';
import { Id, IsoInstant, singleLine } from './common.ts';
import { AdminOrderOut } from './admin-orders.ts';
import { StaffSessionOut } from './admin-lifecycle.ts';
import { PIPELINE_STATUSES, type PipelineStatus as PipelineStatusName } from '../../shared/pipeline.ts';

export { PIPELINE_STATUSES };
export const PipelineStatus = v.picklist(PIPELINE_STATUSES);

const Text = (max: number) => v.pipe(v.string(), v.trim(), singleLine(), v.minLength(1, 'must not be empty'), v.maxLength(max, `must be at most ${max} characters`));

/** GET /v1/admin/bookings (and bookings.csv): every filter optional, combined with "and". */
export const PipelineQuery = v.object({
  /** One status or several, comma-separated (`reserved,payment_overdue`). */
  status: v.optional(v.pipe(v.string(), v.transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)), v.array(PipelineStatus))),
  /** The program's slug or id. */
  program: v.optional(Text(100)),
  instructor: v.optional(Id),
  /** Bookings with a session starting at or after `from` and before `to`. */
  from: v.optional(IsoInstant),
  to: v.optional(IsoInstant),
  /** The customer's name, e-mail or phone (part of it), or the booking's id. */
  q: v.optional(Text(200)),
  /** The booking's `utm_source` (or `channel`) as the widget recorded it. */
  source: v.optional(Text(100)),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'must be a number from 1 to 200'), v.transform(Number), v.minValue(1, 'must be a number from 1 to 200'), v.maxValue(200, 'must be a number from 1 to 200'))),
});
export type PipelineQuery = v.InferOutput<typeof PipelineQuery>;

export const PipelineSession = v.object({ id: v.string(), starts_at: v.string(), ends_at: v.string(), timezone: v.string() });

export const PipelineBookingOut = v.object({
  id: v.string(),
  /** The pipeline's status (its column); `booking_status` is the stored one. */
  status: PipelineStatus,
  booking_status: v.string(),
  program: v.object({ id: v.string(), slug: v.string(), title: v.string() }),
  customer: v.object({ id: v.string(), name: v.string(), email: v.string() }),
  instructor: v.object({ id: v.string(), name: v.string() }),
  /** The next session not yet over (or the one running); null when none is scheduled ahead. */
  next_session: v.nullable(PipelineSession),
  sessions_count: v.number(),
  total_price: v.object({ amount: v.number(), currency: v.string() }),
  source: v.record(v.string(), v.string()),
  created_at: v.string(),
});
export type PipelineBookingOut = v.InferOutput<typeof PipelineBookingOut>;

export const PipelineOut = v.object({
  bookings: v.array(PipelineBookingOut),
  /** Per status, over every filter but `status` and the cursor (the columns' counts). */
  counts: v.object(Object.fromEntries(PIPELINE_STATUSES.map((s) => [s, v.number()])) as Record<PipelineStatusName, v.NumberSchema<undefined>>),
  /** Send as `cursor` for the next page; null on the last. */
  next_cursor: v.nullable(v.string()),
});
export type PipelineOut = v.InferOutput<typeof PipelineOut>;

export const IntakeAnswerOut = v.object({ name: v.string(), label: v.string(), value: v.string(), health: v.boolean() });

/** GET /v1/admin/bookings/:id */
export const BookingDetailOut = v.object({
  ...PipelineBookingOut.entries,
  variant: v.object({ id: v.string(), name: v.string() }),
  /** How the program is delivered; online and hybrid sessions each have a meeting address (PUT …/sessions/:sessionId/meeting-url). */
  delivery_mode: v.picklist(['in_person', 'online', 'hybrid']),
  customer: v.object({ id: v.string(), name: v.string(), email: v.string(), phone: v.nullable(v.string()), language: v.string(), timezone: v.nullable(v.string()) }),
  hold_expires_at: v.nullable(v.string()),
  cancelled_at: v.nullable(v.string()),
  cancellation_reason: v.nullable(v.string()),
  /** Staff's private note on the booking (PUT …/note); never in the customer's answers. */
  notes_private_md: v.nullable(v.string()),
  intake: v.object({
    /** In the form's order, labelled in the studio's language. */
    answers: v.array(IntakeAnswerOut),
    /** Health answers are shown only to the booking's instructor and to managers: true when some were left out. */
    health_withheld: v.boolean(),
  }),
  sessions: v.array(StaffSessionOut),
  sessions_to_schedule: v.number(),
  /** The order with payments, plan installments, refunds, invoices and credit notes; null when there is none or the viewer sees no money (instructors). */
  order: v.nullable(AdminOrderOut),
  progress: v.array(v.object({ milestone_id: v.string(), name: v.string(), due_day_offset: v.nullable(v.number()), completed_at: v.nullable(v.string()), artifact_url: v.nullable(v.string()), notes_md: v.nullable(v.string()) })),
  /** What happened to the booking, its sessions and its order, oldest first (owners and managers). */
  events: v.array(v.object({ type: v.string(), at: v.string(), actor_role: v.string(), payload: v.record(v.string(), v.unknown()) })),
});
export type BookingDetailOut = v.InferOutput<typeof BookingDetailOut>;
