/**
 * What a studio's other systems receive: the public event types, which domain event each comes
 * from, and the payload (version 1), built from the domain event and the booking as it is when
 * the event is recorded. The shape is the contract: fields are added, never renamed or removed,
 * within a version (schema/api/webhooks.ts documents it; OpenAPI's `webhooks` section shows it).
 */

/** The payload's version; a breaking change would be version 2, chosen per endpoint. */
export const WEBHOOK_PAYLOAD_VERSION = 1;

import { WEBHOOK_EVENTS, type WebhookEvent } from '../../../../shared/webhook-events.ts';
export { WEBHOOK_EVENTS, type WebhookEvent };

/** The domain event each public event comes from (one each: a reschedule is one event). */
const FROM_DOMAIN: Record<string, WebhookEvent> = {
  'booking.reserved': 'booking.reserved',
  'booking.confirmed': 'booking.confirmed',
  'booking.cancelled': 'booking.cancelled',
  'booking.completed': 'booking.completed',
  'session.scheduled': 'session.scheduled',
  'session.rescheduled': 'session.rescheduled',
  'session.cancelled': 'session.cancelled',
  'session.completed': 'session.completed',
  'session.no_show': 'session.no_show',
  'installment.failed': 'payment.failed',
  'refund.created': 'refund.created',
  'installment.overdue': 'installment.overdue',
  'payment.succeeded': 'payment.succeeded',
  'customer.created': 'customer.created',
  'message.created': 'message.created',
  'review.created': 'review.created',
};

export function webhookEventOf(domainType: string): WebhookEvent | null {
  return FROM_DOMAIN[domainType] ?? null;
}

/** One message a domain event becomes: its public type, its own id, and the part of the domain payload it tells. */
export interface WebhookMessage { type: WebhookEvent; id: string; payload: Record<string, unknown> }

/**
 * The messages of a domain event: one, or for a series moved at once one `session.rescheduled` per
 * moved session (each with an id derived from the event and the session, so it is stable too).
 */
export function webhookMessagesOf(event: { id: string; type: string; payload: Record<string, unknown> }, derivedId: (eventId: string, part: string) => string): WebhookMessage[] {
  if (event.type === 'series.rescheduled') {
    const moved = Array.isArray(event.payload.sessions) ? event.payload.sessions as Record<string, unknown>[] : [];
    return moved.map((s) => ({ type: 'session.rescheduled', id: derivedId(event.id, String(s.session_id)), payload: { ...s, by: event.payload.by } }));
  }
  const type = webhookEventOf(event.type);
  return type ? [{ type, id: event.id, payload: event.payload }] : [];
}

export interface SessionSnapshot { id: string; seq: number; starts_at: string | null; ends_at: string | null; status: string }

/** The booking as webhooks show it, read in the event's transaction. */
export interface BookingSnapshot {
  id: string;
  status: string;
  program: { id: string; slug: string; title: string };
  variant: { id: string; name: string };
  instructor: { id: string; name: string };
  customer: { id: string; name: string; email: string };
  currency: string;
  total_price: number;
  source: Record<string, unknown>;
  sessions: SessionSnapshot[];
}

export interface WebhookPayload {
  type: WebhookEvent;
  version: number;
  /** The event's id: the same in every delivery and replay (the `webhook-id` header is `msg_` + it). */
  id: string;
  timestamp: string;
  data: Record<string, unknown>;
}

type DomainPayload = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** The event-specific part of `data`, from the domain event's payload (the booking is added beside it). */
function details(type: WebhookEvent, p: DomainPayload, booking: BookingSnapshot | null): Record<string, unknown> {
  const session = (id: unknown) => booking?.sessions.find((s) => s.id === id) ?? null;
  switch (type) {
    case 'booking.confirmed':
    case 'booking.completed':
      return {};
    case 'booking.reserved':
      return { hold_expires_at: str(p.hold_expires_at) };
    case 'payment.succeeded':
      return { payment: { id: str(p.payment_id), order_id: str(p.order_id), amount: num(p.amount), currency: str(p.currency), method: str(p.method), purpose: str(p.purpose) } };
    case 'customer.created':
      return { customer: { id: str(p.customer_id), name: str(p.name), email: str(p.email), locale: str(p.locale), via: str(p.via) } };
    case 'message.created':
      return { message: { id: str(p.message_id), thread_id: str(p.thread_id), sender: str(p.sender), body_md: str(p.body_md) } };
    case 'review.created':
      return { review: { id: str(p.review_id), rating: num(p.rating), text: str(p.text), consent_to_publish: p.consent_to_publish === true } };
    case 'booking.cancelled':
      return { cancelled_by: str(p.by), previous_status: str(p.previous_status) };
    case 'session.scheduled':
      return { sessions: (Array.isArray(p.sessions) ? p.sessions : []).map((s) => session((s as DomainPayload).session_id)).filter(Boolean) };
    case 'session.rescheduled':
      return { session: session(p.session_id), previous: { starts_at: str(p.previous_start) }, moved_by: str((p.by as DomainPayload | undefined)?.kind ?? p.by) };
    case 'session.cancelled':
      return { session: session(p.session_id), cancelled_by: str(p.by), fee: num(p.fee), refund: num(p.refund) };
    case 'session.completed':
      return { session: session(p.session_id), checked_in: p.checked_in === true };
    case 'session.no_show':
      return { session: session(p.session_id) };
    case 'payment.failed':
    case 'installment.overdue':
      return {
        installment: { id: str(p.installment_id), amount: num(p.amount), currency: str(p.currency), due_at: str(p.due_at), attempts: num(p.attempts), next_attempt_at: str(p.next_attempt_at) },
        reason: str(p.reason),
      };
    case 'refund.created':
      return { refund: { id: str(p.refund_id), amount: num(p.amount), currency: str(p.currency), kind: str(p.kind), reason: str(p.reason) } };
  }
}

/** The body of a webhook for a recorded domain event. */
export function webhookPayload(type: WebhookEvent, event: { id: string; occurredAt: Date; payload: DomainPayload }, booking: BookingSnapshot | null): WebhookPayload {
  return {
    type,
    version: WEBHOOK_PAYLOAD_VERSION,
    id: event.id,
    timestamp: event.occurredAt.toISOString(),
    data: { booking, ...details(type, event.payload, booking) },
  };
}
