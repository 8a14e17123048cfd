/** `<tandem-stripe-payment>`: Stripe accepted the payment; the booking is confirmed by the webhook. */
export class PaymentConfirmedEvent extends CustomEvent<Record<string, never>> {
  static readonly eventName = 'tandem-payment-confirmed';
  constructor(detail: Record<string, never>) {
    super(PaymentConfirmedEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tandem-payment-confirmed': PaymentConfirmedEvent;
  }
}
