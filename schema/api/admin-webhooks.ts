import * as v from 'valibot';
import { Id } from './common.ts';
import { WEBHOOK_EVENTS } from '../../shared/webhook-events.ts';

export const WebhookParams = v.object({ id: Id });
export const WebhookDeliveryParams = v.object({ id: Id, deliveryId: Id });

/** POST /v1/admin/webhooks */
export const CreateWebhookBody = v.strictObject({
  url: v.pipe(v.string(), v.maxLength(2048, 'must be at most 2048 characters')),
  events: v.pipe(v.array(v.picklist(WEBHOOK_EVENTS, `must be one of ${WEBHOOK_EVENTS.join(', ')}`)), v.minLength(1, 'must name at least one event')),
});
export type CreateWebhookBody = v.InferOutput<typeof CreateWebhookBody>;

export const WebhookEndpointOut = v.object({
  id: Id,
  url: v.string(),
  events: v.array(v.string()),
  /** `disabled` after three days of failed deliveries (`disabled_reason: failing`); POST …/enable turns it back on. */
  status: v.picklist(['enabled', 'disabled']),
  disabled_reason: v.nullable(v.string()),
  /** The first failure since the last successful delivery. */
  failing_since: v.nullable(v.string()),
  /** Until then the previous secret signs too (after a rotation). */
  previous_secret_until: v.nullable(v.string()),
  created_at: v.string(),
});
export type WebhookEndpointOut = v.InferOutput<typeof WebhookEndpointOut>;

/** The endpoint with its secret: answered once, when created or rotated. */
export const WebhookWithSecretOut = v.object({ ...WebhookEndpointOut.entries, secret: v.pipe(v.string(), v.regex(/^whsec_/)) });
export type WebhookWithSecretOut = v.InferOutput<typeof WebhookWithSecretOut>;

export const WebhooksOut = v.object({ webhooks: v.array(WebhookEndpointOut) });

export const WebhookAttemptOut = v.object({
  attempted_at: v.string(),
  /** The receiver's HTTP status, null when it did not answer (refused, timed out, blocked). */
  status_code: v.nullable(v.number()),
  error: v.nullable(v.string()),
  duration_ms: v.number(),
  /** The first 2,048 characters of the answer. */
  response_body: v.nullable(v.string()),
});

export const WebhookDeliveryOut = v.object({
  id: Id,
  event_id: Id,
  type: v.string(),
  /** The `webhook-id` header: the same in every attempt and replay. */
  message_id: v.string(),
  status: v.picklist(['pending', 'succeeded', 'failed']),
  attempts: v.number(),
  next_attempt_at: v.nullable(v.string()),
  last_status_code: v.nullable(v.number()),
  last_error: v.nullable(v.string()),
  delivered_at: v.nullable(v.string()),
  occurred_at: v.string(),
  /** The exact body sent. */
  payload: v.record(v.string(), v.unknown()),
  attempt_log: v.array(WebhookAttemptOut),
});
export type WebhookDeliveryOut = v.InferOutput<typeof WebhookDeliveryOut>;
export const WebhookDeliveriesOut = v.object({ deliveries: v.array(WebhookDeliveryOut) });

const Instant = v.nullable(v.string());
const SessionV1 = v.object({ id: Id, seq: v.number(), starts_at: Instant, ends_at: Instant, status: v.string() });

/**
 * Every webhook's body, version 1 (`version: 1`): `type`, `id` (the event; `webhook-id` is `msg_` + it),
 * `timestamp` (when it happened) and `data` with the booking as it was then and the event's own part:
 * `session` (session.*), `previous.starts_at` (session.rescheduled), `sessions` (session.scheduled),
 * `installment` and `reason` (payment.failed, installment.overdue), `refund` (refund.created),
 * `cancelled_by` and `previous_status` (booking.cancelled), `hold_expires_at` (booking.reserved), `payment` (payment.succeeded),
 * `customer` (customer.created, with `booking: null`), `message` (message.created), `review` (review.created).
 * Fields are added, never renamed or removed, within a version.
 * Signed per Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature` (`v1,<base64 HMAC-SHA256>`).
 */
export const WebhookPayloadV1 = v.object({
  type: v.picklist(WEBHOOK_EVENTS),
  version: v.literal(1),
  id: Id,
  timestamp: v.string(),
  data: v.object({
    booking: v.nullable(v.object({
      id: Id, status: v.string(),
      program: v.object({ id: Id, slug: v.string(), title: v.string() }),
      variant: v.object({ id: Id, name: v.string() }),
      instructor: v.object({ id: Id, name: v.string() }),
      customer: v.object({ id: Id, name: v.string(), email: v.string() }),
      currency: v.string(), total_price: v.number(), source: v.record(v.string(), v.unknown()),
      sessions: v.array(SessionV1),
    })),
    session: v.optional(v.nullable(SessionV1)),
    sessions: v.optional(v.array(SessionV1)),
    previous: v.optional(v.object({ starts_at: Instant })),
    hold_expires_at: v.optional(Instant),
    payment: v.optional(v.object({
      id: Id, order_id: Id, amount: v.number(), currency: v.string(),
      method: v.string(), purpose: v.picklist(['order', 'fee']),
    })),
    customer: v.optional(v.object({ id: Id, name: v.string(), email: v.string(), locale: v.string(), via: v.picklist(['booking', 'sign_in']) })),
    message: v.optional(v.object({ id: Id, thread_id: Id, sender: v.picklist(['customer', 'staff']), body_md: v.string() })),
    review: v.optional(v.object({ id: Id, rating: v.number(), text: v.string(), consent_to_publish: v.boolean() })),
  }),
});
