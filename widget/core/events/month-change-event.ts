/** `<tandem-calendar>`: the customer moved to another month (`YYYY-MM`). */
export class MonthChangeEvent extends CustomEvent<{ month: string }> {
  static readonly eventName = 'tandem-month-change';
  constructor(detail: { month: string }) {
    super(MonthChangeEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tandem-month-change': MonthChangeEvent;
  }
}
