/** `<tandem-calendar>`: the customer picked a day with free times (`YYYY-MM-DD`). */
export class DateSelectEvent extends CustomEvent<{ date: string }> {
  static readonly eventName = 'tandem-date-select';
  constructor(detail: { date: string }) {
    super(DateSelectEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tandem-date-select': DateSelectEvent;
  }
}
