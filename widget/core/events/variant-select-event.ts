/** Program page: the customer chose a price option. */
export class VariantSelectEvent extends CustomEvent<{ variantId: string }> {
  static readonly eventName = 'tandem-variant-select';
  constructor(detail: { variantId: string }) {
    super(VariantSelectEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tandem-variant-select': VariantSelectEvent;
  }
}
