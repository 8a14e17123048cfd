/** The outgoing webhook events a studio's endpoint may subscribe to (server and admin console alike). */
export const WEBHOOK_EVENTS = [
  'booking.reserved', 'booking.confirmed', 'booking.cancelled', 'booking.completed',
  'session.scheduled', 'session.rescheduled', 'session.cancelled', 'session.completed', 'session.no_show',
  'payment.succeeded', 'payment.failed', 'refund.created', 'installment.overdue',
  'customer.created', 'message.created', 'review.created',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
