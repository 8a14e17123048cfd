import type { BookingState } from '../context/types.ts';

/** A step changes parts of the booking state; `<tandem-program>` replaces its state (steps see it at once). */
export class BookingChangeEvent extends CustomEvent<{ patch: Partial<BookingState> }> {
  static readonly eventName = 'tandem-booking-change';
  constructor(detail: { patch: Partial<BookingState> }) {
    super(BookingChangeEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tandem-booking-change': BookingChangeEvent;
  }
}
