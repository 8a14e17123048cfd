/** `<tandem-stripe-payment>`: Stripe.js could not load or the payment was refused. */
export class PaymentFailedEvent extends CustomEvent<{ message: string }> {
  static readonly eventName = 'tandem-payment-failed';
  constructor(detail: { message: string }) {
    super(PaymentFailedEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tandem-payment-failed': PaymentFailedEvent;
  }
}
