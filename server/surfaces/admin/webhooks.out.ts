import type { WebhookDeliveryOut, WebhookEndpointOut, WebhookWithSecretOut } from '../../../schema/api/admin-webhooks.ts';
import type { DeliveryWithAttempts, EndpointRow } from '../../modules/webhooks/index.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** An endpoint as the admin API answers it: never its secret. */
export function webhookOut(e: EndpointRow): WebhookEndpointOut {
  return {
    id: e.id, url: e.url, events: e.events, status: e.status, disabled_reason: e.disabledReason, failing_since: iso(e.failingSince),
    previous_secret_until: iso(e.previousSecretUntil), created_at: e.createdAt.toISOString(),
  };
}

/** When created or rotated: the secret, this once. */
export const webhookWithSecretOut = (e: EndpointRow): WebhookWithSecretOut => ({ ...webhookOut(e), secret: e.secret });

export function webhookDeliveryOut({ delivery: d, attempts }: DeliveryWithAttempts): WebhookDeliveryOut {
  return {
    id: d.id, event_id: d.eventId, type: d.eventType, message_id: d.messageId, status: d.status, attempts: d.attempts,
    next_attempt_at: d.status === 'pending' ? iso(d.nextAttemptAt) : null, last_status_code: d.lastStatusCode, last_error: d.lastError,
    delivered_at: iso(d.deliveredAt), occurred_at: d.occurredAt.toISOString(), payload: d.payload,
    attempt_log: attempts.map((a) => ({ attempted_at: a.attemptedAt.toISOString(), status_code: a.statusCode, error: a.error, duration_ms: a.durationMs, response_body: a.responseBody })),
  };
}
