/** A form field: the customer changed its value (dispatched from the control). */
export class FieldInputEvent extends CustomEvent<{ name: string; value: unknown }> {
  static readonly eventName = 'tandem-field-input';
  constructor(detail: { name: string; value: unknown }) {
    super(FieldInputEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tandem-field-input': FieldInputEvent;
  }
}
