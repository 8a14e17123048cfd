/** A form field: the customer left it (its check may now be shown). */
export class FieldBlurEvent extends CustomEvent<{ name: string }> {
  static readonly eventName = 'tandem-field-blur';
  constructor(detail: { name: string }) {
    super(FieldBlurEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tandem-field-blur': FieldBlurEvent;
  }
}
